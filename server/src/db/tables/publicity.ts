/**
 * Publicity (公示) of a confirmed decision's proposed list, its objections (异议) and the working-day
 * calendar (工作日历) that computes its window. The public page reads `publicities` and `publicity_items`
 * only: what an item holds (names, brand, track, kind) is all the public ever sees of an application.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CALENDAR_DAY_KINDS } from '../../../../shared/src/domain/working-days';
import { PUBLICITY_ITEM_STATUSES, PUBLICITY_STATUSES } from '../../../../shared/src/domain/publicity';
import { OBJECTION_OUTCOMES, OBJECTION_STATUSES } from '../../../../shared/src/domain/objection-workflow';
import { ts } from './columns';
import { users } from './accounts';
import { campaigns } from './campaigns';
import { applications } from './applications';
import { decisions } from './decisions';
import { orgKind } from './organizations';

export const calendarDayKind = pgEnum('calendar_day_kind', CALENDAR_DAY_KINDS);
export const publicityStatus = pgEnum('publicity_status', PUBLICITY_STATUSES);
export const publicityItemStatus = pgEnum('publicity_item_status', PUBLICITY_ITEM_STATUSES);
export const objectionStatus = pgEnum('objection_status', OBJECTION_STATUSES);
export const objectionOutcome = pgEnum('objection_outcome', OBJECTION_OUTCOMES);

/** One day that is not as its weekday says: a holiday (放假) or a weekend day worked (调休上班). */
export const calendarDays = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: calendarDayKind('kind').notNull(),
  name: text('name').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

export const publicities = pgTable(
  'publicities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    status: publicityStatus('status').notNull().default('open'),
    title: text('title').notNull(),
    /** How to object: the office, address, telephone (public). */
    contact: text('contact').notNull(),
    allowAnonymous: boolean('allow_anonymous').notNull(),
    workingDays: integer('working_days').notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
    startsAt: ts('starts_at').notNull(),
    /** The end of `lastDay` in China (exclusive). */
    endsAt: ts('ends_at').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedByName: text('published_by_name'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  // At most one open publicity per campaign.
  (t) => [
    uniqueIndex('publicities_open_key')
      .on(t.campaignId)
      .where(sql`status = 'open'`),
  ],
);

export const publicityItems = pgTable(
  'publicity_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicityId: uuid('publicity_id')
      .notNull()
      .references(() => publicities.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind').notNull(),
    /** The decision's rank within its track and kind. */
    rank: integer('rank').notNull(),
    /** The organisation's name; for a venue, the venue's name. */
    name: text('name').notNull(),
    /** For a venue, the organisation that holds it. */
    holderName: text('holder_name'),
    brandName: text('brand_name'),
    status: publicityItemStatus('status').notNull().default('listed'),
    /** The item struck off that this one replaces (递补). */
    substituteFor: uuid('substitute_for'),
    reason: text('reason'),
    addedAt: ts('added_at').notNull(),
    struckAt: ts('struck_at'),
  },
  (t) => [uniqueIndex('publicity_items_app_key').on(t.publicityId, t.applicationId)],
);

export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicityId: uuid('publicity_id')
      .notNull()
      .references(() => publicities.id),
    /** The entry objected to, when the filer named one. */
    itemId: uuid('item_id').references(() => publicityItems.id),
    receiptCode: text('receipt_code').notNull().unique(),
    status: objectionStatus('status').notNull().default('received'),
    outcome: objectionOutcome('outcome'),
    anonymous: boolean('anonymous').notNull(),
    filerName: text('filer_name'),
    filerPhone: text('filer_phone'),
    body: text('body').notNull(),
    /** SHA-256 of the filer's address (the per-address limit), never the address itself. */
    sourceHash: text('source_hash').notNull(),
    filedAt: ts('filed_at').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    assigneeName: text('assignee_name'),
    deadline: date('deadline', { mode: 'string' }),
    closedAt: ts('closed_at'),
    closedByName: text('closed_by_name'),
    /** The reason of the dismissal or closing (internal). */
    reason: text('reason'),
    /** What the filer reads through the receipt code. */
    reply: text('reply'),
    substituteItemId: uuid('substitute_item_id').references(() => publicityItems.id),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('objections_publicity_idx').on(t.publicityId, t.filedAt),
    index('objections_source_idx').on(t.sourceHash, t.filedAt),
  ],
);

export const objectionNotes = pgTable(
  'objection_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    objectionId: uuid('objection_id')
      .notNull()
      .references(() => objections.id),
    at: ts('at').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
  },
  (t) => [index('objection_notes_idx').on(t.objectionId, t.at)],
);
