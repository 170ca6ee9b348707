import type { Role } from '../enums';

/**
 * The vocabulary of the application state machine (statuses, actions, what a decision is asked with and
 * why it refuses) and its guards: pure checks a row of the transition table (`application-workflow.ts`)
 * lists. Import from `application-workflow.ts`, which re-exports all of this.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'recommended',
  'accepted',
  'returned',
  'withdrawn',
  'in_review',
  'shortlisted',
  'not_selected',
  'proposed',
  'in_publicity',
  'certified',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_ACTIONS = [
  'submit',
  'recommend',
  'accept',
  'return',
  'withdraw',
  'propose',
  'decline',
  'start_review',
  'shortlist',
  'not_select',
  'publish',
  'strike',
  'substitute',
  'lapse',
  'certify',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Statuses in which the applicant may edit the content (and upload evidence). */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'returned'];

export type CampaignStatus = 'draft' | 'open' | 'reviewing' | 'deciding' | 'publicity' | 'closed';

export interface TransitionInput {
  action: ApplicationAction;
  status: ApplicationStatus;
  role: Role;
  now: Date;
  campaign: {
    status: CampaignStatus;
    applicationOpensAt: Date;
    applicationClosesAt: Date;
    recommendationDeadline: Date;
  };
  /** Gaps found by `completeness` (guards that need `gaps`). */
  gaps?: readonly string[];
  reason?: string | null;
  /**
   * recommend only: how many the unit has already recommended in this campaign and track, its cap, the
   * rank asked for, and the ranks already given (a rank is unique within the unit's recommended list).
   */
  recommended?: { count: number; cap: number | null; rank: number | null; takenRanks?: readonly number[] };
}

export type Refusal =
  | 'wrong_status'
  | 'role_not_allowed'
  | 'campaign_not_open'
  | 'before_opening'
  | 'deadline_passed'
  | 'incomplete'
  | 'reason_required'
  | 'cap_reached'
  | 'rank_out_of_range'
  | 'rank_taken';

/**
 * A pure check of a transition. `needs` names what the caller must load into the input first (`gaps`:
 * the completeness gaps; `unitList`: the unit's recommended list, locked, as `recommended`).
 */
export interface Guard {
  needs?: 'gaps' | 'unitList';
  check: (input: TransitionInput) => Refusal | null;
}

/** The campaign is in one of these statuses. */
export const campaignIn = (...statuses: CampaignStatus[]): Guard => ({
  check: (i) => (statuses.includes(i.campaign.status) ? null : 'campaign_not_open'),
});
/** Between the campaign's application opening and closing (both inclusive). */
export const applicationWindow: Guard = {
  check: (i) =>
    i.now < i.campaign.applicationOpensAt
      ? 'before_opening'
      : i.now > i.campaign.applicationClosesAt
        ? 'deadline_passed'
        : null,
};
/** No completeness gaps. */
export const complete: Guard = {
  needs: 'gaps',
  check: (i) => (i.gaps && i.gaps.length > 0 ? 'incomplete' : null),
};
/** Not after the units' recommendation deadline. */
export const beforeRecommendationDeadline: Guard = {
  check: (i) => (i.now > i.campaign.recommendationDeadline ? 'deadline_passed' : null),
};
/** Room under the unit's cap, and a rank within 1..cap that no other recommended application holds. */
export const capAndRank: Guard = {
  needs: 'unitList',
  check: ({ recommended: r }) => {
    if (!r) return null;
    if (r.cap !== null && r.count >= r.cap) return 'cap_reached';
    if (r.rank !== null && (r.rank < 1 || (r.cap !== null && r.rank > r.cap))) return 'rank_out_of_range';
    if (r.rank !== null && r.takenRanks?.includes(r.rank)) return 'rank_taken';
    return null;
  },
};

export const REFUSAL_TEXT: Record<Refusal, { zh: string; en: string }> = {
  wrong_status: { zh: '申报当前状态不允许此操作', en: 'The application is not in a state that allows this' },
  role_not_allowed: { zh: '您的角色不能执行此操作', en: 'Your role cannot do this' },
  campaign_not_open: { zh: '创建活动不在可办理阶段', en: 'The campaign is not at a stage that allows this' },
  before_opening: { zh: '申报尚未开始', en: 'Applications are not open yet' },
  deadline_passed: { zh: '已过截止时间', en: 'The deadline has passed' },
  incomplete: { zh: '申报材料不完整，请补齐后再提交', en: 'The application is incomplete' },
  reason_required: { zh: '退回时必须填写理由', en: 'A reason is required' },
  cap_reached: { zh: '已达到本单位推荐名额上限', en: "The unit's recommendation cap is reached" },
  rank_out_of_range: { zh: '推荐排序超出名额范围', en: 'The rank is outside the cap' },
  rank_taken: {
    zh: '该推荐排序已被本单位其他申报占用',
    en: 'Another of the unit’s applications has this rank',
  },
};
