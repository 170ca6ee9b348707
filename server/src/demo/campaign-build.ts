/**
 * Builds the campaign demo rows (pure, deterministic for a given `now` and standards): three campaigns with
 * their settings, the applications with content, self-assessment and history, unit ranks and caps, the
 * cultivation pools and the demo accounts' inboxes. `campaigns.ts` writes them.
 */
import type {
  applicationEvents,
  applications,
  campaignUnitCaps,
  evidenceFiles,
  notifications,
  selfAssessments,
} from '../db/schema';
import { yearOf } from '../../../shared/src/domain/campaign-rules';
import { APPLICATION_ACTIONS, type ApplicationAction } from '../../../shared/src/domain/application-workflow';
import { transitionMessage } from '../modules/applications/messages';
import type { DemoData, DemoOrg } from './build';
import { DEMO_SEED } from './build';
import { buildCultivations, type CultivationRows } from './campaign-cultivation';
import { closedChain, openChain, type Chain, type Person } from './campaign-history';
import { assignRanks, replay } from './campaign-replay';
import { CAPPED_UNITS, DEMO_APPLICANT_ORG, DEMO_UNIT, PINS, trackOf } from './campaign-plan';
import {
  campaignRows,
  campaignSettings,
  STANDARD_OF,
  type CampaignRow,
  type CampaignSettings,
  type StandardsInput,
} from './campaign-settings';
import { DAY, HOUR, type Times } from './campaign-time';
import { planCultivations, selectApplications, extraVenues, type Planned } from './campaign-select';
import * as text from './campaign-text';
import { GIVEN_NAMES, SURNAMES } from './data';
import { prng, type Prng } from './prng';
import { DEMO_EVIDENCE } from './evidence-file';

export type { StandardsInput } from './campaign-settings';

/**
 * What a closed year's evaluation (`campaign-evaluation.ts`) needs: its campaign, timeline, the plan's
 * selection (outcome `certified`) and the committee's one deviation from the proposal — `dropped` is
 * scored among the best but not selected, `added` scored below the line but selected, both with reasons.
 */
export interface ClosedYear {
  campaignId: string;
  year: number;
  yearsAgo: 1 | 2;
  times: Times;
  /** Accepted applications in id order, with the plan's outcome. */
  accepted: { id: string; selected: boolean }[];
  deviation: { dropped: string; added: string };
  /**
   * The accepted applications whose story the plan leaves free (`campaign-publicity.ts` may object to
   * them or substitute them): not pinned, not the demo unit's, not the deviation, and their subject does
   * not apply in a later year nor sits in a cultivation pool.
   */
  ordinary: string[];
}

export interface CampaignDemo extends CultivationRows, CampaignSettings {
  closedYears: ClosedYear[];
  venues: DemoData['venues'];
  campaigns: CampaignRow[];
  caps: (typeof campaignUnitCaps.$inferInsert)[];
  applications: (typeof applications.$inferInsert & { id: string })[];
  selfAssessments: (typeof selfAssessments.$inferInsert)[];
  /** One file per criterion that asks for evidence, for every application past its draft (all the same PDF). */
  evidence: (typeof evidenceFiles.$inferInsert)[];
  events: (typeof applicationEvents.$inferInsert)[];
  notifications: (typeof notifications.$inferInsert)[];
}

const half = (r: Prng, lo: number, hi: number) => r.int(lo * 2, hi * 2) / 2;

export function buildCampaignDemo(base: DemoData, std: StandardsInput, nowDate: Date): CampaignDemo {
  const r = prng(DEMO_SEED + 3);
  const fileIds = prng(DEMO_SEED + 9); // its own stream: the other rows stay as they were
  const now = nowDate.getTime();
  const year = yearOf(nowDate);
  const venues = extraVenues(r, base.orgs, base.venues);
  const allVenues = [...base.venues, ...venues];
  const planned = selectApplications(r, base.orgs, allVenues, year);
  const pool = planCultivations(r, base.orgs, allVenues, planned).map((plan) => ({ plan, id: r.uuid() }));
  const cultivationOf = new Map(
    pool.flatMap((c) => (c.plan.application ? [[c.plan.application, c.id]] : [])),
  );

  const account = (username: string) => base.accounts.find((a) => a.username === username)!;
  const asPerson = (a: DemoData['accounts'][number]): Person => ({
    id: a.id,
    name: a.displayName,
    role: a.role,
  });
  const committee = asPerson(account('admin'));
  const demoUnit = account('unit');
  const demoApplicant = account('applicant');
  const unitAdmins = new Map<string, Person>();
  const unitAdmin = (unitId: string): Person => {
    if (unitId === demoUnit.unitId) return asPerson(demoUnit);
    if (!unitAdmins.has(unitId))
      unitAdmins.set(unitId, { id: null, name: r.pick(SURNAMES) + r.pick(GIVEN_NAMES), role: 'unit_admin' });
    return unitAdmins.get(unitId)!;
  };
  const applicantOf = (org: DemoOrg): Person =>
    org.id === demoApplicant.organizationId
      ? asPerson(demoApplicant)
      : { id: null, name: org.contactName, role: 'applicant' };

  const camps = campaignRows(now, year, r);
  // The current year's intake is over: every step of its applications fell within the application window.
  const intakeEnd = Math.min(now - 30 * 60_000, camps[2]!.times.applicationClosesAt);
  const out: CampaignDemo = {
    venues,
    campaigns: camps.map((c) => c.row),
    ...campaignSettings(camps, std),
    closedYears: [],
    caps: [],
    applications: [],
    selfAssessments: [],
    evidence: [],
    events: [],
    notifications: [],
    cultivations: [],
    milestones: [],
    notes: [],
  };
  const brands = new Map<string, string>();
  const apps = planned.map((p, i) => {
    const { org, venue } = p.subject;
    const c = camps[2 - p.yearsAgo]!;
    const cultivation = cultivationOf.get(p);
    const who = {
      applicant: applicantOf(org),
      unit: unitAdmin(org.unitId!),
      committee,
      creator: applicantOf(org),
    };
    if (cultivation) who.creator = who.unit;
    const demo = p.yearsAgo === 0 && org.name === DEMO_APPLICANT_ORG && !venue;
    const texts = {
      opinion: r.pick(text.UNIT_OPINIONS[trackOf(p.subject.line)]),
      unitReturn: demo ? text.DEMO_RETURN_REASON : r.pick(text.UNIT_RETURN_REASONS),
      committeeReturn: r.pick(text.COMMITTEE_RETURN_REASONS),
      withdraw: r.pick(text.WITHDRAW_REASONS),
    };
    // Each history draws from its own generator: times depend on `now`, the rest of the data does not.
    const hr = prng(DEMO_SEED + 1000 + i);
    const chain: Chain = p.yearsAgo
      ? closedChain(hr, p.outcome, c.times, who, texts)
      : openChain(hr, p.outcome, c.times, intakeEnd, who, texts, demo ? intakeEnd - 3 * DAY : null);
    if (!brands.has(p.subject.id)) brands.set(p.subject.id, text.brandName(brands.size));
    const story = venue ? undefined : text.STORIES[org.name];
    const brand = story?.brand ?? brands.get(p.subject.id)!;
    const narrative =
      story?.narrative ??
      (venue
        ? text.venueNarrative(r, venue.name, brand)
        : text.narrative(r, org.name, brand, r.pick(text.THEMES)));
    return { p, id: r.uuid(), campaign: c.row, chain, brand, narrative, cultivationId: cultivation ?? null };
  });

  // Ranks in each unit's list, then the caps: the current year's capped units have room to spare, a few
  // units of each closed year used their cap in full.
  const groups = new Map<string, typeof apps>();
  for (const a of apps) {
    const key = `${a.campaign.id}|${trackOf(a.p.subject.line)}|${a.p.subject.org.unitId}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const most = new Map([...groups].map(([key, list]) => [key, assignRanks(list.map((a) => a.chain))]));
  const unitIdOf = (name: string) => base.orgs.find((o) => o.name === name)!.id;
  const capR = prng(DEMO_SEED + 4);
  const current = camps[2]!.row.id;
  for (const c of CAPPED_UNITS) {
    const key = `${current}|${c.track}|${unitIdOf(c.unit)}`;
    out.caps.push({
      campaignId: current,
      trackCode: c.track,
      unitId: unitIdOf(c.unit),
      cap: (most.get(key) ?? 0) + c.spare,
    });
  }
  for (const { row } of camps.slice(0, 2))
    for (const track of ['site', 'venue'] as const) {
      const full = [...most].filter(([k, m]) => k.startsWith(`${row.id}|${track}|`) && m >= 2);
      for (const [key, cap] of capR.sample(full, track === 'site' ? 3 : 1))
        out.caps.push({ campaignId: row.id, trackCode: track, unitId: key.split('|')[2]!, cap });
    }

  for (const a of apps) {
    const { org, venue, line } = a.p.subject;
    const row = replay(a.chain);
    const edits = a.chain.edits.length;
    // A draft saved once has its brand and a first score; twice its summary too; then everything.
    const level = row.status === 'draft' ? edits : 3;
    const trackCode = trackOf(line);
    out.applications.push({
      id: a.id,
      campaignId: a.campaign.id,
      trackCode,
      subjectId: a.p.subject.id,
      organizationId: org.id,
      venueId: venue?.id ?? null,
      unitId: org.unitId!,
      orgKind: org.kind,
      standardVersionId: std[STANDARD_OF[line]].versionId,
      cultivationId: a.cultivationId,
      brandName: level >= 1 ? a.brand : null,
      summary: level >= 2 ? a.narrative.summary : null,
      features: level >= 3 ? a.narrative.features : null,
      practices: level >= 3 ? a.narrative.practices : null,
      results: level >= 3 ? a.narrative.results : null,
      ...row,
    });
    const criteria = std[STANDARD_OF[line]].criteria;
    const scored = level >= 3 ? criteria.length : r.int(1, criteria.length - 1);
    const strong = a.p.outcome === 'certified';
    criteria.forEach((c, i) =>
      out.selfAssessments.push({
        applicationId: a.id,
        criterionId: c.id,
        unitId: org.unitId!,
        score: i >= scored ? null : c.bonus ? half(r, 5, 9.5) : half(r, strong ? 17 : 14, c.maxPoints),
        note: r.next() < 0.25 ? r.pick(text.SELF_NOTES) : null,
      }),
    );
    // A submitted application was complete (the workflow refuses one that is not): its evidence too.
    if (row.status !== 'draft')
      for (const c of criteria.filter((x) => x.evidenceRequired))
        out.evidence.push({
          id: fileIds.uuid(),
          applicationId: a.id,
          criterionId: c.id,
          unitId: org.unitId!,
          originalName: `${c.titleZh}佐证材料.pdf`,
          mediaType: 'application/pdf',
          sizeBytes: DEMO_EVIDENCE.bytes.length,
          sha256: DEMO_EVIDENCE.sha256,
          storageKey: DEMO_EVIDENCE.key,
          createdAt: row.submittedAt ?? undefined,
        });
    const name = venue ? `${org.name} ${venue.name}` : org.name;
    const subject = row.status === 'draft' ? name : `${name}（${a.brand}）`;
    for (const e of a.chain.events) {
      out.events.push({
        applicationId: a.id,
        unitId: org.unitId!,
        at: new Date(e.at),
        actorId: e.actor.id,
        actorName: e.actor.name,
        role: e.actor.role,
        action: e.action,
        fromStatus: e.from,
        toStatus: e.to,
        reason: e.reason,
      });
      if (!(APPLICATION_ACTIONS as readonly string[]).includes(e.action)) continue;
      // Who hears of it (as `recipientsOfOrganization`): the organisation's applicants and the unit's admins, not the actor.
      const recipients = base.accounts.filter(
        (u) =>
          u.id !== e.actor.id &&
          ((u.role === 'applicant' && u.organizationId === org.id) ||
            (u.role === 'unit_admin' && u.unitId === org.unitId)),
      );
      // As the service: the request's reason (a recommendation's opinion is not one).
      const reason = e.input.reason ?? null;
      const msg = transitionMessage(e.action as ApplicationAction, {
        id: a.id,
        subject,
        campaignName: a.campaign.name,
        reason,
      });
      for (const u of recipients) {
        const [rid, delay] = [r.uuid(), r.int(1, 72)];
        out.notifications.push({
          id: rid,
          userId: u.id,
          ...msg,
          createdAt: new Date(e.at),
          readAt: e.at < now - 5 * DAY ? new Date(e.at + delay * HOUR) : null,
        });
      }
    }
  }
  const subjectKey = (s: Planned['subject']) => `${trackOf(s.line)}:${s.id}`;
  const pooled = pool.map((c) => subjectKey(c.plan.subject));
  const laterThan = (yearsAgo: number) =>
    new Set([...apps.filter((a) => a.p.yearsAgo < yearsAgo).map((a) => subjectKey(a.p.subject)), ...pooled]);
  out.closedYears = camps
    .slice(0, 2)
    .map(({ row, times }, i) => closedYear(row, times, apps, base, (2 - i) as 1 | 2, laterThan(2 - i)));
  const appOf = new Map(apps.map((a) => [a.p, a]));
  const pools = buildCultivations(prng(DEMO_SEED + 5), pool, std, {
    now,
    opensAt: camps[2]!.times.applicationOpensAt,
    unitAdmin,
    appliedAt: (p: Planned) => appOf.get(p)!.chain.events[0]!.at,
  });
  return { ...out, ...pools };
}

/**
 * A closed year's plan for the evaluation: its accepted applications and the deviation, drawn among the
 * branches outside the pinned subjects and the demo unit (their stories stay as the plan tells them).
 */
function closedYear(
  row: CampaignRow,
  times: Times,
  apps: { p: Planned; id: string; campaign: CampaignRow }[],
  base: DemoData,
  yearsAgo: 1 | 2,
  later: Set<string>,
): ClosedYear {
  const demoUnit = base.orgs.find((o) => o.name === DEMO_UNIT)!.id;
  const pinned = new Set(PINS.map((p) => p.subject));
  const mine = apps
    .filter((a) => a.campaign.id === row.id && a.p.outcome !== 'withdrawn')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const r = prng(DEMO_SEED + 6 + row.year);
  const free = (selected: boolean) =>
    mine.filter(
      (a) =>
        a.p.subject.line === 'branch' &&
        (a.p.outcome === 'certified') === selected &&
        !pinned.has(a.p.subject.name) &&
        a.p.subject.org.unitId !== demoUnit,
    );
  const deviation = { dropped: r.pick(free(false)).id, added: r.pick(free(true)).id };
  const ordinary = mine.filter(
    (a) =>
      !pinned.has(a.p.subject.name) &&
      a.p.subject.org.unitId !== demoUnit &&
      a.id !== deviation.dropped &&
      a.id !== deviation.added &&
      !later.has(`${trackOf(a.p.subject.line)}:${a.p.subject.id}`),
  );
  return {
    campaignId: row.id,
    year: row.year,
    yearsAgo,
    times,
    accepted: mine.map((a) => ({ id: a.id, selected: a.p.outcome === 'certified' })),
    deviation,
    ordinary: ordinary.map((a) => a.id),
  };
}
