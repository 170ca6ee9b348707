/**
 * Honours (先进典型, issue #8 §4): the kinds (three built in, more the committee defines), whether a kind
 * honours an organisation or a person, and the 蓄水池 report — the share of each year's honours that went
 * to holders of a demonstration title standing on the honour's date. Pure: plain data in, plain data out.
 */
export const HONOUR_SUBJECTS = ['organization', 'person'] as const;
export type HonourSubject = (typeof HONOUR_SUBJECTS)[number];

export interface HonourKindDef {
  code: string;
  nameZh: string;
  nameEn: string;
  subject: HonourSubject;
}

/** The built-in kinds (seeded by migration 0019; never deleted). */
export const BUILT_IN_HONOUR_KINDS: readonly HonourKindDef[] = [
  {
    code: 'advanced_org',
    nameZh: '先进基层党组织',
    nameEn: 'Advanced grassroots party organisation',
    subject: 'organization',
  },
  {
    code: 'outstanding_member',
    nameZh: '优秀共产党员',
    nameEn: 'Outstanding party member',
    subject: 'person',
  },
  {
    code: 'outstanding_worker',
    nameZh: '优秀党务工作者',
    nameEn: 'Outstanding party worker',
    subject: 'person',
  },
];

/** A committee-defined kind's code: lower-case letters, digits and underscores, starting with a letter. */
export const HONOUR_KIND_CODE = /^[a-z][a-z0-9_]{1,39}$/;

/** A title's span on the calendar: standing from `validFrom` until the first day it no longer stands. */
export interface TitleSpan {
  organizationId: string;
  trackCode: string;
  orgKind: string;
  validFrom: string;
  /** The first China day it no longer stands: its validity's end, or the day of a revocation or expiry. */
  endsOn: string;
}

export interface HonourFact {
  year: number;
  kindCode: string;
  subject: HonourSubject;
  organizationId: string;
  unitId: string;
  awardedOn: string;
}

/** The titles that make an honour one "from the pool": organisation honours count the org's and its unit's titles. */
export function poolTitlesOf(h: HonourFact, byOrg: Map<string, TitleSpan[]>): TitleSpan[] {
  const orgs =
    h.subject === 'organization' && h.unitId !== h.organizationId
      ? [h.organizationId, h.unitId]
      : [h.organizationId];
  return orgs
    .flatMap((id) => byOrg.get(id) ?? [])
    .filter((t) => t.validFrom <= h.awardedOn && h.awardedOn < t.endsOn);
}

export interface ReservoirKindRow {
  kindCode: string;
  total: number;
  fromPool: number;
  share: number;
}
export interface ReservoirTrackRow {
  trackCode: string;
  orgKind: string;
  honours: number;
}
export interface ReservoirYear {
  year: number;
  total: number;
  fromPool: number;
  /** fromPool / total, 4 decimals (0 when no honours). */
  share: number;
  byKind: ReservoirKindRow[];
  /** Honours whose holder stood in the pool, per track and org kind of the title(s); one honour counts once per group. */
  byTrack: ReservoirTrackRow[];
}

const share = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;

function yearOf(year: number, facts: HonourFact[], byOrg: Map<string, TitleSpan[]>): ReservoirYear {
  const kinds = new Map<string, { total: number; fromPool: number }>();
  const tracks = new Map<string, ReservoirTrackRow>();
  let fromPool = 0;
  for (const h of facts) {
    const k = kinds.get(h.kindCode) ?? { total: 0, fromPool: 0 };
    kinds.set(h.kindCode, k);
    k.total++;
    const held = poolTitlesOf(h, byOrg);
    if (held.length === 0) continue;
    fromPool++;
    k.fromPool++;
    for (const key of new Set(held.map((t) => `${t.trackCode}\u0000${t.orgKind}`))) {
      const [trackCode, orgKind] = key.split('\u0000') as [string, string];
      const row = tracks.get(key) ?? { trackCode, orgKind, honours: 0 };
      tracks.set(key, row);
      row.honours++;
    }
  }
  return {
    year,
    total: facts.length,
    fromPool,
    share: share(fromPool, facts.length),
    byKind: [...kinds]
      .map(([kindCode, v]) => ({ kindCode, ...v, share: share(v.fromPool, v.total) }))
      .sort((a, b) => a.kindCode.localeCompare(b.kindCode)),
    byTrack: [...tracks.values()].sort(
      (a, b) => a.trackCode.localeCompare(b.trackCode) || a.orgKind.localeCompare(b.orgKind),
    ),
  };
}

/** The 蓄水池 report, one row per year that has honours, oldest first. */
export function reservoirReport(honours: HonourFact[], titles: TitleSpan[]): ReservoirYear[] {
  const byOrg = new Map<string, TitleSpan[]>();
  for (const t of titles) byOrg.set(t.organizationId, [...(byOrg.get(t.organizationId) ?? []), t]);
  const years = new Map<number, HonourFact[]>();
  for (const h of honours) years.set(h.year, [...(years.get(h.year) ?? []), h]);
  return [...years.keys()].sort((a, b) => a - b).map((y) => yearOf(y, years.get(y)!, byOrg));
}

/** A real calendar date written `YYYY-MM-DD` (2025-02-30 is not). */
export function isCivilDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export interface HonourInput {
  year: number;
  subject: HonourSubject;
  personName?: string | null;
  personPosition?: string | null;
  awardedOn: string;
}

export type HonourProblem = 'person_required' | 'person_not_allowed' | 'bad_date' | 'date_out_of_year';

export const HONOUR_PROBLEM_TEXT: Record<HonourProblem, { field: string; zh: string; en: string }> = {
  person_required: { field: 'personName', zh: '个人表彰须填写姓名', en: 'A person honour needs the name' },
  person_not_allowed: {
    field: 'personName',
    zh: '组织表彰不填写个人姓名和职务',
    en: 'An organisation honour has no person name or position',
  },
  bad_date: { field: 'awardedOn', zh: '表彰日期不是有效日期', en: 'The date is not a valid date' },
  date_out_of_year: {
    field: 'awardedOn',
    zh: '表彰日期应在表彰年度或其次年内',
    en: 'The date must fall in the honour’s year or the next',
  },
};

/** What is wrong with a record for its kind's subject: the person fields and the date (its year or the next). */
export function honourProblems(h: HonourInput): HonourProblem[] {
  const out: HonourProblem[] = [];
  const person = !!h.personName?.trim();
  if (h.subject === 'person' && !person) out.push('person_required');
  if (h.subject === 'organization' && (person || !!h.personPosition?.trim())) out.push('person_not_allowed');
  if (!isCivilDate(h.awardedOn)) out.push('bad_date');
  else if (![h.year, h.year + 1].includes(Number(h.awardedOn.slice(0, 4)))) out.push('date_out_of_year');
  return out;
}
