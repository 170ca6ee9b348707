import type { DecisionDetail, DecisionLineBody } from '../../../../shared/src/contracts/decisions';

type Group = DecisionDetail['groups'][number];

/** Why a line's reason is required (the server's rules, shared/src/domain/evaluation/decision.ts). */
export type ReasonNeed = 'deviation' | 'tie' | 'over_quota' | null;

/**
 * Whether a choice for a line needs a reason: not following the proposal, taking one tied at the quota
 * line, or selecting one not proposed while the group is already full (its reason is the group's).
 */
export function reasonNeed(group: Group, line: DecisionLineBody, selected: boolean): ReasonNeed {
  if (selected !== line.proposed) {
    if (selected && selectedAfter(group, line.applicationId, selected) > group.quota) return 'over_quota';
    return 'deviation';
  }
  if (selected && line.proposalReason === 'tied_at_line') return 'tie';
  return null;
}

/** The group's selected count if this line took `selected` (undecided lines count as not selected). */
export function selectedAfter(group: Group, applicationId: string, selected: boolean): number {
  return group.lines.filter((l) => (l.applicationId === applicationId ? selected : l.selected === true))
    .length;
}

/** Lines still without a choice, over every group. */
export function undecidedCount(d: DecisionDetail): number {
  return d.groups.reduce((n, g) => n + g.lines.filter((l) => l.selected === null).length, 0);
}

/** Lines whose recorded choice differs from the proposal. */
export function deviationCount(d: DecisionDetail): number {
  return d.groups.reduce(
    (n, g) => n + g.lines.filter((l) => l.selected !== null && l.selected !== l.proposed).length,
    0,
  );
}

/** Gauge state of a group: under, exactly at, or over its quota. */
export function quotaState(group: Group): 'under' | 'full' | 'over' {
  if (group.selectedCount > group.quota) return 'over';
  return group.selectedCount === group.quota ? 'full' : 'under';
}

/** The line's total votes, or null while none are recorded. */
export function votesTotal(line: DecisionLineBody): number | null {
  return line.votes ? line.votes.for + line.votes.against + line.votes.abstain : null;
}
