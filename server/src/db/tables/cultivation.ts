/**
 * Cultivation (培育库): a unit's candidates before they apply, with milestones and progress notes.
 */
import { date, index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { CULTIVATION_STATUSES } from '../../../../shared/src/domain/cultivation-rules';
import { ts } from './columns';
import { users } from './accounts';
import { organizations } from './organizations';
import { standardVersions, tracks } from './standards';
import { venues } from './venues';

export const cultivationStatus = pgEnum('cultivation_status', CULTIVATION_STATUSES);

/** 培育库: a unit's candidates (an organisation for `site`, a venue for `venue`) before they apply. */
export const cultivations = pgTable(
  'cultivations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    trackCode: text('track_code')
      .notNull()
      .references(() => tracks.code),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    venueId: uuid('venue_id').references(() => venues.id),
    /** The organisation's or the venue's id: one cultivation per candidate and track. */
    subjectId: uuid('subject_id').notNull(),
    plan: text('plan'),
    status: cultivationStatus('status').notNull().default('cultivating'),
    /** Readiness self-check against `standardVersionId`: { criterionId: { score, gap } }. */
    readiness: jsonb('readiness').$type<Record<string, { score: number | null; gap: string | null }>>(),
    standardVersionId: uuid('standard_version_id').references(() => standardVersions.id),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('cultivations_subject_key').on(t.trackCode, t.subjectId),
    index('cultivations_unit_idx').on(t.unitId),
  ],
);

export const cultivationMilestones = pgTable('cultivation_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  cultivationId: uuid('cultivation_id')
    .notNull()
    .references(() => cultivations.id),
  position: integer('position').notNull().default(0),
  title: text('title').notNull(),
  dueOn: date('due_on', { mode: 'string' }),
  doneAt: ts('done_at'),
});

export const cultivationNotes = pgTable('cultivation_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  cultivationId: uuid('cultivation_id')
    .notNull()
    .references(() => cultivations.id),
  body: text('body').notNull(),
  authorId: uuid('author_id').references(() => users.id),
  authorName: text('author_name'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
