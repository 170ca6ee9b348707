import { moments, type Moments } from './aggregate';
import { compareIds, groupBy } from './util';

/**
 * Per-reviewer standardisation within one stage (evaluation-maths §2). For a reviewer r with at
 * least `minReviews` (5) locked reviews in the stage and a standard deviation > 0:
 *
 *   x' = μ_stage + σ_stage · (x − μ_r) / σ_r, clipped to [0, 100]
 *
 * μ and σ are the mean and the population SD (divide by n): μ_r, σ_r over r's scores in the stage,
 * μ_stage, σ_stage over all locked scores in the stage. Every other reviewer's scores stay raw.
 * The input is the stage's locked, counted scores (the caller filters); nothing else is assumed.
 */

export const STANDARDISE_MIN_REVIEWS = 5;
export const SCORE_MIN = 0;
export const SCORE_MAX = 100;

export interface ReviewScore {
  reviewerId: string;
  applicationId: string;
  score: number;
}

export interface StandardisedScore extends ReviewScore {
  /** The score used when the stage standardises: x' for a standardised reviewer, else the raw score. */
  standardised: number;
  isStandardised: boolean;
}

/** Why a reviewer's scores were left raw. */
export type RawReason = 'too_few_reviews' | 'no_variation';

export interface ReviewerNorm extends Moments {
  reviewerId: string;
  standardised: boolean;
  rawReason: RawReason | null;
}

export interface Standardisation {
  /** One row per input score, in input order. */
  scores: StandardisedScore[];
  /** μ_stage and σ_stage (population) over all scores; `null`s for an empty stage. */
  stage: Moments;
  /** Each reviewer's μ_r, σ_r and whether it was standardised, sorted by reviewer id. */
  reviewers: ReviewerNorm[];
}

function clip(x: number): number {
  return x < SCORE_MIN ? SCORE_MIN : x > SCORE_MAX ? SCORE_MAX : x;
}

/** Standardise a stage's scores (§2). An empty stage gives empty lists; nothing throws. */
export function standardise(
  scores: readonly ReviewScore[],
  options: { minReviews?: number } = {},
): Standardisation {
  const minReviews = options.minReviews ?? STANDARDISE_MIN_REVIEWS;
  const stage = moments(scores.map((s) => s.score));
  const byReviewer = groupBy(scores, (s) => s.reviewerId);

  const reviewers: ReviewerNorm[] = [...byReviewer.keys()].sort(compareIds).map((reviewerId) => {
    const m = moments(byReviewer.get(reviewerId)!.map((s) => s.score));
    const rawReason: RawReason | null =
      m.n < minReviews ? 'too_few_reviews' : !(m.sd! > 0) ? 'no_variation' : null;
    return { reviewerId, ...m, standardised: rawReason === null, rawReason };
  });
  const norms = new Map(reviewers.map((r) => [r.reviewerId, r]));

  return {
    stage,
    reviewers,
    scores: scores.map((s) => {
      const r = norms.get(s.reviewerId)!;
      if (!r.standardised) return { ...s, standardised: s.score, isStandardised: false };
      const z = (s.score - r.mean!) / r.sd!;
      return { ...s, standardised: clip(stage.mean! + stage.sd! * z), isStandardised: true };
    }),
  };
}
