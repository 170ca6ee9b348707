/**
 * A unit's ranked recommendation list (推荐排序) in one campaign and track — the one rule the page,
 * the API and the cap share (issue 7 §1.1):
 * - every application the unit has recommended holds a rank and counts against the cap, from
 *   `recommended` to `certified` (RANK_HOLDING_STATUSES);
 * - once the committee accepts an application its rank is fixed: it stays in the list, shown read-only;
 * - only the applications still `recommended` move; a new order places them, in that order, on the
 *   ranks the fixed ones leave free (1, 2, 3 … skipping the fixed ranks);
 * - a new recommendation takes a free rank within 1..cap (the page suggests the smallest).
 */
import type { ApplicationStatus } from './application-workflow';

/** Statuses of an application the unit has recommended: it holds a rank and counts against the cap. */
export const RANK_HOLDING_STATUSES: readonly ApplicationStatus[] = [
  'recommended',
  'accepted',
  'in_review',
  'shortlisted',
  'not_selected',
  'proposed',
  'in_publicity',
  'certified',
];

/** The one status whose rank the unit may still change. */
export const RANK_MOVABLE_STATUS: ApplicationStatus = 'recommended';

export interface RankEntry {
  id: string;
  status: ApplicationStatus;
  unitRank: number | null;
}

export const holdsRank = (s: ApplicationStatus): boolean => RANK_HOLDING_STATUSES.includes(s);
export const rankLocked = (s: ApplicationStatus): boolean => holdsRank(s) && s !== RANK_MOVABLE_STATUS;

/** The ranks held by applications whose rank is fixed (accepted or later). */
export function lockedRanks(entries: readonly RankEntry[]): Set<number> {
  return new Set(entries.flatMap((e) => (rankLocked(e.status) && e.unitRank !== null ? [e.unitRank] : [])));
}

/** The first `n` ranks (ascending from 1) that none of `taken` holds. */
export function firstFree(taken: ReadonlySet<number>, n: number): number[] {
  const out: number[] = [];
  for (let r = 1; out.length < n; r++) if (!taken.has(r)) out.push(r);
  return out;
}

/**
 * The ranks a new recommendation may take: within 1..cap and held by no other application of the list
 * (without a cap: the free ranks up to one past the list's size). Empty when the cap is reached.
 */
export function freeRanks(entries: readonly RankEntry[], cap: number | null): number[] {
  const holding = entries.filter((e) => holdsRank(e.status));
  if (cap !== null && holding.length >= cap) return [];
  const taken = new Set(holding.flatMap((e) => (e.unitRank === null ? [] : [e.unitRank])));
  const upTo = cap ?? holding.length + 1;
  const out: number[] = [];
  for (let r = 1; r <= upTo; r++) if (!taken.has(r)) out.push(r);
  return out;
}

/** The rank the page offers for a new recommendation: the smallest free one (null: the cap is reached). */
export function suggestedRank(entries: readonly RankEntry[], cap: number | null): number | null {
  return freeRanks(entries, cap)[0] ?? null;
}

/**
 * The ranks after ordering the movable applications as `order` (ids of the `recommended` ones, each
 * once): they take, in that order, the smallest ranks the fixed ones leave free.
 */
export function placeOrder(
  order: readonly string[],
  entries: readonly RankEntry[],
): { id: string; rank: number }[] {
  const ranks = firstFree(lockedRanks(entries), order.length);
  return order.map((id, i) => ({ id, rank: ranks[i]! }));
}

export interface RankRow<T> {
  item: T;
  rank: number | null;
  locked: boolean;
}

/**
 * The list as the page shows it: every application holding a rank, at its stored rank; with `order`
 * (the movable ones as the user arranged them), the fixed ones at their ranks and the movable ones on
 * the ranks a save would store (`placeOrder`).
 */
export function rankingView<T extends RankEntry>(
  items: readonly T[],
  order?: readonly string[],
): RankRow<T>[] {
  const holding = items.filter((e) => holdsRank(e.status));
  let placed: Map<string, number> | null = null;
  if (order) {
    const movable = new Set(holding.filter((e) => !rankLocked(e.status)).map((e) => e.id));
    const ids = order.filter((id) => movable.has(id));
    for (const id of movable) if (!ids.includes(id)) ids.push(id);
    placed = new Map(placeOrder(ids, holding).map((p) => [p.id, p.rank]));
  }
  const rows: RankRow<T>[] = holding.map((e) => ({
    item: e,
    rank: rankLocked(e.status) || !placed ? e.unitRank : placed.get(e.id)!,
    locked: rankLocked(e.status),
  }));
  const last = Number.MAX_SAFE_INTEGER;
  return rows.sort((a, b) => (a.rank ?? last) - (b.rank ?? last) || a.item.id.localeCompare(b.item.id));
}

/** "1、3、4" / "1, 3, 4": free ranks for a message. */
export function rankListText(ranks: readonly number[], lang: 'zh' | 'en'): string {
  return ranks.join(lang === 'zh' ? '、' : ', ');
}
