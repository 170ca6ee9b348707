/**
 * Materialised evaluation results (docs/EVALUATION.md): per stage × application and per campaign ×
 * application, kept in the transaction that locks or reopens a review, and recomputed set-based on demand.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgKind } from './organizations';
import { applications } from './applications';
import { stages } from './stages';
import { ts } from './columns';

export const stageResults = pgTable(
  'stage_results',
  {
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    campaignId: uuid('campaign_id').notNull(),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** Locked reviews that count (assigned, not conflicted or overridden). */
    reviewCount: integer('review_count').notNull().default(0),
    score: doublePrecision('score'),
    standardisedScore: doublePrecision('standardised_score'),
    spread: doublePrecision('spread'),
    sd: doublePrecision('sd'),
    /** Gates: null until decided; false when a veto item failed (its ids in `failed_vetoes`). */
    gatePassed: boolean('gate_passed'),
    failedVetoes: uuid('failed_vetoes')
      .array()
      .notNull()
      .default(sql`'{}'`),
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'`),
    enteredAt: ts('entered_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stageId, t.applicationId] }),
    index('stage_results_app_idx').on(t.applicationId),
  ],
);

/** The ranking's source: finals per application, indexed in ranking order per (campaign, track, kind). */
export const evaluationTotals = pgTable(
  'evaluation_totals',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id),
    campaignId: uuid('campaign_id').notNull(),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** Σ weight × stage score (0 when it took no weighted stage); settled on the 1e-9 grid. */
    finalScore: doublePrecision('final_score').notNull().default(0),
    finalStandardised: doublePrecision('final_standardised').notNull().default(0),
    /** The score of the last weighted stage it took (the first tie-break). */
    lastStageScore: doublePrecision('last_stage_score'),
    lastStageStandardised: doublePrecision('last_stage_standardised'),
    countedReviews: integer('counted_reviews').notNull().default(0),
    gatesPassed: boolean('gates_passed').notNull().default(true),
    submittedAt: ts('submitted_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // The tie rule of §5 in both modes, per (track, kind) and per whole track (ranking-queries.ts reads
    // the first rows of the group and counts the rows above a place along these).
    ...(['raw', 'std'] as const).flatMap((mode) => {
      const [final, last] =
        mode === 'raw' ? [t.finalScore, t.lastStageScore] : [t.finalStandardised, t.lastStageStandardised];
      // A fresh list per index: drizzle's index builders keep the columns they are given.
      const order = () => [
        final.desc(),
        last.desc().nullsLast(),
        t.countedReviews.desc(),
        t.submittedAt,
        t.applicationId,
      ];
      const suffix = mode === 'raw' ? 'rank_idx' : 'rank_std_idx';
      return [
        index(`evaluation_totals_${suffix}`).on(t.campaignId, t.trackCode, t.orgKind, ...order()),
        index(`evaluation_totals_track_${suffix}`).on(t.campaignId, t.trackCode, ...order()),
      ];
    }),
  ],
);
