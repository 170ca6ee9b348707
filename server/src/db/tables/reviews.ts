/** Reviews (评分): one per assignment, and the on-site photos attached to them (docs/EVALUATION.md). */
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { REVIEW_STATUSES } from '../../../../shared/src/domain/stages';
import { applications } from './applications';
import { users } from './accounts';
import { assignments } from './assignments';
import { stages } from './stages';
import { criteria } from './standards';
import { ts } from './columns';
import type { CriterionScore } from '../../../../shared/src/domain/review-sheet';

export const reviewStatus = pgEnum('review_status', REVIEW_STATUSES);

export type { CriterionScore };

export const reviews = pgTable(
  'reviews',
  {
    /** The assignment's id. */
    id: uuid('id')
      .primaryKey()
      .references(() => assignments.id),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id').notNull(),
    status: reviewStatus('status').notNull().default('pending'),
    /** Per criterion id: points (0..max, step 0.5) and a comment. */
    scores: jsonb('scores').$type<Record<string, CriterionScore>>().notNull().default({}),
    /** Per veto criterion id: true = passed, false = failed. */
    vetoes: jsonb('vetoes').$type<Record<string, boolean>>().notNull().default({}),
    comment: text('comment'),
    /** 0–100 (full precision), set on every save from the points; null for gates and empty sheets. */
    score: doublePrecision('score'),
    /** Raw points (the sheet's sum), for display. */
    points: numeric('points', { precision: 7, scale: 1, mode: 'number' }),
    lockedAt: ts('locked_at'),
    reopenedReason: text('reopened_reason'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('reviews_stage_app_idx').on(t.stageId, t.applicationId),
    index('reviews_reviewer_idx').on(t.reviewerId, t.stageId),
  ],
);

/** On-site inspection photos: stored like evidence (same checks), stamped with time and, when given, place. */
export const reviewPhotos = pgTable(
  'review_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => reviews.id),
    applicationId: uuid('application_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    criterionId: uuid('criterion_id').references(() => criteria.id),
    originalName: text('original_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key'),
    width: integer('width'),
    height: integer('height'),
    /** When the device says the photo was taken (else the upload time). */
    takenAt: ts('taken_at').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('review_photos_review_idx').on(t.reviewId)],
);
