import { propose, type ProposalLine, type RankedRow } from './ranking';
import { compareIds, groupBy } from './util';

/**
 * The committee's decision against the proposal (issue §8, evaluation-maths §5). The proposal is
 * made per (track, kind) group; the decision has one line per ranked application. `validateDecision`
 * returns every problem as data (code + application) and never throws, so the service can answer
 * one 4xx listing them all.
 */

export interface Quota {
  track: string;
  kind: string;
  quota: number;
}

export interface GroupedProposalLine extends ProposalLine {
  track: string;
  kind: string;
}

/**
 * The proposal for every (track, kind) group of a ranking (`propose` per group). A group without a
 * quota has quota 0. Lines come in the ranking's order (groups by track, then kind; then rank).
 */
export function proposeAll(
  ranked: readonly RankedRow[],
  quotas: readonly Quota[],
  passedGates: ReadonlySet<string>,
): GroupedProposalLine[] {
  const quotaOf = new Map(quotas.map((q) => [JSON.stringify([q.track, q.kind]), q.quota]));
  const groups = groupBy(ranked, (r) => JSON.stringify([r.track, r.kind]));
  return [...groups.keys()].sort(compareIds).flatMap((key) => {
    const rows = groups.get(key)!;
    const { track, kind } = rows[0]!;
    return propose(rows, quotaOf.get(key) ?? 0, passedGates).map((line) => ({ ...line, track, kind }));
  });
}

export interface Votes {
  for: number;
  against: number;
  abstain: number;
}

export interface DecisionLine {
  applicationId: string;
  selected: boolean;
  votes: Votes;
  reason: string | null;
}

/** A written reason for going over a group's quota. */
export interface QuotaReason {
  track: string;
  kind: string;
  reason: string | null;
}

export const DECISION_PROBLEMS = [
  'missing_line',
  'unknown_application',
  'duplicate_line',
  'deviation_without_reason',
  'tie_without_reason',
  'over_quota_without_reason',
  'failed_gate_selected',
  'invalid_votes',
  'votes_exceed_committee',
] as const;
export type DecisionProblemCode = (typeof DECISION_PROBLEMS)[number];

export interface DecisionProblem {
  code: DecisionProblemCode;
  /** The line concerned; `null` for a group's quota problem. */
  applicationId: string | null;
  /** The group, for `over_quota_without_reason`. */
  track?: string;
  kind?: string;
}

export interface DecisionCheck {
  proposal: readonly GroupedProposalLine[];
  quotas: readonly Quota[];
  lines: readonly DecisionLine[];
  quotaReasons?: readonly QuotaReason[];
  /** Members of the committee present; when given, a line's votes may not add up to more. */
  committeeSize?: number;
}

function hasText(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && reason.trim().length > 0;
}

function validVotes(v: Votes | null | undefined): boolean {
  return !!v && [v.for, v.against, v.abstain].every((n) => Number.isInteger(n) && n >= 0);
}

/**
 * Check a decision (issue §8). Problems, in line order then per group:
 * - every proposal line needs exactly one decision line (`missing_line`, `duplicate_line`), and a
 *   decision line must be for a proposed application (`unknown_application`);
 * - selecting one not proposed, or not selecting one proposed, needs a reason (`deviation_without_reason`);
 *   taking one tied at the quota line needs a reason too — which one and why (`tie_without_reason`);
 * - an application that failed a gate cannot be selected (`failed_gate_selected`: a veto is final);
 * - votes are non-negative integers (`invalid_votes`), adding up to at most the committee when its
 *   size is given (`votes_exceed_committee`);
 * - selecting more than a group's quota needs the group's reason (`over_quota_without_reason`).
 * `[]` means the decision may be confirmed.
 */
export function validateDecision(check: DecisionCheck): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  const proposal = new Map(check.proposal.map((l) => [l.applicationId, l]));
  const seen = new Set<string>();
  const selectedPerGroup = new Map<string, number>();
  for (const line of check.lines) {
    const id = line.applicationId;
    const proposed = proposal.get(id);
    if (seen.has(id)) {
      problems.push({ code: 'duplicate_line', applicationId: id });
      continue;
    }
    seen.add(id);
    if (!proposed) {
      problems.push({ code: 'unknown_application', applicationId: id });
      continue;
    }
    if (line.selected !== proposed.proposed && !hasText(line.reason)) {
      problems.push({ code: 'deviation_without_reason', applicationId: id });
    } else if (line.selected && proposed.reason === 'tied_at_line' && !hasText(line.reason)) {
      problems.push({ code: 'tie_without_reason', applicationId: id });
    }
    if (line.selected && proposed.reason === 'failed_gate') {
      problems.push({ code: 'failed_gate_selected', applicationId: id });
    }
    if (!validVotes(line.votes)) problems.push({ code: 'invalid_votes', applicationId: id });
    else if (
      check.committeeSize !== undefined &&
      line.votes.for + line.votes.against + line.votes.abstain > check.committeeSize
    ) {
      problems.push({ code: 'votes_exceed_committee', applicationId: id });
    }
    if (line.selected) {
      const key = JSON.stringify([proposed.track, proposed.kind]);
      selectedPerGroup.set(key, (selectedPerGroup.get(key) ?? 0) + 1);
    }
  }
  for (const l of check.proposal) {
    if (!seen.has(l.applicationId)) problems.push({ code: 'missing_line', applicationId: l.applicationId });
  }
  const quotaOf = new Map(check.quotas.map((q) => [JSON.stringify([q.track, q.kind]), q.quota]));
  const reasonOf = new Map(
    (check.quotaReasons ?? []).map((q) => [JSON.stringify([q.track, q.kind]), q.reason]),
  );
  for (const key of [...selectedPerGroup.keys()].sort(compareIds)) {
    if (selectedPerGroup.get(key)! > (quotaOf.get(key) ?? 0) && !hasText(reasonOf.get(key))) {
      const [track, kind] = JSON.parse(key) as [string, string];
      problems.push({ code: 'over_quota_without_reason', applicationId: null, track, kind });
    }
  }
  return problems;
}

export interface Deviation {
  applicationId: string;
  kind: 'selected_not_proposed' | 'proposed_not_selected';
}

/** The lines where the decision departs from the proposal (for the meeting screen and the result list). */
export function deviations(proposal: readonly ProposalLine[], lines: readonly DecisionLine[]): Deviation[] {
  const proposed = new Map(proposal.map((l) => [l.applicationId, l.proposed]));
  return lines.flatMap((line): Deviation[] => {
    const p = proposed.get(line.applicationId);
    if (p === undefined || p === line.selected) return [];
    return [
      {
        applicationId: line.applicationId,
        kind: line.selected ? 'selected_not_proposed' : 'proposed_not_selected',
      },
    ];
  });
}
