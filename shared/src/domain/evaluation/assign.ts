import { balanceLoads, createState, EXTERNAL, spreadUnits } from './assign-improve';
import { conflictKey, type ReviewerApplicationPair } from './conflicts';
import { randomSource } from './draw';
import { compareIds } from './util';

/**
 * Automatic assignment of reviewers to applications in a stage (issue §3). Hard rules: never a
 * conflicted pair, never the same reviewer twice on an application, at most k per application.
 * Then, as far as the conflicts allow: exactly k per application; the most even load (max − min ≤ 1
 * whenever possible); the k reviewers of an application from different units (each external reviewer
 * counts as a unit of its own). Load comes before unit spread.
 *
 * Method (`ASSIGN_ALGORITHM`), driven by the seed so the same inputs and seed give the same result:
 * 1. Applications and reviewers are sorted by id; a random source is made from the seed (draw.ts).
 * 2. Greedy: applications in order of fewest eligible reviewers first (ties in a seeded random
 *    order); each takes its missing reviewers one at a time, the least loaded first, then one of a
 *    unit it does not have yet, remaining ties by a fresh seeded shuffle per application.
 * 3. Load repair: while some reviewer h can pass one unit of load to a reviewer l with
 *    load(l) ≤ load(h) − 2 through a chain of reassignments (h gives application a₁ to r₁, r₁ gives
 *    a₂ to r₂, …, the last gives one to l; each move allowed), apply the shortest such chain. When no
 *    chain is left the loads are the most even possible: this is the optimality condition of a
 *    convex-cost flow, so max − min is minimal.
 * 4. Unit spread, keeping the multiset of loads: a reviewer sharing its unit on an application is
 *    replaced by one of a new unit whose load is one less (the two loads swap) or traded with another
 *    application's reviewer; then any cycle of moves that raises the number of distinct units is
 *    applied (Bellman–Ford on the reviewers), until none is left.
 * Only assignments made here move; existing ones (and the loads given) stay as they are.
 */

export const ASSIGN_ALGORITHM = 'greedy-least-load+load-chains+unit-cycles/1';

export interface AssignApplication {
  id: string;
}

export interface AssignReviewer {
  id: string;
  /** The reviewer's unit; `null` for an external reviewer. */
  unitId: string | null;
  /** Assignments it already has in the stage (including the `existing` pairs below). */
  load: number;
}

export interface AssignInput {
  applications: readonly AssignApplication[];
  reviewers: readonly AssignReviewer[];
  /** Pairs that may not be assigned, as `conflictKey(reviewerId, applicationId)` (see `conflictSet`). */
  conflicts: ReadonlySet<string>;
  /** Pairs already assigned in the stage: they count toward k and are never moved. */
  existing?: readonly ReviewerApplicationPair[];
  /** Reviewers wanted per application (a non-integer counts as its floor; below 0 as 0). */
  k: number;
  seed: number;
}

export type ShortfallReason = 'too_few_reviewers' | 'conflicts';

export interface Shortfall {
  applicationId: string;
  /** Reviewers it has after assignment (existing and new). */
  assigned: number;
  missing: number;
  /** Fewer reviewers in the pool than k, or enough but too many conflicted. */
  reason: ShortfallReason;
}

export interface AssignResult {
  /** New pairs, sorted by application then reviewer. */
  assignments: ReviewerApplicationPair[];
  shortfalls: Shortfall[];
  /** Every reviewer's load afterwards, sorted by reviewer id. */
  loads: { reviewerId: string; load: number }[];
  /** Applications left with two reviewers of one unit (the conflicts allowed no better). */
  sharedUnits: { applicationId: string; unitId: string }[];
}

function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return [...items]
    .sort((a, b) => compareIds(a.id, b.id))
    .filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)));
}

/** Assign reviewers (see the method above). Total: empty inputs give empty results. */
export function assignReviewers(input: AssignInput): AssignResult {
  const apps = uniqueById(input.applications);
  const revs = uniqueById(input.reviewers);
  const k = Number.isFinite(input.k) ? Math.max(0, Math.floor(input.k)) : 0;
  const rng = randomSource(input.seed);
  const revIndex = new Map(revs.map((r, i) => [r.id, i]));
  const appIndex = new Map(apps.map((a, i) => [a.id, i]));
  const existing = apps.map(() => [] as number[]);
  for (const p of input.existing ?? []) {
    const a = appIndex.get(p.applicationId);
    const r = revIndex.get(p.reviewerId);
    if (a !== undefined && r !== undefined && !existing[a]!.includes(r)) existing[a]!.push(r);
  }
  const state = createState({
    unitKeys: revs.map((r) => r.unitId ?? `${EXTERNAL}${r.id}`),
    loads: revs.map((r) => r.load),
    existing,
    allowed: (a, r) => !input.conflicts.has(conflictKey(revs[r]!.id, apps[a]!.id)),
  });
  const { on, units, load, eligible, unitKey } = state;

  // 2. greedy: the most constrained applications first; per pick the least loaded, then a new unit
  const randomRank = new Map(rng.permute(apps.map((_, a) => a)).map((a, i) => [a, i]));
  const order = apps
    .map((_, a) => a)
    .sort((x, y) => eligible[x]!.length - eligible[y]!.length || randomRank.get(x)! - randomRank.get(y)!);
  for (const a of order) {
    const pool = rng.permute(eligible[a]!);
    for (let need = k - on[a]!.size; need > 0 && pool.length > 0; need--) {
      let best = 0;
      for (let i = 1; i < pool.length; i++) {
        const [x, y] = [pool[i]!, pool[best]!];
        const ux = units[a]!.get(unitKey[x]!) ?? 0;
        const uy = units[a]!.get(unitKey[y]!) ?? 0;
        if (load[x]! < load[y]! || (load[x] === load[y] && ux < uy)) best = i;
      }
      state.give(a, pool.splice(best, 1)[0]!, 1);
    }
  }

  balanceLoads(state); // 3.
  spreadUnits(state); // 4.

  const { moved } = state;
  const assignments = revs
    .flatMap((_, r) => [...moved[r]!].map((a) => ({ applicationId: apps[a]!.id, reviewerId: revs[r]!.id })))
    .sort((x, y) => compareIds(x.applicationId, y.applicationId) || compareIds(x.reviewerId, y.reviewerId));
  const shortfalls: Shortfall[] = apps.flatMap((app, a) => {
    const missing = k - on[a]!.size;
    if (missing <= 0) return [];
    const reason: ShortfallReason = revs.length < k ? 'too_few_reviewers' : 'conflicts';
    return [{ applicationId: app.id, assigned: on[a]!.size, missing, reason }];
  });
  const sharedUnits = apps.flatMap((app, a) =>
    [...units[a]!.entries()]
      .filter(([u, c]) => c > 1 && !u.startsWith(EXTERNAL))
      .map(([unitId]) => ({ applicationId: app.id, unitId }))
      .sort((x, y) => compareIds(x.unitId, y.unitId)),
  );
  return {
    assignments,
    shortfalls,
    loads: revs.map((r, i) => ({ reviewerId: r.id, load: load[i]! })),
    sharedUnits,
  };
}
