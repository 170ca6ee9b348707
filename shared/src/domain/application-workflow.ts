import type { Role } from '../enums';

/**
 * The application state machine (DESIGN §3). One table of transitions, one pure function that decides
 * whether a transition may happen; the server's single transition service applies it in a transaction
 * with the history row and the audit event. Nothing else writes `status`.
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

export const APPLICATION_ACTIONS = ['submit', 'recommend', 'accept', 'return', 'withdraw'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Statuses in which the applicant may edit the content (and upload evidence). */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'returned'];

interface Rule {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  roles: readonly Role[];
  needsReason?: boolean;
}

/** `return` sends back from whichever check holds it: the unit (submitted) or the committee (recommended). */
export const TRANSITIONS: Record<ApplicationAction, Rule> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['applicant', 'unit_admin'] },
  recommend: { from: ['submitted'], to: 'recommended', roles: ['unit_admin'] },
  accept: { from: ['recommended'], to: 'accepted', roles: ['committee_admin'] },
  return: {
    from: ['submitted', 'recommended'],
    to: 'returned',
    roles: ['unit_admin', 'committee_admin'],
    needsReason: true,
  },
  withdraw: {
    from: ['draft', 'submitted', 'recommended', 'returned'],
    to: 'withdrawn',
    roles: ['applicant', 'unit_admin'],
  },
};

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
  /** Gaps found by `completeness` (submit only). */
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

export type Decision = { ok: true; to: ApplicationStatus } | { ok: false; refusal: Refusal };

export function decide(input: TransitionInput): Decision {
  const rule = TRANSITIONS[input.action];
  if (!rule.from.includes(input.status)) return { ok: false, refusal: 'wrong_status' };
  // The unit returns what it holds (submitted), the committee what it holds (recommended).
  const returner = input.status === 'submitted' ? 'unit_admin' : 'committee_admin';
  if (!rule.roles.includes(input.role) || (input.action === 'return' && input.role !== returner)) {
    return { ok: false, refusal: 'role_not_allowed' };
  }
  if (rule.needsReason && !input.reason?.trim()) return { ok: false, refusal: 'reason_required' };
  const c = input.campaign;
  switch (input.action) {
    case 'submit':
      if (c.status !== 'open') return { ok: false, refusal: 'campaign_not_open' };
      if (input.now < c.applicationOpensAt) return { ok: false, refusal: 'before_opening' };
      if (input.now > c.applicationClosesAt) return { ok: false, refusal: 'deadline_passed' };
      if (input.gaps && input.gaps.length > 0) return { ok: false, refusal: 'incomplete' };
      break;
    case 'recommend': {
      if (c.status !== 'open') return { ok: false, refusal: 'campaign_not_open' };
      if (input.now > c.recommendationDeadline) return { ok: false, refusal: 'deadline_passed' };
      const r = input.recommended;
      if (r && r.cap !== null && r.count >= r.cap) return { ok: false, refusal: 'cap_reached' };
      if (r && r.rank !== null && (r.rank < 1 || (r.cap !== null && r.rank > r.cap))) {
        return { ok: false, refusal: 'rank_out_of_range' };
      }
      if (r && r.rank !== null && r.takenRanks?.includes(r.rank)) return { ok: false, refusal: 'rank_taken' };
      break;
    }
    case 'accept':
      if (c.status !== 'open' && c.status !== 'reviewing') return { ok: false, refusal: 'campaign_not_open' };
      break;
    case 'return':
      if (c.status !== 'open' && c.status !== 'reviewing') return { ok: false, refusal: 'campaign_not_open' };
      break;
    case 'withdraw':
      break;
  }
  return { ok: true, to: rule.to };
}

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
