/**
 * The two improvement steps of automatic assignment (assign.ts, steps 3 and 4), on a small mutable
 * state private to one `assignReviewers` call. Applications and reviewers are numbered 0…n−1.
 *
 * Both look for changes made of moves "application a passes from reviewer x to reviewer y" (only
 * pairs made in this run move; y must be allowed and not yet on a):
 * - step 3 shifts one unit of load from a reviewer h to a reviewer l with load(l) ≤ load(h) − 2
 *   along a chain of moves (breadth-first search over reviewers); when no such chain exists the
 *   load vector is the most even one possible (no improving path ⇔ optimal convex-cost flow);
 * - step 4 keeps the multiset of loads and raises the number of distinct units per application:
 *   it cancels positive-gain cycles of moves (Bellman–Ford on the reviewers), where a chain from a
 *   reviewer of load L to one of load L − 1 also closes a cycle (the two loads swap).
 */

export const EXTERNAL = 'external:';

export interface AssignState {
  unitKey: string[];
  load: number[];
  /** Per application: the reviewers on it (existing and new). */
  on: Set<number>[];
  /** Per reviewer: the applications it was given in this run (the only pairs that move). */
  moved: Set<number>[];
  /** Per application: how many of its reviewers each unit has. */
  units: Map<string, number>[];
  /** Per application: the allowed reviewers that were not on it before this run (sorted). */
  eligible: number[][];
  canTake(a: number, r: number): boolean;
  give(a: number, r: number, delta: 1 | -1): void;
}

export function createState(init: {
  unitKeys: string[];
  loads: number[];
  existing: number[][];
  allowed: (a: number, r: number) => boolean;
}): AssignState {
  const { unitKeys: unitKey, existing, allowed } = init;
  const load = [...init.loads];
  const on = existing.map((rs) => new Set(rs));
  const moved = unitKey.map(() => new Set<number>());
  const units = existing.map((rs) => {
    const m = new Map<string, number>();
    for (const r of rs) m.set(unitKey[r]!, (m.get(unitKey[r]!) ?? 0) + 1);
    return m;
  });
  const eligible = existing.map((_, a) =>
    unitKey.map((_, r) => r).filter((r) => allowed(a, r) && !on[a]!.has(r)),
  );
  const eligibleSet = eligible.map((rs) => new Set(rs));
  return {
    unitKey,
    load,
    on,
    moved,
    units,
    eligible,
    canTake: (a, r) => eligibleSet[a]!.has(r) && !on[a]!.has(r),
    give(a, r, delta) {
      if (delta === 1) {
        on[a]!.add(r);
        moved[r]!.add(a);
      } else {
        on[a]!.delete(r);
        moved[r]!.delete(a);
      }
      load[r]! += delta;
      units[a]!.set(unitKey[r]!, (units[a]!.get(unitKey[r]!) ?? 0) + delta);
    },
  };
}

type Move = [app: number, from: number, to: number];

/** Step 3: shift load along chains of moves until no reviewer can pass load to one 2 or more below it. */
export function balanceLoads(s: AssignState): void {
  const findChain = (sources: number[], level: number): Move[] | null => {
    const via = new Map<number, [from: number, app: number]>(sources.map((x) => [x, [-1, -1]]));
    const queue = [...sources];
    for (let qi = 0; qi < queue.length; qi++) {
      const x = queue[qi]!;
      for (const a of [...s.moved[x]!].sort((p, q) => p - q)) {
        for (const y of s.eligible[a]!) {
          if (via.has(y) || s.on[a]!.has(y)) continue;
          via.set(y, [x, a]);
          if (s.load[y]! <= level - 2) {
            const chain: Move[] = [];
            for (let z = y; via.get(z)![0] !== -1; z = via.get(z)![0])
              chain.push([via.get(z)![1], via.get(z)![0], z]);
            return chain.reverse();
          }
          queue.push(y);
        }
      }
    }
    return null;
  };
  for (let improved = true; improved;) {
    improved = false;
    const lowest = Math.min(...s.load);
    for (const level of [...new Set(s.load)].sort((p, q) => q - p)) {
      if (level - 2 < lowest) break;
      const chain = findChain(
        s.load.flatMap((l, r) => (l === level ? [r] : [])),
        level,
      );
      if (!chain) continue;
      for (const [a, from, to] of chain) {
        s.give(a, from, -1);
        s.give(a, to, 1);
      }
      improved = true;
      break;
    }
  }
}

/** Distinct units on application a after replacing reviewer x by y, minus before. */
function gain(s: AssignState, a: number, x: number, y: number): number {
  const ux = s.unitKey[x]!;
  const uy = s.unitKey[y]!;
  if (ux === uy) return 0;
  return ((s.units[a]!.get(uy) ?? 0) === 0 ? 1 : 0) - (s.units[a]!.get(ux) === 1 ? 1 : 0);
}

function totalDistinct(s: AssignState, apps: Iterable<number>): number {
  let n = 0;
  for (const a of apps) for (const c of s.units[a]!.values()) if (c > 0) n++;
  return n;
}

function descending(loads: number[]): number[] {
  return [...loads].sort((p, q) => q - p);
}

/** Whether a decreasingly sorted load vector is lexicographically larger (less even) than another. */
function worse(after: number[], before: number[]): boolean {
  for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) return after[i]! > before[i]!;
  return false;
}

/** The edges of the move graph as parallel arrays (from, to, weight, application or −1). */
interface Edges {
  from: number[];
  to: number[];
  weight: number[];
  app: number[];
}

/** The edges of a cycle of negative total weight, in order, or null: Bellman–Ford from all nodes at 0. */
function negativeCycle(nodes: number, edges: Edges): number[] | null {
  const { from, to, weight } = edges;
  const dist = new Array<number>(nodes).fill(0);
  const pred = new Array<number>(nodes).fill(-1);
  let last = -1;
  for (let pass = 0; pass < nodes; pass++) {
    last = -1;
    for (let e = 0; e < from.length; e++) {
      const d = dist[from[e]!]! + weight[e]!;
      if (d < dist[to[e]!]!) {
        dist[to[e]!] = d;
        pred[to[e]!] = e;
        last = to[e]!;
      }
    }
    if (last === -1) return null;
  }
  if (last === -1) return null; // no nodes at all
  let v = last;
  for (let i = 0; i < nodes; i++) {
    if (pred[v] === -1) return null;
    v = from[pred[v]!]!;
  }
  const cycle: number[] = [];
  for (let u = v; ;) {
    const e = pred[u]!;
    if (e === -1) return null;
    cycle.push(e);
    u = from[e]!;
    if (u === v) break;
  }
  return cycle.reverse();
}

/**
 * One sweep of cheap improvements: each reviewer sharing its unit on an application is replaced by
 * one of a new unit whose load is one less (the loads swap), or traded with another application's
 * reviewer of a new unit when that application keeps its number of units. Whether anything changed.
 */
function localSweep(s: AssignState): boolean {
  const count = (a: number, r: number) => s.units[a]!.get(s.unitKey[r]!) ?? 0;
  const improve = (a: number, r: number): boolean => {
    const fresh = (y: number) => count(a, y) === 0 && s.canTake(a, y);
    const y = s.eligible[a]!.find((c) => s.load[c] === s.load[r]! - 1 && fresh(c));
    if (y !== undefined) {
      s.give(a, r, -1);
      s.give(a, y, 1);
      return true;
    }
    for (const t of s.eligible[a]!) {
      if (!fresh(t)) continue;
      for (const b of [...s.moved[t]!].sort((p, q) => p - q)) {
        if (b === a || !s.canTake(b, r) || (count(b, t) === 1 && count(b, r) > 0)) continue;
        s.give(a, r, -1);
        s.give(b, t, -1);
        s.give(a, t, 1);
        s.give(b, r, 1);
        return true;
      }
    }
    return false;
  };
  let changed = false;
  for (let a = 0; a < s.on.length; a++) {
    for (const r of [...s.on[a]!].sort((p, q) => p - q)) {
      if (s.on[a]!.has(r) && s.moved[r]!.has(a) && count(a, r) >= 2 && improve(a, r)) changed = true;
    }
  }
  return changed;
}

/**
 * Step 4: raise the number of distinct units per application without changing the multiset of
 * loads. Cheap local moves first; then cycles in the move graph, whose nodes are the reviewers plus
 * one node per load level L: a reviewer of load L − 1 may end a chain into level L's node and a
 * reviewer of load L may start one from it (their loads swap).
 */
export function spreadUnits(s: AssignState): void {
  const reviewers = s.load.length;
  for (let round = 0; round <= s.on.length * reviewers; round++) {
    if (localSweep(s)) continue;
    const levels = [...new Set(s.load)].sort((p, q) => p - q);
    const levelNode = new Map(levels.map((l, i) => [l, reviewers + i]));
    const edges: Edges = { from: [], to: [], weight: [], app: [] };
    const push = (from: number, to: number, weight: number, app: number) => {
      edges.from.push(from);
      edges.to.push(to);
      edges.weight.push(weight);
      edges.app.push(app);
    };
    for (let x = 0; x < reviewers; x++) {
      for (const a of [...s.moved[x]!].sort((p, q) => p - q)) {
        for (const y of s.eligible[a]!) if (!s.on[a]!.has(y)) push(x, y, -gain(s, a, x, y), a);
      }
      const into = levelNode.get(s.load[x]! + 1);
      if (into !== undefined) push(x, into, 0, -1);
      push(levelNode.get(s.load[x]!)!, x, 0, -1);
    }
    const cycle = negativeCycle(reviewers + levels.length, edges);
    if (!cycle) return;
    const moves = cycle
      .filter((e) => edges.app[e] !== -1)
      .map((e) => [edges.app[e]!, edges.from[e]!, edges.to[e]!]);
    const touched = new Set(moves.map(([a]) => a!));
    const before = totalDistinct(s, touched);
    const loadsBefore = descending(s.load);
    for (const [a, from] of moves) s.give(a!, from!, -1);
    for (const [a, , to] of moves) s.give(a!, to!, 1);
    if (totalDistinct(s, touched) > before && !worse(descending(s.load), loadsBefore)) continue;
    // the gains did not add up (an application moved twice) or the loads got worse: undo and stop
    for (const [a, , to] of moves) s.give(a!, to!, -1);
    for (const [a, from] of moves) s.give(a!, from!, 1);
    return;
  }
}
