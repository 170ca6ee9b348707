/** Evaluation stages (docs/EVALUATION.md): a campaign's ordered methods, each a row of settings. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import {
  AGGREGATIONS,
  ENTRY_RULES,
  PEER_MODES,
  RUBRICS,
  SEE_OTHERS,
  STAGE_METHODS,
  STAGE_STATUSES,
  VETO_RULES,
} from '../../../../shared/src/domain/stages';
import { campaigns } from './campaigns';
import { ts } from './columns';

const ratio = (name: string) => numeric(name, { precision: 5, scale: 4, mode: 'number' });

export const stageMethod = pgEnum('stage_method', STAGE_METHODS);
export const stageStatus = pgEnum('stage_status', STAGE_STATUSES);
export const entryRule = pgEnum('entry_rule', ENTRY_RULES);
export const aggregation = pgEnum('aggregation', AGGREGATIONS);
export const rubric = pgEnum('rubric', RUBRICS);
export const seeOthers = pgEnum('see_others', SEE_OTHERS);
export const peerMode = pgEnum('peer_mode', PEER_MODES);
export const vetoRule = pgEnum('veto_rule', VETO_RULES);

export const stages = pgTable(
  'stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    position: integer('position').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    method: stageMethod('method').notNull(),
    /** The tracks the stage evaluates (empty: every track of the campaign). */
    tracks: text('tracks')
      .array()
      .notNull()
      .default(sql`'{}'`),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    weight: ratio('weight').notNull(),
    rubric: rubric('rubric').notNull().default('standard'),
    entry: entryRule('entry').notNull().default('all_accepted'),
    entryN: integer('entry_n'),
    entryShare: ratio('entry_share'),
    minReviews: integer('min_reviews').notNull().default(3),
    aggregation: aggregation('aggregation').notNull().default('trimmed_mean'),
    standardise: boolean('standardise').notNull().default(false),
    blind: boolean('blind').notNull().default(false),
    seeOthers: seeOthers('see_others').notNull().default('never'),
    showReviewerNames: boolean('show_reviewer_names').notNull().default(false),
    spreadThreshold: numeric('spread_threshold', { precision: 6, scale: 2, mode: 'number' })
      .notNull()
      .default(20),
    peerMode: peerMode('peer_mode').notNull().default('rank'),
    groupSize: integer('group_size'),
    excludeOwnUnit: boolean('exclude_own_unit').notNull().default(true),
    spearmanThreshold: numeric('spearman_threshold', { precision: 4, scale: 3, mode: 'number' })
      .notNull()
      .default(0.3),
    vetoRule: vetoRule('veto_rule').notNull().default('majority'),
    status: stageStatus('status').notNull().default('draft'),
    openedAt: ts('opened_at'),
    closedAt: ts('closed_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('stages_position_key').on(t.campaignId, t.position),
    index('stages_campaign_idx').on(t.campaignId),
  ],
);
