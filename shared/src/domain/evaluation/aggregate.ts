import type { Aggregation } from '../stages';
import { settle } from './util';

/**
 * Aggregating one application's reviews in a stage (evaluation-maths §1) and the descriptive
 * statistics the agreement figures use (§4). Scores are on a 0–100 scale; full precision is kept
 * everywhere and `round2` is for display only.
 *
 * Numerical care, so the documented properties hold exactly and not just "up to rounding":
 * - values are sorted before summing, so every statistic is exactly order-invariant;
 * - a mean is computed as `min + Σ(x − min) / n` with a compensated (Neumaier) sum and clamped to
 *   [min, max], so the mean of equal values is that value and a mean never leaves [min, max].
 *
 * Every function is total: the statistics of an empty list are `null` (no reviews, no score).
 */

/** With at least this many reviews the trimmed mean drops one highest and one lowest (§1). */
export const TRIM_FROM = 5;

function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Neumaier's compensated sum: the error of adding many scores stays at one rounding. */
function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let carry = 0;
  for (const v of values) {
    const t = sum + v;
    carry += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + carry;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** The mean of values already sorted ascending (non-empty). */
function meanOfSorted(sorted: readonly number[]): number {
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  const excess = compensatedSum(sorted.map((v) => v - lo));
  return clamp(lo + excess / sorted.length, lo, hi);
}

/** Arithmetic mean (§1 option); `null` for no values. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : meanOfSorted(ascending(values));
}

/** Median (§1 option): the middle value, or for an even count the mean of the two middle ones; `null` for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid]!;
  return meanOfSorted([sorted[mid - 1]!, sorted[mid]!]);
}

/**
 * Trimmed mean (§1, the default, 去掉一个最高分和一个最低分): with n ≥ 5 values drop one highest and
 * one lowest and average the rest; with fewer, the plain mean. `null` for no values.
 * [82, 90, 75, 88, 95] → 86.6667; [82, 90, 75, 88] → 83.75.
 */
export function trimmedMean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  return meanOfSorted(sorted.length >= TRIM_FROM ? sorted.slice(1, -1) : sorted);
}

/** The stage's aggregation method applied to one application's counted scores (§1); `null` for none. */
export function aggregate(method: Aggregation, values: readonly number[]): number | null {
  switch (method) {
    case 'trimmed_mean':
      return trimmedMean(values);
    case 'mean':
      return mean(values);
    case 'median':
      return median(values);
  }
}

/**
 * A stage score (§1): the stage's aggregation over one application's counted scores, settled on the
 * 1e-9 grid like every stored figure (`settle`); `null` without scores.
 */
export function stageScore(method: Aggregation, values: readonly number[]): number | null {
  const x = aggregate(method, values);
  return x === null ? null : settle(x);
}

/** Spread (§4): max − min; 0 for one value, `null` for none. */
export function spread(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}

/** Population standard deviation (§2, §4: divide by n); 0 for one value, `null` for none. */
export function populationSd(values: readonly number[]): number | null {
  const mu = mean(values);
  if (mu === null) return null;
  const squares = ascending(values).map((v) => (v - mu) * (v - mu));
  return Math.sqrt(compensatedSum(squares) / values.length);
}

/** Count, mean and population SD together (what standardisation and leniency need). */
export interface Moments {
  n: number;
  mean: number | null;
  sd: number | null;
}

export function moments(values: readonly number[]): Moments {
  return { n: values.length, mean: mean(values), sd: populationSd(values) };
}

/**
 * Round to 2 decimals for display only (§1), half away from zero on the number as it is written
 * (so 1.005 → 1.01, −2.675 → −2.68, never −0). Non-finite values are returned unchanged.
 */
export function round2(x: number): number {
  if (!Number.isFinite(x)) return x;
  const abs = Math.abs(x);
  const text = String(abs);
  const rounded = text.includes('e')
    ? Math.round(abs * 100) / 100
    : Number(`${Math.round(Number(`${text}e2`))}e-2`);
  return rounded === 0 ? 0 : x < 0 ? -rounded : rounded;
}
