/**
 * Applications (DESIGN §3) with their self-assessment, history, list counts and idempotency keys. Tables
 * that grow with the campaign keep `unit_id` for distribution by unit.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { APPLICATION_STATUSES } from '../../../../shared/src/domain/application-workflow';
import { ts, points } from './columns';
import { role, users } from './accounts';
import { campaigns } from './campaigns';
import { cultivations } from './cultivation';
import { orgKind, organizations } from './organizations';
import { criteria, standardVersions, tracks } from './standards';
import { venues } from './venues';

export const applicationStatus = pgEnum('application_status', APPLICATION_STATUSES);

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    trackCode: text('track_code')
      .notNull()
      .references(() => tracks.code),
    /** The organisation's id (site) or the venue's id (venue): the database enforces one per campaign and track. */
    subjectId: uuid('subject_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    venueId: uuid('venue_id').references(() => venues.id),
    unitId: uuid('unit_id').notNull(),
    orgKind: orgKind('org_kind').notNull(),
    standardVersionId: uuid('standard_version_id')
      .notNull()
      .references(() => standardVersions.id),
    cultivationId: uuid('cultivation_id').references(() => cultivations.id),
    status: applicationStatus('status').notNull().default('draft'),
    brandName: text('brand_name'),
    summary: text('summary'),
    features: text('features'),
    practices: text('practices'),
    results: text('results'),
    unitOpinion: text('unit_opinion'),
    unitRank: integer('unit_rank'),
    returnedReason: text('returned_reason'),
    submittedAt: ts('submitted_at'),
    recommendedAt: ts('recommended_at'),
    acceptedAt: ts('accepted_at'),
    createdBy: uuid('created_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedByName: text('updated_by_name'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_subject_key').on(t.campaignId, t.trackCode, t.subjectId),
    // The list (modules/applications/list-repo.ts). Filters and counts: small, its duplicates deduplicated.
    index('applications_list_idx').on(t.campaignId, t.trackCode, t.orgKind, t.status),
    // Newest change first (the default sort): read in order and filtered on the index until the page is full.
    index('applications_recent_idx').on(
      t.updatedAt.desc().nullsFirst(),
      t.id,
      t.campaignId,
      t.trackCode,
      t.orgKind,
      t.status,
      t.unitId,
    ),
    // Other sorts and deep pages of a filtered list: the filters and every sort column, read from the index alone.
    index('applications_sort_idx').on(
      t.campaignId,
      t.trackCode,
      t.orgKind,
      t.status,
      t.unitId,
      t.updatedAt,
      t.submittedAt,
      t.unitRank,
      t.organizationId,
      t.id,
    ),
    index('applications_unit_idx').on(t.unitId, t.campaignId),
    index('applications_org_idx').on(t.organizationId),
    // Text search: the brand name's characters (a brand that contains `q` contains each of its characters).
    index('applications_brand_chars_idx').using('gin', sql`string_to_array(lower(${t.brandName}), null)`),
  ],
);

/**
 * How many applications each (campaign, track, kind, status) holds: the committee's list totals without
 * counting rows. Derived data, kept by statement-level triggers on `applications` (migration 0005) in
 * the same transaction as every insert, update and delete, so it is exact whoever writes.
 */
export const applicationCounts = pgTable(
  'application_counts',
  {
    campaignId: uuid('campaign_id').notNull(),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind').notNull(),
    status: applicationStatus('status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.trackCode, t.orgKind, t.status] })],
);

export const selfAssessments = pgTable(
  'self_assessments',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => criteria.id),
    unitId: uuid('unit_id').notNull(),
    score: points('score'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.criterionId] })],
);

/** The application's history: who moved it, when, from what to what, and why. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    unitId: uuid('unit_id').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    role: role('role'),
    action: text('action').notNull(),
    fromStatus: applicationStatus('from_status'),
    toStatus: applicationStatus('to_status'),
    reason: text('reason'),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.at)],
);

/** Idempotency keys for retried submissions: the same key and payload answer the stored response. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: uuid('actor_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] })],
);
