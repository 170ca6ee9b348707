/** A stage's panel, its review assignments and the recorded random draws (docs/EVALUATION.md). */
import { bigint, index, jsonb, pgEnum, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { DRAW_KINDS } from '../../../../shared/src/domain/stages';
import { campaigns } from './campaigns';
import { applications } from './applications';
import { users } from './accounts';
import { stages } from './stages';
import { ts } from './columns';

export const drawKind = pgEnum('draw_kind', DRAW_KINDS);

/**
 * A random step anyone can re-run: the seed, the inputs (sorted ids and parameters) and the result, with the
 * SHA-256 of each canonical JSON. Immutable once written.
 */
export const draws = pgTable(
  'draws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    stageId: uuid('stage_id').references(() => stages.id),
    kind: drawKind('kind').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<unknown>().notNull(),
    inputsDigest: text('inputs_digest').notNull(),
    resultDigest: text('result_digest').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('draws_stage_idx').on(t.stageId)],
);

/** The experts of a stage (by hand or drawn from the available pool). */
export const stageReviewers = pgTable(
  'stage_reviewers',
  {
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    drawId: uuid('draw_id').references(() => draws.id),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.reviewerId] })],
);

/** A reviewer given an application in a stage (评审分配). Its review has the same id. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id),
    campaignId: uuid('campaign_id').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    /** The application's unit (distribution by unit, like every table that grows with a campaign). */
    unitId: uuid('unit_id').notNull(),
    drawId: uuid('draw_id').references(() => draws.id),
    /** `manual`, `import` or `auto`. */
    source: text('source').notNull().default('manual'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('assignments_key').on(t.stageId, t.applicationId, t.reviewerId),
    index('assignments_reviewer_idx').on(t.reviewerId, t.stageId),
    index('assignments_app_idx').on(t.applicationId),
  ],
);
