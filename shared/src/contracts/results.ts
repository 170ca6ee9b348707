import { z } from 'zod';
import { TIE_RULE } from '../domain/evaluation/ranking';

/**
 * Results (docs/EVALUATION.md "Results, ranking, statistics"): the recomputation, standardisation, the
 * ranking per (track, kind) raw and standardised, and a stage's statistics and progress.
 */
export const recomputeAnswer = z.object({
  ok: z.literal(true),
  stageResults: z.number().int(),
  totals: z.number().int(),
});
export type RecomputeAnswer = z.infer<typeof recomputeAnswer>;

export const rankingQuery = z
  .object({
    track: z.string().min(1).max(40),
    kind: z.enum(['party_committee', 'general_branch', 'branch']).optional(),
    mode: z.enum(['raw', 'standardised']).default('raw'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type RankingQuery = z.infer<typeof rankingQuery>;

export const rankingRow = z.object({
  applicationId: z.uuid(),
  organizationName: z.string(),
  unitName: z.string().nullable(),
  brandName: z.string().nullable(),
  /** Place in the mode asked for, and in the other mode. */
  rank: z.number().int(),
  rawRank: z.number().int(),
  standardisedRank: z.number().int(),
  finalScore: z.number(),
  finalStandardised: z.number(),
  lastStageScore: z.number().nullable(),
  countedReviews: z.number().int(),
  gatesPassed: z.boolean(),
  submittedAt: z.iso.datetime().nullable(),
  /** Within the quota by one ranking and not by the other (among those who passed every gate). */
  selectionWouldChange: z.boolean(),
});

export const ranking = z.object({
  track: z.string(),
  kind: z.string().nullable(),
  mode: z.enum(['raw', 'standardised']),
  quota: z.number().int().nullable(),
  /** The tie rule, in order (written out on the page). */
  tieRule: z.array(z.enum(TIE_RULE)),
  total: z.number().int(),
  items: z.array(rankingRow),
});
export type Ranking = z.infer<typeof ranking>;

export const stageStatistics = z.object({
  stageId: z.uuid(),
  /** Counted locked reviews with a score. */
  reviews: z.number().int(),
  /** Scores in buckets of 10 points: [0, 10), [10, 20), … [90, 100]. */
  distribution: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  icc: z.object({
    icc: z.number().nullable(),
    msb: z.number().nullable(),
    msw: z.number().nullable(),
    k0: z.number().nullable(),
    a: z.number().int(),
    n: z.number().int(),
  }),
  leniency: z.array(
    z.object({
      reviewerId: z.uuid(),
      reviewerName: z.string(),
      n: z.number().int(),
      mean: z.number(),
      leniency: z.number(),
    }),
  ),
  /** Applications whose spread is above the stage's threshold. */
  spreadFlags: z.array(
    z.object({ applicationId: z.uuid(), n: z.number().int(), spread: z.number(), sd: z.number() }),
  ),
});
export type StageStatistics = z.infer<typeof stageStatistics>;

export const stageProgress = z.object({
  stageId: z.uuid(),
  assigned: z.number().int(),
  locked: z.number().int(),
  reviewers: z.array(
    z.object({
      reviewerId: z.uuid(),
      reviewerName: z.string(),
      assigned: z.number().int(),
      locked: z.number().int(),
      /** Has not locked every assignment. */
      pending: z.boolean(),
    }),
  ),
});
export type StageProgress = z.infer<typeof stageProgress>;

/** POST /api/stages/:id/remind (催办): how many experts were reminded, of how many reviews not locked. */
export const stageRemindAnswer = z.object({
  reviewers: z.number().int(),
  reviews: z.number().int(),
});
export type StageRemindAnswer = z.infer<typeof stageRemindAnswer>;

/** The stage charts the server renders as SVG (`GET /api/stages/:id/charts/:name.svg`). */
export const STAGE_CHART_NAMES = ['score-distribution', 'reviewer-leniency'] as const;
export type StageChartName = (typeof STAGE_CHART_NAMES)[number];
export const stageChartParams = z
  .object({
    id: z.uuid(),
    file: z.enum(STAGE_CHART_NAMES.map((n) => `${n}.svg` as const) as [`${StageChartName}.svg`]),
  })
  .strict();
