import type { CampaignStatus } from './application-workflow';

/** The campaign state machine (DESIGN §3): forward only, by committee admins, with timeline guards. */
export const CAMPAIGN_STATUSES = ['draft', 'open', 'reviewing', 'deciding', 'publicity', 'closed'] as const;

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
