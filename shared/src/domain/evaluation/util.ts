/** Small helpers shared by the evaluation files (not part of the public API). */

/** Ids compare by code unit (never by locale), so every ordering is the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Group values by a key, keeping input order inside each group. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The key scores are compared by when ranking or looking for ties: the score on a 1e-9 grid.
 * Floating point makes mathematically equal figures differ in the last bits (0.3·60.5 + 0.4·80 +
 * 0.3·61 = 68.45 but 0.3·61 + 0.4·80 + 0.3·60.5 = 68.44999999999999); a committee must see those
 * as the tie they are. Figures are kept at full precision; only comparisons use the key.
 */
export function scoreKey(x: number): number {
  return Math.round(x * 1e9);
}

/**
 * A figure as the evaluation stores it (stage scores, finals): on the same 1e-9 grid, so equal
 * figures are equal to the last bit, a database ordering by them agrees with `scoreKey`, and a
 * recomputation gives the same digits. Far below anything shown (2 decimals) or meaningful.
 */
export function settle(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
