/**
 * The numbers and fixed placements of the demo campaigns (pure data). The seed article reports, over three
 * years, 217 site and 180 venue applications, 107 sites selected (10 party committees, 8 general branches,
 * 89 branches) and 96 venues certified. The demo's campaigns are the current year's (open, its timeline
 * built around the real clock) and the two years before (closed). The closed years hold part of the
 * titles; what is left is within the current year's quotas, so the article's totals are reached when the
 * current year is decided:
 *
 *                applications          certified: committee / general branch / branch · venue
 *   year − 2     68 site,  56 venue     3 / 3 / 30 · 31      (withdrawn: 3 site, 2 venue)
 *   year − 1     72 site,  60 venue     4 / 3 / 31 · 33      (withdrawn: 3 site, 2 venue)
 *   current      77 site,  64 venue     quotas 4 / 3 / 30 · 32 (the totals still need 3 / 2 / 28 · 32)
 *   three years 217 site, 180 venue    the article: 10 / 8 / 89 · 96
 *
 * The rest of each closed year's applications were not selected. In a closed year, `certified` is the
 * selection its confirmed decision makes (`campaign-evaluation.ts`): those applications end `proposed`.
 * The current year's intake is over (its application window and the units' recommendation deadline have
 * passed, the review period has begun), so its applications are in every status an open campaign can
 * hold at that point (the counts below) and the committee can move it into review.
 */
export const ARTICLE_TOTALS = {
  site: 217,
  venue: 180,
  selected: { party_committee: 10, general_branch: 8, branch: 89 },
  venuesCertified: 96,
} as const;

export type SiteKind = 'party_committee' | 'general_branch' | 'branch';
export const SITE_KINDS: SiteKind[] = ['party_committee', 'general_branch', 'branch'];

/** A track line: a site kind, or the venue track. */
export type Line = SiteKind | 'venue';
export const LINES: Line[] = [...SITE_KINDS, 'venue'];
export const trackOf = (line: Line): 'site' | 'venue' => (line === 'venue' ? 'venue' : 'site');

export interface ClosedYearLine {
  applications: number;
  certified: number;
  withdrawn: number;
}

/** Index 0: two years ago, 1: last year. Certified equals the year's quota for the line. */
export const CLOSED_YEARS: Record<Line, ClosedYearLine>[] = [
  {
    party_committee: { applications: 7, certified: 3, withdrawn: 0 },
    general_branch: { applications: 7, certified: 3, withdrawn: 1 },
    branch: { applications: 54, certified: 30, withdrawn: 2 },
    venue: { applications: 56, certified: 31, withdrawn: 2 },
  },
  {
    party_committee: { applications: 8, certified: 4, withdrawn: 1 },
    general_branch: { applications: 7, certified: 3, withdrawn: 0 },
    branch: { applications: 57, certified: 31, withdrawn: 2 },
    venue: { applications: 60, certified: 33, withdrawn: 2 },
  },
];

/** The current year's applications per line, and its quotas. */
export const CURRENT_APPLICATIONS: Record<Line, number> = {
  party_committee: 7,
  general_branch: 6,
  branch: 64,
  venue: 64,
};
export const CURRENT_QUOTAS: Record<Line, number> = {
  party_committee: 4,
  general_branch: 3,
  branch: 30,
  venue: 32,
};

/** How an application ends up (closed years) or where it stands now (current year). */
export type Outcome =
  | 'certified'
  | 'not_selected'
  | 'withdrawn'
  | 'draft'
  | 'submitted'
  | 'recommended'
  | 'accepted'
  | 'returned_by_unit'
  | 'returned_by_committee';

/** The current year's statuses per track (site: every kind together). */
export const CURRENT_OUTCOMES: Record<'site' | 'venue', Partial<Record<Outcome, number>>> = {
  site: {
    draft: 24,
    submitted: 20,
    recommended: 14,
    accepted: 9,
    returned_by_unit: 4,
    returned_by_committee: 2,
    withdrawn: 4,
  },
  venue: {
    draft: 21,
    submitted: 16,
    recommended: 12,
    accepted: 8,
    returned_by_unit: 2,
    returned_by_committee: 2,
    withdrawn: 3,
  },
};

/** An application placed by hand: `yearsAgo` 0 is the current year; `subject` an organisation or venue name. */
export interface Pin {
  yearsAgo: 0 | 1 | 2;
  line: Line;
  subject: string;
  outcome: Outcome;
}

const pin = (yearsAgo: 0 | 1 | 2, line: Line, subject: string, outcome: Outcome): Pin => ({
  yearsAgo,
  line,
  subject,
  outcome,
});

/**
 * The organisations the article names are certified in the closed years; the demo unit (市水务局机关党委)
 * has a busy current year: the demo applicant's 排水五所 (not selected last year) was returned by the unit
 * to fix, and its other organisations have applications waiting for the unit's check.
 */
export const PINS: Pin[] = [
  pin(2, 'branch', '市人大法工委党支部', 'certified'),
  pin(2, 'branch', '天津倚天会计师事务所有限公司党支部', 'certified'),
  pin(2, 'branch', '市委编办登记处党支部', 'certified'),
  pin(2, 'branch', '市知识产权局专利代办处党支部', 'certified'),
  pin(2, 'venue', '市水务局海河治水党员教育基地', 'certified'),
  pin(2, 'venue', '市一中院法治文化党员教育基地', 'certified'),
  pin(1, 'general_branch', '市工业和信息化稽查总队党总支', 'certified'),
  pin(1, 'branch', '市一中院刑事审判第一庭党支部', 'certified'),
  pin(1, 'branch', '市总工会权益保障部党支部', 'certified'),
  pin(1, 'branch', '市发改委固定资产投资处党支部', 'certified'),
  pin(1, 'branch', '市水务局排水五所党支部', 'not_selected'),
  pin(1, 'venue', '市水务局排水五所党员活动室', 'certified'),
  pin(1, 'venue', '市总工会劳模精神党员教育基地', 'certified'),
  pin(0, 'branch', '市水务局排水五所党支部', 'returned_by_unit'),
  pin(0, 'branch', '市水务局排水一所党支部', 'submitted'),
  pin(0, 'branch', '市水务局排水二所党支部', 'submitted'),
  pin(0, 'branch', '市水务局河湖管理处党支部', 'submitted'),
  pin(0, 'general_branch', '市水务局水文水资源管理中心业务部党总支', 'submitted'),
  pin(0, 'branch', '市水务局水资源处党支部', 'recommended'),
  pin(0, 'party_committee', '市水务局水文水资源管理中心党委', 'accepted'),
  pin(0, 'branch', '市水务局办公室党支部', 'draft'),
  pin(0, 'venue', '市水务局排水一所党员之家', 'submitted'),
  pin(0, 'venue', '市水务局河湖管理处党员之家', 'draft'),
];

/** The demo unit's cultivation pool besides its pinned applications (which come from the pool too). */
export const DEMO_UNIT = '市水务局机关党委';
export const DEMO_APPLICANT_ORG = '市水务局排水五所党支部';
export const DEMO_UNIT_POOL: {
  line: Line;
  subject: string;
  status: 'cultivating' | 'ready' | 'dropped' | 'applied';
}[] = [
  { line: 'branch', subject: '市水务局排水五所党支部', status: 'applied' },
  { line: 'branch', subject: '市水务局排水一所党支部', status: 'applied' },
  { line: 'branch', subject: '市水务局排水三所党支部', status: 'ready' },
  { line: 'branch', subject: '市水务局离退休干部党支部', status: 'cultivating' },
  { line: 'branch', subject: '市水务局规划计划处党支部', status: 'dropped' },
  { line: 'venue', subject: '市水务局排水二所党员之家', status: 'cultivating' },
];

/** Other units with a cultivation pool (candidates chosen by the generator). */
export const POOL_UNITS = ['市发展改革委机关党委', '市第一中级人民法院机关党委', '市交通运输委机关党委'];

/** Units given a recommendation cap (推荐名额) in the current year, per track; the demo unit first. */
export const CAPPED_UNITS: { unit: string; track: 'site' | 'venue'; spare: number }[] = [
  { unit: DEMO_UNIT, track: 'site', spare: 3 },
  { unit: DEMO_UNIT, track: 'venue', spare: 2 },
  { unit: '市发展改革委机关党委', track: 'site', spare: 1 },
  { unit: '市第一中级人民法院机关党委', track: 'site', spare: 1 },
  { unit: '市总工会机关党委', track: 'venue', spare: 1 },
];

/** Extra venues (activity rooms of grassroots organisations) beside the foundation's 32. */
export const EXTRA_VENUES = 118;
