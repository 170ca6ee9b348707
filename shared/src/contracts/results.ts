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
