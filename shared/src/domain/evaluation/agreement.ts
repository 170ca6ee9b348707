import { mean, populationSd, spread } from './aggregate';
import type { ReviewScore } from './standardise';
import { compareIds, groupBy } from './util';

/**
 * Agreement between reviewers (evaluation-maths §4): ICC(1) per stage, spread and SD per
 * application, leniency per reviewer. Input is a stage's counted scores; nothing throws.
 */

export interface Icc1 {
  /** ICC(1); `null` when undefined (fewer than 2 groups, no within-group freedom, or 0/0). */
  icc: number | null;
  msb: number | null;
  msw: number | null;
  k0: number | null;
  /** Groups (applications with at least one score) and scores. */
  a: number;
  n: number;
}

/**
 * ICC(1), one-way random effects, for unbalanced groups (§4); each application is a group of its
 * reviews: ICC = (MSB − MSW) / (MSB + (k₀ − 1) · MSW), MSB = SSB / (a − 1), MSW = SSW / (N − a),
 * k₀ = (N − Σ nᵢ² / N) / (a − 1). Groups [80, 84, 82], [70, 72], [90, 88, 91, 89], [60, 66, 63] →
 * MSB 449.9722, MSW 4.125, k₀ 2.9444, ICC 0.9735. ICC may be negative (less agreement than chance).
 * Empty groups are ignored.
 */
export function icc1(groups: readonly (readonly number[])[]): Icc1 {
  const used = groups.filter((g) => g.length > 0);
  const a = used.length;
  const n = used.reduce((s, g) => s + g.length, 0);
  if (a < 2) return { icc: null, msb: null, msw: null, k0: null, a, n };
  const grand = mean(used.flat())!;
  let ssb = 0;
  let ssw = 0;
  let sumN2 = 0;
  for (const g of used) {
    const m = mean(g)!;
    ssb += g.length * (m - grand) ** 2;
    for (const x of g) ssw += (x - m) ** 2;
    sumN2 += g.length * g.length;
  }
  const msb = ssb / (a - 1);
  const k0 = (n - sumN2 / n) / (a - 1);
  if (n - a < 1) return { icc: null, msb, msw: null, k0, a, n };
  const msw = ssw / (n - a);
  const denominator = msb + (k0 - 1) * msw;
  return { icc: denominator === 0 ? null : (msb - msw) / denominator, msb, msw, k0, a, n };
}

/** ICC(1) of a stage, each application a group of its scores. */
export function stageIcc(scores: readonly ReviewScore[]): Icc1 {
  const groups = groupBy(scores, (s) => s.applicationId);
  return icc1([...groups.keys()].sort(compareIds).map((id) => groups.get(id)!.map((s) => s.score)));
}

export const SPREAD_THRESHOLD = 20;

export interface ApplicationAgreement {
  applicationId: string;
  n: number;
  spread: number;
  sd: number;
  /** Spread strictly above the threshold: discuss before deciding. */
  flagged: boolean;
}

/** Per application (§4): spread (max − min) and population SD; flagged when spread > threshold (20). */
export function applicationAgreement(
  scores: readonly ReviewScore[],
  threshold: number = SPREAD_THRESHOLD,
): ApplicationAgreement[] {
  const groups = groupBy(scores, (s) => s.applicationId);
  return [...groups.keys()].sort(compareIds).map((applicationId) => {
    const values = groups.get(applicationId)!.map((s) => s.score);
    const range = spread(values)!;
    return {
      applicationId,
      n: values.length,
      spread: range,
      sd: populationSd(values)!,
      flagged: range > threshold,
    };
  });
}

export interface ReviewerLeniency {
  reviewerId: string;
  n: number;
  mean: number;
  /** The reviewer's mean minus the stage mean: > 0 lenient, < 0 severe. */
  leniency: number;
}

/** Reviewer leniency (§4): each reviewer's mean minus the stage mean, with its number of reviews. */
export function reviewerLeniency(scores: readonly ReviewScore[]): ReviewerLeniency[] {
  const stageMean = mean(scores.map((s) => s.score));
  const groups = groupBy(scores, (s) => s.reviewerId);
  return [...groups.keys()].sort(compareIds).map((reviewerId) => {
    const values = groups.get(reviewerId)!.map((s) => s.score);
    const m = mean(values)!;
    return { reviewerId, n: values.length, mean: m, leniency: m - stageMean! };
  });
}
