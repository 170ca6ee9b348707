import type { ProposalReason } from '../stages';
import { compareIds, groupBy, scoreKey, settle } from './util';

/**
 * Final score, ranking and proposal (evaluation-maths §5). Figures keep full precision; scores are
 * compared by `scoreKey` (a 1e-9 grid) so floating-point noise never decides a place or hides a tie.
 */

export interface WeightedStageScore {
  weight: number;
  score: number;
}

/**
 * Final = Σ stage weight × stage score over the stages the application took part in, in stage
 * order (§5; the campaign's weights sum to 1), settled on the 1e-9 grid (`settle`) so that equal
 * finals are equal to the last bit. [0.3, 0.4, 0.3] on [86.6667, 80, 90] → 85.00. An application
 * that took no weighted stage has the empty sum, 0.
 */
export function finalScore(stages: readonly WeightedStageScore[]): number {
  let sum = 0;
  for (const s of stages) sum += s.weight * s.score;
  return settle(sum);
}

export interface RankInput {
  applicationId: string;
  track: string;
  kind: string;
  final: number;
  /** Score in the last stage with a weight; `null` when the application did not take it (ranks below). */
  lastStageScore: number | null;
  /** Counted reviews (and peer ratings received) over the weighted stages. */
  countedReviews: number;
  /** ISO 8601 instant; a missing or unreadable time ranks after every real one. */
  submittedAt: string | null;
}

/** The tie rule of §5, in order; the page writes it out from this list. */
export const TIE_RULE = [
  'final_score',
  'last_stage_score',
  'counted_reviews',
  'submitted_at',
  'application_id',
] as const;
export type RankKey = (typeof TIE_RULE)[number];

export interface RankedRow extends RankInput {
  /** 1-based place within (track, kind); the rule is total, so places are never shared. */
  rank: number;
  /** Which key of the rule put this row below the one ranked just above it; `null` for the first. */
  decidedBy: RankKey | null;
}

function time(iso: string | null): number {
  const t = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(t) ? Infinity : t;
}

/** Compare two rows by the tie rule: negative when `a` ranks above `b`, with the key that decided. */
export function compareByTieRule(a: RankInput, b: RankInput): { order: number; key: RankKey } {
  const steps: [RankKey, number][] = [
    ['final_score', scoreKey(b.final) - scoreKey(a.final)],
    ['last_stage_score', scoreKey(b.lastStageScore ?? -Infinity) - scoreKey(a.lastStageScore ?? -Infinity)],
    ['counted_reviews', b.countedReviews - a.countedReviews],
    ['submitted_at', time(a.submittedAt) - time(b.submittedAt)],
    ['application_id', compareIds(a.applicationId, b.applicationId)],
  ];
  for (const [key, order] of steps) if (order !== 0 && !Number.isNaN(order)) return { order, key };
  return { order: 0, key: 'application_id' };
}

/** Rank one (track, kind) group by the tie rule of §5. */
export function rankGroup(rows: readonly RankInput[]): RankedRow[] {
  const sorted = [...rows].sort((a, b) => compareByTieRule(a, b).order);
  return sorted.map((row, i) => ({
    ...row,
    rank: i + 1,
    decidedBy: i === 0 ? null : compareByTieRule(sorted[i - 1]!, row).key,
  }));
}

/** Rank every (track, kind) group separately; groups come out sorted by track, then kind. */
export function rankAll(rows: readonly RankInput[]): RankedRow[] {
  const groups = groupBy(rows, (r) => JSON.stringify([r.track, r.kind]));
  return [...groups.keys()].sort(compareIds).flatMap((key) => rankGroup(groups.get(key)!));
}

export interface ProposalLine {
  applicationId: string;
  rank: number;
  /** Proposed for selection: one of the first `quota` by the tie rule among those who passed every gate. */
  proposed: boolean;
  reason: ProposalReason;
}

/**
 * The proposal for one (track, kind) group (§5): the first `quota` by rank among the applications
 * that passed every gate. When the line falls inside a tie — the last proposed and the first left
 * out have the same final score — every passing application with that final score is marked
 * `tied_at_line` (the proposal still follows the tie rule; the committee records its choice and
 * why). A quota that is not a non-negative integer counts as its floor, and as 0 below 0.
 */
export function propose(
  ranked: readonly RankedRow[],
  quota: number,
  passedGates: ReadonlySet<string>,
): ProposalLine[] {
  const q = Number.isFinite(quota) ? Math.max(0, Math.floor(quota)) : 0;
  const rows = [...ranked].sort((a, b) => a.rank - b.rank);
  const eligible = rows.filter((r) => passedGates.has(r.applicationId));
  const lastIn = eligible[q - 1];
  const firstOut = eligible[q];
  const tieKey =
    lastIn && firstOut && scoreKey(lastIn.final) === scoreKey(firstOut.final) ? scoreKey(lastIn.final) : null;
  const proposed = new Set(eligible.slice(0, q).map((r) => r.applicationId));
  return rows.map((r) => {
    const passed = passedGates.has(r.applicationId);
    const isIn = proposed.has(r.applicationId);
    const reason: ProposalReason = !passed
      ? 'failed_gate'
      : tieKey !== null && scoreKey(r.final) === tieKey
        ? 'tied_at_line'
        : isIn
          ? 'within_quota'
          : 'below_quota_line';
    return { applicationId: r.applicationId, rank: r.rank, proposed: isIn, reason };
  });
}

/**
 * The entrants of a `top_n` stage from one group's ranking: the first n by rank, and every
 * application tied (same final score) with the n-th — ties at the line all enter. In rank order.
 */
export function topWithTies(ranked: readonly RankedRow[], n: number): string[] {
  const rows = [...ranked].sort((a, b) => a.rank - b.rank);
  const take = Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
  const line = rows[take - 1];
  if (!line) return rows.slice(0, take).map((r) => r.applicationId);
  return rows
    .filter((r, i) => i < take || scoreKey(r.final) === scoreKey(line.final))
    .map((r) => r.applicationId);
}

export interface SelectionChange {
  applicationId: string;
  rawRank: number | null;
  standardisedRank: number | null;
  rawProposed: boolean;
  standardisedProposed: boolean;
}

/**
 * Raw against standardised (§2, "would the decision change?"): the applications of one group whose
 * proposal differs between the two rankings, sorted by raw rank (then id). Gates default to all passed.
 */
export function compareRankings(
  raw: readonly RankedRow[],
  standardised: readonly RankedRow[],
  quota: number,
  passedGates?: ReadonlySet<string>,
): SelectionChange[] {
  const all = new Set([...raw, ...standardised].map((r) => r.applicationId));
  const gates = passedGates ?? all;
  const a = new Map(propose(raw, quota, gates).map((l) => [l.applicationId, l]));
  const b = new Map(propose(standardised, quota, gates).map((l) => [l.applicationId, l]));
  const changes: SelectionChange[] = [];
  for (const applicationId of all) {
    const x = a.get(applicationId);
    const y = b.get(applicationId);
    if ((x?.proposed ?? false) === (y?.proposed ?? false)) continue;
    changes.push({
      applicationId,
      rawRank: x?.rank ?? null,
      standardisedRank: y?.rank ?? null,
      rawProposed: x?.proposed ?? false,
      standardisedProposed: y?.proposed ?? false,
    });
  }
  return changes.sort(
    (p, q) =>
      (p.rawRank ?? Infinity) - (q.rawRank ?? Infinity) || compareIds(p.applicationId, q.applicationId),
  );
}
