/**
 * The objection (异议) state machine, as one table like the application's: an objection filed against a
 * publicity (公示) is received, triaged (受理 to an assignee with a deadline, or 不予受理 with a reason),
 * investigated (notes by its assignee, reassignment by the committee) and closed with an outcome:
 * unfounded (异议不成立), or founded (异议成立) — the application is withdrawn from the list, or the next
 * ranked application is substituted (递补). Pure: the services load the facts, `decideObjection` answers.
 */

export const OBJECTION_STATUSES = ['received', 'investigating', 'closed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export const OBJECTION_OUTCOMES = [
  'inadmissible',
  'unfounded',
  'founded_withdraw',
  'founded_substitute',
] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export const OBJECTION_ACTIONS = ['accept', 'dismiss', 'reassign', 'note', 'close'] as const;
export type ObjectionAction = (typeof OBJECTION_ACTIONS)[number];

export interface ObjectionFacts {
  action: ObjectionAction;
  status: ObjectionStatus;
  /** The caller, and the objection's assignee (null before it is accepted). */
  actorId: string;
  assigneeId: string | null;
  reason?: string | null;
  /** accept, reassign: the assignee given and the deadline (YYYY-MM-DD), today in China. */
  newAssigneeId?: string | null;
  deadline?: string | null;
  today?: string;
  /** close: the outcome, and whether the objection names an application of the list still listed. */
  outcome?: ObjectionOutcome | null;
  itemListed?: boolean;
  /** close with substitution: the application put in its place (must be the next ranked, checked by the service). */
  substituteId?: string | null;
}

export type ObjectionRefusal =
  | 'wrong_status'
  | 'not_assignee'
  | 'reason_required'
  | 'assignee_required'
  | 'deadline_past'
  | 'outcome_required'
  | 'no_item'
  | 'substitute_required';

type Check = (f: ObjectionFacts) => ObjectionRefusal | null;

const reason: Check = (f) => (f.reason?.trim() ? null : 'reason_required');
const assignee: Check = (f) => (f.newAssigneeId ? null : 'assignee_required');
const deadline: Check = (f) =>
  !f.deadline ? null : f.today !== undefined && f.deadline < f.today ? 'deadline_past' : null;
const byAssignee: Check = (f) => (f.assigneeId === f.actorId ? null : 'not_assignee');
const outcome: Check = (f) => (f.outcome && f.outcome !== 'inadmissible' ? null : 'outcome_required');
const founded: Check = (f) =>
  f.outcome === 'founded_withdraw' || f.outcome === 'founded_substitute'
    ? f.itemListed
      ? null
      : 'no_item'
    : null;
const substitute: Check = (f) =>
  f.outcome === 'founded_substitute' && !f.substituteId ? 'substitute_required' : null;

export interface ObjectionRow {
  action: ObjectionAction;
  from: readonly ObjectionStatus[];
  to: ObjectionStatus;
  /** Checked in order; the first refusal wins. */
  checks: readonly Check[];
}

export const OBJECTION_TRANSITIONS: readonly ObjectionRow[] = [
  { action: 'accept', from: ['received'], to: 'investigating', checks: [assignee, deadline] },
  { action: 'dismiss', from: ['received'], to: 'closed', checks: [reason] },
  { action: 'reassign', from: ['investigating'], to: 'investigating', checks: [assignee, deadline] },
  { action: 'note', from: ['investigating'], to: 'investigating', checks: [byAssignee] },
  {
    action: 'close',
    from: ['investigating'],
    to: 'closed',
    checks: [byAssignee, outcome, reason, founded, substitute],
  },
];

export type ObjectionDecision = { ok: true; to: ObjectionStatus } | { ok: false; refusal: ObjectionRefusal };

export function decideObjection(f: ObjectionFacts): ObjectionDecision {
  const row = OBJECTION_TRANSITIONS.find((r) => r.action === f.action && r.from.includes(f.status));
  if (!row) return { ok: false, refusal: 'wrong_status' };
  for (const c of row.checks) {
    const refusal = c(f);
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, to: row.to };
}

export const OBJECTION_REFUSAL_TEXT: Record<ObjectionRefusal, { zh: string; en: string }> = {
  wrong_status: { zh: '异议当前状态不允许此操作', en: 'The objection is not in a state that allows this' },
  not_assignee: { zh: '只有承办人可以办理此异议', en: 'Only the objection’s assignee can do this' },
  reason_required: { zh: '必须填写理由', en: 'A reason is required' },
  assignee_required: { zh: '必须指定承办人', en: 'An assignee is required' },
  deadline_past: { zh: '办理期限不能早于今天', en: 'The deadline cannot be before today' },
  outcome_required: { zh: '必须选择办理结果', en: 'An outcome is required' },
  no_item: {
    zh: '异议成立须针对公示名单中仍在列的对象',
    en: 'A founded objection must concern an entry still on the list',
  },
  substitute_required: { zh: '递补时必须指定递补对象', en: 'Name the application to substitute' },
};

/** What the filer sees of the outcome through the receipt code (公开答复), in both languages. */
export const OUTCOME_TEXT: Record<ObjectionOutcome, { zh: string; en: string }> = {
  inadmissible: { zh: '不予受理', en: 'Not admitted' },
  unfounded: { zh: '经核查，异议不成立', en: 'Investigated: not founded' },
  founded_withdraw: { zh: '经核查，异议成立，已撤销拟命名', en: 'Founded: removed from the list' },
  founded_substitute: {
    zh: '经核查，异议成立，已撤销拟命名并依次递补',
    en: 'Founded: removed from the list and the next ranked substituted',
  },
};
