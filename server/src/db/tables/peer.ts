/** Peer mutual evaluation (互比互评): groups, their members, and one rating sheet per member (docs/EVALUATION.md). */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { orgKind } from './organizations';
import { applications } from './applications';
import { users } from './accounts';
import { draws } from './assignments';
import { reviewStatus } from './reviews';
import { stages } from './stages';
import { ts } from './columns';

export const peerGroups = pgTable(
  'peer_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind'),
    drawId: uuid('draw_id').references(() => draws.id),
  },
  (t) => [index('peer_groups_stage_idx').on(t.stageId)],
);

export const peerMembers = pgTable(
  'peer_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => peerGroups.id),
    stageId: uuid('stage_id').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    unitId: uuid('unit_id').notNull(),
    /** What other members see instead of the rater's name (甲, 乙, 丙 …). */
    pseudonym: text('pseudonym').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stageId, t.applicationId] }),
    index('peer_members_group_idx').on(t.groupId),
  ],
);

/** One member's sheet: the ranking of (rank mode) or the scores for (score mode) the members it may rate. */
export const peerSheets = pgTable(
  'peer_sheets',
  {
    /** The sheet's address in the API (`/api/peer/sheets/:id`). */
    id: uuid('id').notNull().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id),
    raterApplicationId: uuid('rater_application_id')
      .notNull()
      .references(() => applications.id),
    groupId: uuid('group_id')
      .notNull()
      .references(() => peerGroups.id),
    unitId: uuid('unit_id').notNull(),
    raterUserId: uuid('rater_user_id').references(() => users.id),
    /** Rank mode: the target application ids, best first. */
    ranking: uuid('ranking')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Score mode: target application id → 0..100 (step 0.5). */
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    status: reviewStatus('status').notNull().default('pending'),
    lockedAt: ts('locked_at'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.stageId, t.raterApplicationId] }),
    unique('peer_sheets_id_key').on(t.id),
    index('peer_sheets_group_idx').on(t.groupId),
  ],
);
