import type { OrgKind, TrackSubject } from '../enums';
import type { CampaignStatus } from './application-workflow';

/** The campaign state machine (DESIGN §3): forward only, by committee admins, with timeline guards. */
export const CAMPAIGN_STATUSES = ['draft', 'open', 'reviewing', 'deciding', 'publicity', 'closed'] as const;

/** From 集体评审决定 on, the evaluation is part of the record: stages can no longer be planned or moved. */
export const EVALUATION_OVER_STATUSES: readonly CampaignStatus[] = ['deciding', 'publicity', 'closed'];

export function evaluationOver(status: CampaignStatus): boolean {
  return EVALUATION_OVER_STATUSES.includes(status);
}

const NEXT: Record<CampaignStatus, CampaignStatus | null> = {
  draft: 'open',
  open: 'reviewing',
  reviewing: 'deciding',
  deciding: 'publicity',
  publicity: 'closed',
  closed: null,
};

export interface Timeline {
  applicationOpensAt: Date;
  applicationClosesAt: Date;
  recommendationDeadline: Date;
  reviewStartsAt: Date;
  reviewEndsAt: Date;
  publicityStartsAt: Date;
  publicityEndsAt: Date;
}

export const TIMELINE_ORDER: (keyof Timeline)[] = [
  'applicationOpensAt',
  'applicationClosesAt',
  'recommendationDeadline',
  'reviewStartsAt',
  'reviewEndsAt',
  'publicityStartsAt',
  'publicityEndsAt',
];

/** The timeline must run forward: each date not before the one above it (opens < closes). Returns bad fields. */
export function checkTimeline(t: Timeline): (keyof Timeline)[] {
  const bad: (keyof Timeline)[] = [];
  for (let i = 1; i < TIMELINE_ORDER.length; i++) {
    const prev = t[TIMELINE_ORDER[i - 1]!];
    const cur = t[TIMELINE_ORDER[i]!];
    if (cur.getTime() < prev.getTime()) bad.push(TIMELINE_ORDER[i]!);
  }
  if (
    t.applicationClosesAt.getTime() <= t.applicationOpensAt.getTime() &&
    !bad.includes('applicationClosesAt')
  ) {
    bad.push('applicationClosesAt');
  }
  return bad;
}

export type CampaignRefusal = 'not_next' | 'closed' | 'missing_standards' | 'bad_timeline' | 'too_early';

/**
 * May the campaign move to `to` now? Opening needs a valid timeline and a standard for every eligible
 * track × kind; moving to reviewing waits for the recommendation deadline; later steps follow in order.
 */
export function decideCampaign(input: {
  from: CampaignStatus;
  to: CampaignStatus;
  now: Date;
  timeline: Timeline;
  missingStandards: number;
}): { ok: true } | { ok: false; refusal: CampaignRefusal } {
  if (input.from === 'closed') return { ok: false, refusal: 'closed' };
  if (NEXT[input.from] !== input.to) return { ok: false, refusal: 'not_next' };
  if (input.to === 'open') {
    if (checkTimeline(input.timeline).length) return { ok: false, refusal: 'bad_timeline' };
    if (input.missingStandards > 0) return { ok: false, refusal: 'missing_standards' };
  }
  if (input.to === 'reviewing' && input.now < input.timeline.recommendationDeadline)
    return { ok: false, refusal: 'too_early' };
  return { ok: true };
}

export function nextCampaignStatus(s: CampaignStatus): CampaignStatus | null {
  return NEXT[s];
}

export const CAMPAIGN_REFUSAL_TEXT: Record<CampaignRefusal, { zh: string; en: string }> = {
  not_next: {
    zh: '活动只能按 草稿→申报中→评审中→决定中→公示中→已结束 的顺序逐步推进',
    en: 'A campaign moves one step at a time: draft → open → reviewing → deciding → publicity → closed',
  },
  closed: { zh: '活动已结束，不能再变更状态', en: 'The campaign is closed' },
  missing_standards: {
    zh: '有类别和党组织类型尚未指定创建标准，不能开启申报',
    en: 'Some track × kind has no standard yet; the campaign cannot open',
  },
  bad_timeline: {
    zh: '时间安排有误（各时间点须依次递增），不能开启申报',
    en: 'The timeline runs backwards; the campaign cannot open',
  },
  too_early: {
    zh: '直属党组织推荐截止时间未到，不能进入评审',
    en: 'The unit recommendation deadline has not passed yet; the review cannot start',
  },
};

export const TIMELINE_LABEL: Record<keyof Timeline, { zh: string; en: string }> = {
  applicationOpensAt: { zh: '申报开始时间', en: 'Applications open' },
  applicationClosesAt: { zh: '申报截止时间', en: 'Applications close' },
  recommendationDeadline: { zh: '推荐截止时间', en: 'Recommendation deadline' },
  reviewStartsAt: { zh: '评审开始时间', en: 'Review starts' },
  reviewEndsAt: { zh: '评审结束时间', en: 'Review ends' },
  publicityStartsAt: { zh: '公示开始时间', en: 'Publicity starts' },
  publicityEndsAt: { zh: '公示结束时间', en: 'Publicity ends' },
};

/** China Standard Time has no daylight saving: the calendar year is the one at UTC+8. */
const CST_OFFSET_MS = 8 * 3600_000;

/** The calendar year (China Standard Time) of an instant: "this year's" campaigns. */
export function yearOf(now: Date): number {
  return new Date(now.getTime() + CST_OFFSET_MS).getUTCFullYear();
}

/**
 * The same wall-clock time (China Standard Time) `years` later or earlier; 29 February becomes 28 February
 * in a year without it. For "copy from last year".
 */
export function shiftYears(d: Date, years: number): Date {
  const local = new Date(d.getTime() + CST_OFFSET_MS);
  const month = local.getUTCMonth();
  local.setUTCFullYear(local.getUTCFullYear() + years);
  if (local.getUTCMonth() !== month) local.setUTCDate(0);
  return new Date(local.getTime() - CST_OFFSET_MS);
}

export interface TrackSetting {
  track: string;
  /** `organization` tracks take a standard per eligible kind; `venue` tracks one for the whole track. */
  subject: TrackSubject;
  eligibleKinds: readonly OrgKind[];
}

/**
 * The track × kind slots that need a standard: one per eligible kind of an organisation track, or one
 * (kind null) for a venue track or an organisation track open to every kind.
 */
export function standardSlots(tracks: readonly TrackSetting[]): { track: string; orgKind: OrgKind | null }[] {
  return tracks.flatMap((t): { track: string; orgKind: OrgKind | null }[] =>
    t.subject === 'organization' && t.eligibleKinds.length > 0
      ? t.eligibleKinds.map((k) => ({ track: t.track, orgKind: k }))
      : [{ track: t.track, orgKind: null }],
  );
}

/** What a campaign edit touches: the settings, and the timeline dates it moves (old and new value). */
export interface CampaignChange {
  settings: readonly ('year' | 'name' | 'tracks' | 'standards' | 'quotas' | 'unitCaps')[];
  dates: readonly { field: keyof Timeline; from: Date; to: Date }[];
}

export type CampaignLock = 'closed' | 'fixed_after_opening' | 'date_passed' | 'date_in_past';

export const CAMPAIGN_LOCK_TEXT: Record<CampaignLock, { zh: string; en: string }> = {
  closed: { zh: '活动已结束，不能再修改', en: 'The campaign is closed and cannot change' },
  fixed_after_opening: {
    zh: '活动开启申报后，该项不能再修改',
    en: 'This is fixed once the campaign has opened',
  },
  date_passed: { zh: '该时间点已过，不能再修改', en: 'This date has passed and cannot change' },
  date_in_past: { zh: '不能改为已过去的时间', en: 'The new date must be in the future' },
};

/**
 * What may change when: a draft anything; an opened campaign only its quotas, unit caps and the dates that
 * are still ahead (moved to a time still ahead); a closed campaign nothing. Returns the refused parts.
 */
export function lockedChanges(
  status: CampaignStatus,
  now: Date,
  change: CampaignChange,
): { field: string; lock: CampaignLock }[] {
  if (status === 'draft') return [];
  const all = [...change.settings, ...change.dates.map((d) => `timeline.${d.field}`)];
  if (status === 'closed') return all.map((field) => ({ field, lock: 'closed' as const }));
  const out: { field: string; lock: CampaignLock }[] = [];
  for (const s of change.settings)
    if (s !== 'quotas' && s !== 'unitCaps') out.push({ field: s, lock: 'fixed_after_opening' });
  for (const d of change.dates) {
    if (d.from.getTime() <= now.getTime()) out.push({ field: `timeline.${d.field}`, lock: 'date_passed' });
    else if (d.to.getTime() <= now.getTime())
      out.push({ field: `timeline.${d.field}`, lock: 'date_in_past' });
  }
  return out;
}

/** Why intake cannot be closed now. */
export type CloseIntakeRefusal = 'not_open' | 'not_started' | 'already_closed';

/**
 * 立即截止申报 (issue #7.17): an open campaign whose application window is running may end it now. The
 * window closes at `now`; the units' recommendation deadline and the later dates stay as they are.
 */
export function decideCloseIntake(input: {
  status: CampaignStatus;
  now: Date;
  timeline: Timeline;
}): { ok: true; applicationClosesAt: Date } | { ok: false; refusal: CloseIntakeRefusal } {
  if (input.status !== 'open') return { ok: false, refusal: 'not_open' };
  if (input.now <= input.timeline.applicationOpensAt) return { ok: false, refusal: 'not_started' };
  if (input.now >= input.timeline.applicationClosesAt) return { ok: false, refusal: 'already_closed' };
  return { ok: true, applicationClosesAt: input.now };
}

export const CLOSE_INTAKE_REFUSAL_TEXT: Record<CloseIntakeRefusal, { zh: string; en: string }> = {
  not_open: {
    zh: '只有申报中的活动可以截止申报',
    en: 'Only a campaign taking applications can close intake',
  },
  not_started: {
    zh: '申报尚未开始，请修改申报开始时间',
    en: 'Applications have not opened yet; change the opening time instead',
  },
  already_closed: { zh: '申报已经截止', en: 'Applications have already closed' },
};
