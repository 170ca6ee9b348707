import type { PeerMode } from '../stages';
import { mean, trimmedMean } from './aggregate';
import { compareIds, groupBy, scoreKey } from './util';

/**
 * Peer mutual evaluation (互比互评, evaluation-maths §3). The members of a group are applications; each
 * member's representative (the rater) ranks or scores the others it may rate. Everything works on
 * `PeerRating`s — one value a rater gave one target — so ranking and scoring share the same checks:
 * a ranking becomes Borda points first (`rankingsToRatings`).
 */

export interface PeerMember {
  id: string;
  unitId: string | null;
}

/** A rater never rates itself, and (when `excludeOwnUnit`, on by default in a stage) never its own unit. */
export function mayRate(
  rater: PeerMember,
  target: PeerMember,
  options: { excludeOwnUnit: boolean },
): boolean {
  if (rater.id === target.id) return false;
  return !(options.excludeOwnUnit && rater.unitId !== null && rater.unitId === target.unitId);
}

/** The members a rater must rank or score (all it may rate), sorted by id. */
export function ratableMembers(
  rater: PeerMember,
  members: readonly PeerMember[],
  options: { excludeOwnUnit: boolean },
): PeerMember[] {
  return members.filter((m) => mayRate(rater, m, options)).sort((a, b) => compareIds(a.id, b.id));
}

export type RankingProblemCode =
  'rates_itself' | 'rates_own_unit' | 'unknown_member' | 'duplicate' | 'missing_member';

export interface RankingProblem {
  code: RankingProblemCode;
  targetId: string;
}

/** What is wrong with a rater's list of targets (a ranking, or the targets of its scores); `[]` when valid. */
export function checkRatedTargets(
  rater: PeerMember,
  targetIds: readonly string[],
  members: readonly PeerMember[],
  options: { excludeOwnUnit: boolean },
): RankingProblem[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  const seen = new Set<string>();
  const problems: RankingProblem[] = [];
  for (const targetId of targetIds) {
    const target = byId.get(targetId);
    if (seen.has(targetId)) problems.push({ code: 'duplicate', targetId });
    else if (targetId === rater.id) problems.push({ code: 'rates_itself', targetId });
    else if (!target) problems.push({ code: 'unknown_member', targetId });
    else if (!mayRate(rater, target, options)) problems.push({ code: 'rates_own_unit', targetId });
    seen.add(targetId);
  }
  for (const m of ratableMembers(rater, members, options)) {
    if (!seen.has(m.id)) problems.push({ code: 'missing_member', targetId: m.id });
  }
  return problems;
}

export interface PeerRanking {
  raterId: string;
  /** Target ids, best first. */
  ranking: readonly string[];
}

export interface PeerRating {
  raterId: string;
  targetId: string;
  /** Borda points (ranking) or the score given (0–100). */
  value: number;
}

/**
 * Borda points by rank (§3): of m ranked targets, the one at 0-based position i gets
 * (m − 1 − i) / (m − 1) × 100. A ranking of one target gives it 100 (it is first).
 */
export function bordaPoints(ranking: readonly string[]): { targetId: string; points: number }[] {
  const m = ranking.length;
  return ranking.map((targetId, i) => ({ targetId, points: m === 1 ? 100 : ((m - 1 - i) / (m - 1)) * 100 }));
}

/** Each ranking as Borda-point ratings, in input order. */
export function rankingsToRatings(rankings: readonly PeerRanking[]): PeerRating[] {
  return rankings.flatMap((r) =>
    bordaPoints(r.ranking).map(({ targetId, points }) => ({ raterId: r.raterId, targetId, value: points })),
  );
}

export interface PeerScore {
  targetId: string;
  score: number;
  /** How many raters' values counted (raters excluded from rating it never count). */
  count: number;
}

/**
 * Each rated target's peer score (§3), sorted by target id; targets no one rated are absent.
 * `rank` (values are Borda points): the mean of the points received; `score`: the trimmed mean of §1.
 */
export function peerScores(ratings: readonly PeerRating[], mode: PeerMode): PeerScore[] {
  const byTarget = groupBy(ratings, (r) => r.targetId);
  return [...byTarget.keys()].sort(compareIds).map((targetId) => {
    const values = byTarget.get(targetId)!.map((r) => r.value);
    const score = mode === 'rank' ? mean(values)! : trimmedMean(values)!;
    return { targetId, score, count: values.length };
  });
}

/**
 * Ranks with ties averaged: the smallest value gets rank 1; equal values share the mean of the
 * ranks they span ([10, 20, 20, 30] → [1, 2.5, 2.5, 4]).
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) ranks[order[j]!.i] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Spearman's ρ (§3) between two paired lists: `1 − 6 Σd² / (n (n² − 1))` on their ranks with ties
 * averaged. [1, 2, 3, 4, 5] vs [2, 1, 3, 5, 4] → 0.8; vs [5, 4, 3, 2, 1] → −1. `null` when fewer
 * than two pairs or the lists differ in length (no correlation to speak of).
 */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2 || y.length !== n) return null;
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (rx[i]! - ry[i]!) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

export const CONSENSUS_THRESHOLD = 0.3;

export interface RaterConsistency {
  raterId: string;
  /** ρ between the rater's values and the consensus of the other raters over the same targets. */
  rho: number | null;
  /** How many targets entered ρ (those the rater rated that someone else rated too). */
  n: number;
  flagged: boolean;
}

/**
 * Consensus check (§3): for each rater, Spearman's ρ between its values and the peer scores the
 * other raters give the same targets (the consensus computed without it), both compared by
 * `scoreKey` so floating-point noise is no order. ρ < threshold flags the rater; with fewer than two comparable targets ρ is `null` and nothing is flagged. Sorted by rater.
 */
export function consensusCheck(
  ratings: readonly PeerRating[],
  mode: PeerMode,
  threshold: number = CONSENSUS_THRESHOLD,
): RaterConsistency[] {
  const byRater = groupBy(ratings, (r) => r.raterId);
  return [...byRater.keys()].sort(compareIds).map((raterId) => {
    const others = new Map(
      peerScores(
        ratings.filter((r) => r.raterId !== raterId),
        mode,
      ).map((p) => [p.targetId, p.score]),
    );
    const own = byRater.get(raterId)!.filter((r) => others.has(r.targetId));
    const rho = spearman(
      own.map((r) => scoreKey(r.value)),
      own.map((r) => scoreKey(others.get(r.targetId)!)),
    );
    return { raterId, rho, n: own.length, flagged: rho !== null && rho < threshold };
  });
}

export interface ReciprocalFavour {
  /** The pair, `a` < `b` by id. */
  a: string;
  b: string;
  /** Their positions (1 = best, ties averaged) in the consensus without their ratings of each other. */
  rankA: number;
  rankB: number;
  /** How many targets that consensus ranks. */
  n: number;
}

/**
 * Reciprocal favour (§3): a and b each put the other first (the other has the highest value it
 * gave, ties included) while the consensus — the peer scores without a's and b's ratings of each
 * other — puts both in the lower half (position, ties averaged, > (n + 1) / 2). Sorted by pair.
 */
export function reciprocalFavours(ratings: readonly PeerRating[], mode: PeerMode): ReciprocalFavour[] {
  const byRater = groupBy(ratings, (r) => r.raterId);
  const firsts = new Map<string, Set<string>>();
  for (const [raterId, own] of byRater) {
    const top = Math.max(...own.map((r) => scoreKey(r.value)));
    firsts.set(raterId, new Set(own.filter((r) => scoreKey(r.value) === top).map((r) => r.targetId)));
  }
  const flagged: ReciprocalFavour[] = [];
  for (const a of [...firsts.keys()].sort(compareIds)) {
    for (const b of [...firsts.get(a)!].sort(compareIds)) {
      if (!(a < b) || !firsts.get(b)?.has(a)) continue;
      const rest = ratings.filter(
        (r) => !((r.raterId === a && r.targetId === b) || (r.raterId === b && r.targetId === a)),
      );
      const consensus = peerScores(rest, mode);
      const positions = averageRanks(consensus.map((p) => -scoreKey(p.score)));
      const positionOf = (id: string) => positions[consensus.findIndex((p) => p.targetId === id)];
      const rankA = positionOf(a);
      const rankB = positionOf(b);
      const n = consensus.length;
      if (rankA !== undefined && rankB !== undefined && rankA > (n + 1) / 2 && rankB > (n + 1) / 2) {
        flagged.push({ a, b, rankA, rankB, n });
      }
    }
  }
  return flagged;
}
