/**
 * Who applies when (pure): extra venues for the venue track, the subjects of each year's applications with
 * their outcome (the pins of `campaign-plan.ts` first, the rest drawn from eligible organisations and
 * venues), and the candidates of the units' cultivation pools. A certified subject holds its title and
 * does not apply again; some not selected in one year try again the next.
 */
import {
  CLOSED_YEARS,
  CURRENT_APPLICATIONS,
  CURRENT_OUTCOMES,
  DEMO_UNIT,
  DEMO_UNIT_POOL,
  EXTRA_VENUES,
  LINES,
  PINS,
  POOL_UNITS,
  trackOf,
  type Line,
  type Outcome,
} from './campaign-plan';
import type { DemoOrg, DemoVenue } from './build';
import { DISTRICT_ROADS, FACILITIES } from './data';
import type { Prng } from './prng';

export interface Subject {
  line: Line;
  org: DemoOrg;
  venue: DemoVenue | null;
  /** The organisation's id (site) or the venue's (venue). */
  id: string;
  name: string;
}

export interface Planned {
  yearsAgo: 0 | 1 | 2;
  subject: Subject;
  outcome: Outcome;
}

export type CultivationStatus = 'cultivating' | 'ready' | 'applied' | 'dropped';

export interface PlannedCultivation {
  subject: Subject;
  status: CultivationStatus;
  /** The current-year application it became (status applied). */
  application: Planned | null;
}

/** 市水务局排水一所党支部 → 市水务局排水一所; a numbered branch (…第二党支部) keeps its full name. */
const base = (name: string) => {
  const stem = name.replace(/(党支部|党总支|党委|党组)$/, '');
  return /第[一二三四五六七八九十\d]+$/.test(stem) ? name : stem;
};
// prettier-ignore
const SUFFIXES = ['党员活动室', '党员之家', '党建活动室', '党员教育室', '党建书屋'];

/** Activity rooms of more organisations: those the plan names (the demo unit's), then a sample of others. */
export function extraVenues(r: Prng, orgs: DemoOrg[], existing: DemoVenue[]): DemoVenue[] {
  const owned = new Set(existing.map((v) => v.organizationId));
  const unit = orgs.find((o) => o.name === DEMO_UNIT)!;
  const named = new Set([...PINS, ...DEMO_UNIT_POOL].filter((p) => p.line === 'venue').map((p) => p.subject));
  const free = orgs.filter((o) => o.depth >= 1 && !owned.has(o.id));
  const mine = free.filter((o) => named.has(`${base(o.name)}党员之家`));
  const others = r.sample(
    free.filter((o) => !mine.includes(o)),
    EXTRA_VENUES - mine.length,
  );
  return [...mine, ...others].map((o) => {
    const district = r.pick(Object.keys(DISTRICT_ROADS));
    const name =
      o.depth === 1
        ? `${o.shortName ?? base(o.name)}党员活动室`
        : `${base(o.name)}${o.unitId === unit.id ? '党员之家' : r.pick(SUFFIXES)}`;
    return {
      id: r.uuid(),
      organizationId: o.id,
      unitId: o.unitId,
      name,
      address: `天津市${district}${r.pick(DISTRICT_ROADS[district]!)}${r.int(1, 300)}号`,
      areaM2: r.int(30, 150),
      capacity: r.int(20, 80),
      facilities: r.sample(FACILITIES, r.int(3, 5)).join('、'),
      openedYear: r.int(2008, 2021),
    };
  });
}

function subjectsOf(line: Line, orgs: DemoOrg[], venues: DemoVenue[]): Subject[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  if (line === 'venue')
    return venues.map((v) => ({ line, org: byId.get(v.organizationId)!, venue: v, id: v.id, name: v.name }));
  return orgs
    .filter((o) => o.depth >= 1 && o.kind === line)
    .map((o) => ({ line, org: o, venue: null, id: o.id, name: o.name }));
}

function counted(counts: Partial<Record<Outcome, number>>): Outcome[] {
  return Object.entries(counts).flatMap(([o, n]) => Array<Outcome>(n).fill(o as Outcome));
}

function without(list: Outcome[], taken: Outcome[]): Outcome[] {
  const out = [...list];
  for (const t of taken) {
    const i = out.indexOf(t);
    if (i < 0) throw new Error(`demo plan: more pinned ${t} than planned`);
    out.splice(i, 1);
  }
  return out;
}

/** Every application of the three years, oldest year first. */
export function selectApplications(
  r: Prng,
  orgs: DemoOrg[],
  venues: DemoVenue[],
  currentYear: number,
): Planned[] {
  const reserved = new Set([...PINS.map((p) => p.subject), ...DEMO_UNIT_POOL.map((p) => p.subject)]);
  const all = new Map(LINES.map((l) => [l, subjectsOf(l, orgs, venues)]));
  const find = (line: Line, name: string) => {
    const s = all.get(line)!.find((x) => x.name === name);
    if (!s) throw new Error(`demo plan: no ${line} subject named ${name}`);
    return s;
  };
  const certified = new Set<string>();
  const notSelected = new Set<string>();
  const out: Planned[] = [];
  for (const yearsAgo of [2, 1, 0] as const) {
    const year: Planned[] = [];
    const open: Planned[] = [];
    for (const line of LINES) {
      const pins = PINS.filter((p) => p.yearsAgo === yearsAgo && p.line === line);
      const planned = yearsAgo > 0 ? CLOSED_YEARS[2 - yearsAgo]![line] : null;
      const n = (planned?.applications ?? CURRENT_APPLICATIONS[line]) - pins.length;
      // A venue applies once it has been in use for a year.
      const pool = all
        .get(line)!
        .filter(
          (s) =>
            !certified.has(s.id) &&
            !reserved.has(s.name) &&
            (!s.venue || s.venue.openedYear < currentYear - yearsAgo),
        );
      const again = pool.filter((s) => notSelected.has(s.id));
      const fresh = pool.filter((s) => !notSelected.has(s.id));
      const k = Math.min(again.length, Math.round(n * 0.3));
      const drawn = [...r.sample(again, k), ...r.sample(fresh, n - k)];
      for (const p of pins) year.push({ yearsAgo, subject: find(line, p.subject), outcome: p.outcome });
      const rest = drawn.map((subject): Planned => ({ yearsAgo, subject, outcome: 'draft' }));
      if (planned) {
        const outcomes = r.sample(
          without(
            counted({
              certified: planned.certified,
              withdrawn: planned.withdrawn,
              not_selected: planned.applications - planned.certified - planned.withdrawn,
            }),
            pins.map((p) => p.outcome),
          ),
          n,
        );
        rest.forEach((p, i) => (p.outcome = outcomes[i]!));
      } else open.push(...rest);
      year.push(...rest);
    }
    for (const track of ['site', 'venue'] as const) {
      const mine = open.filter((p) => trackOf(p.subject.line) === track);
      const pinned = PINS.filter((p) => p.yearsAgo === 0 && trackOf(p.line) === track).map((p) => p.outcome);
      const outcomes = r.sample(without(counted(CURRENT_OUTCOMES[track]), pinned), mine.length);
      mine.forEach((p, i) => (p.outcome = outcomes[i]!));
    }
    for (const p of year) {
      if (p.outcome === 'certified') certified.add(p.subject.id);
      if (p.outcome === 'not_selected') notSelected.add(p.subject.id);
    }
    out.push(...year);
  }
  return out;
}

/**
 * The cultivation pools: the demo unit's as planned, and for each other pool unit one candidate that
 * became a current-year application plus a few more (never a certified subject, never one that applied
 * this year outside the pool).
 */
export function planCultivations(
  r: Prng,
  orgs: DemoOrg[],
  venues: DemoVenue[],
  planned: Planned[],
): PlannedCultivation[] {
  const current = planned.filter((p) => p.yearsAgo === 0);
  const busy = new Set(
    planned
      .filter((p) => p.outcome === 'certified' || p.yearsAgo === 0)
      .map((p) => `${trackOf(p.subject.line)}:${p.subject.id}`),
  );
  const reserved = new Set([...PINS.map((p) => p.subject), ...DEMO_UNIT_POOL.map((p) => p.subject)]);
  const out: PlannedCultivation[] = [];
  for (const c of DEMO_UNIT_POOL) {
    const application =
      current.find((p) => p.subject.name === c.subject && p.subject.line === c.line) ?? null;
    const subject =
      application?.subject ?? subjectsOf(c.line, orgs, venues).find((s) => s.name === c.subject);
    if (!subject || (c.status === 'applied') !== !!application)
      throw new Error(`demo plan: cultivation of ${c.subject} does not fit the applications`);
    out.push({ subject, status: c.status, application });
  }
  for (const unitName of POOL_UNITS) {
    const unitId = orgs.find((o) => o.name === unitName)!.id;
    const applied = current.filter(
      (p) =>
        p.subject.org.unitId === unitId &&
        !reserved.has(p.subject.name) &&
        ['draft', 'submitted', 'recommended'].includes(p.outcome),
    );
    if (applied.length) {
      const application = r.pick(applied);
      out.push({ subject: application.subject, status: 'applied', application });
    }
    const candidates = (['branch', 'general_branch', 'venue'] as Line[]).flatMap((line) =>
      subjectsOf(line, orgs, venues).filter(
        (s) => s.org.unitId === unitId && !busy.has(`${trackOf(line)}:${s.id}`) && !reserved.has(s.name),
      ),
    );
    const statuses: CultivationStatus[] = ['ready', 'cultivating', r.pick(['cultivating', 'dropped'])];
    r.sample(candidates, statuses.length).forEach((subject, i) =>
      out.push({ subject, status: statuses[i]!, application: null }),
    );
  }
  return out;
}
