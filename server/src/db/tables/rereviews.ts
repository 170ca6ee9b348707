/**
 * Re-review rounds (复评复审批次, issue #8 §3): which titles a round took (a year's, a seeded sample with
 * its seed and pool, or a list), the standard basis, and per title its outcome (keep / rectify with a
 * deadline / revoke, or expired by the sweep) and the follow-up of a rectification. Outcomes are frozen
 * once the round is closed.
 */
import { bigint, date, index, integer, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import {
  FOLLOW_UP_RESULTS,
  REREVIEW_OUTCOMES,
  REREVIEW_ROUND_STATUSES,
  REREVIEW_SELECTION_MODES,
  STANDARD_BASES,
} from '../../../../shared/src/domain/rereview';
import { ts } from './columns';
import { users } from './accounts';
import { standardVersions } from './standards';
import { titles } from './titles';

export const rereviewRoundStatus = pgEnum('rereview_round_status', REREVIEW_ROUND_STATUSES);
export const rereviewSelectionMode = pgEnum('rereview_selection_mode', REREVIEW_SELECTION_MODES);
export const standardBasis = pgEnum('standard_basis', STANDARD_BASES);
export const rereviewOutcome = pgEnum('rereview_outcome', REREVIEW_OUTCOMES);
export const followUpResult = pgEnum('follow_up_result', FOLLOW_UP_RESULTS);

export const rereviewRounds = pgTable(
  'rereview_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    status: rereviewRoundStatus('status').notNull(),
    mode: rereviewSelectionMode('mode').notNull(),
    /** Year and sample modes: the award year drawn from. */
    awardYear: integer('award_year'),
    /** Sample mode: the size, the unsigned 32-bit seed, the algorithm and the pool's title ids. */
    sampleSize: integer('sample_size'),
    seed: bigint('seed', { mode: 'number' }),
    drawAlgorithm: text('draw_algorithm'),
    pool: uuid('pool').array(),
    standardBasis: standardBasis('standard_basis').notNull(),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name'),
    closedAt: ts('closed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('rereview_rounds_year_idx').on(t.year)],
);

export const rereviewItems = pgTable(
  'rereview_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rereviewRounds.id),
    titleId: uuid('title_id')
      .notNull()
      .references(() => titles.id),
    /** The standard version it is re-reviewed against, per the round's basis (null: none on record). */
    standardVersionId: uuid('standard_version_id').references(() => standardVersions.id),
    outcome: rereviewOutcome('outcome'),
    reason: text('reason'),
    /** The rectification deadline (a China date). */
    deadline: date('deadline', { mode: 'string' }),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedByName: text('decided_by_name'),
    followUp: followUpResult('follow_up'),
    followUpReason: text('follow_up_reason'),
    followUpAt: ts('follow_up_at'),
    followUpByName: text('follow_up_by_name'),
  },
  (t) => [
    unique('rereview_items_key').on(t.roundId, t.titleId),
    index('rereview_items_title_idx').on(t.titleId),
  ],
);
