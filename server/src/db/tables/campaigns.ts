/**
 * Campaigns, standards, cultivation and applications (DESIGN §1, §3). Tables that grow with the
 * campaign (applications, self-assessments, evidence, history) keep `unit_id` for distribution by unit.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { APPLICATION_STATUSES } from '../../../../shared/src/domain/application-workflow';
import { CAMPAIGN_STATUSES } from '../../../../shared/src/domain/campaign-rules';
import { organizations, orgKind, role, users, venues } from './foundation';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const points = (name: string) => numeric(name, { precision: 6, scale: 1, mode: 'number' });

export const trackSubject = pgEnum('track_subject', ['organization', 'venue']);
export const campaignStatus = pgEnum('campaign_status', CAMPAIGN_STATUSES);
export const applicationStatus = pgEnum('application_status', APPLICATION_STATUSES);
export const cultivationStatus = pgEnum('cultivation_status', ['cultivating', 'ready', 'applied', 'dropped']);
export const jobStatus = pgEnum('job_status', ['pending', 'running', 'done', 'failed']);

/** 类别: `site` 基层党建工作示范点 (organisations) and `venue` 党员教育活动示范阵地 (venues); more may be added. */
export const tracks = pgTable('tracks', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  subject: trackSubject('subject').notNull(),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/** A standard's lineage; its content lives in immutable versions. */
export const standards = pgTable('standards', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  trackCode: text('track_code')
    .notNull()
    .references(() => tracks.code),
  /** The organisation kinds it applies to (empty for a venue standard). */
  orgKinds: orgKind('org_kinds')
    .array()
    .notNull()
    .default(sql`'{}'`),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  latestVersion: integer('latest_version').notNull().default(1),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Immutable once written: editing a standard writes a new version; campaigns point at the versions they use. */
export const standardVersions = pgTable(
  'standard_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    standardId: uuid('standard_id')
      .notNull()
      .references(() => standards.id),
    version: integer('version').notNull(),
    totalPoints: points('total_points').notNull().default(100),
    bonusCap: points('bonus_cap').notNull().default(10),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('standard_versions_key').on(t.standardId, t.version)],
);

export const criteria = pgTable(
  'criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    standardVersionId: uuid('standard_version_id')
      .notNull()
      .references(() => standardVersions.id),
    position: integer('position').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    description: text('description'),
    maxPoints: points('max_points').notNull(),
    /** What evidence the applicant must attach. */
    evidence: text('evidence'),
    evidenceRequired: boolean('evidence_required').notNull().default(false),
    /** 汇报座谈, 查阅档案, 实地查看, 民主测评, 走访, 现场考核 … */
    methods: text('methods')
      .array()
      .notNull()
      .default(sql`'{}'`),
    veto: boolean('veto').notNull().default(false),
    bonus: boolean('bonus').notNull().default(false),
  },
  (t) => [unique('criteria_position_key').on(t.standardVersionId, t.position)],
);

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    status: campaignStatus('status').notNull().default('draft'),
    applicationOpensAt: ts('application_opens_at').notNull(),
    applicationClosesAt: ts('application_closes_at').notNull(),
    recommendationDeadline: ts('recommendation_deadline').notNull(),
    reviewStartsAt: ts('review_starts_at').notNull(),
    reviewEndsAt: ts('review_ends_at').notNull(),
    publicityStartsAt: ts('publicity_starts_at').notNull(),
    publicityEndsAt: ts('publicity_ends_at').notNull(),
    copiedFromId: uuid('copied_from_id'),
    openedAt: ts('opened_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('campaigns_year_idx').on(t.year)],
);

export const campaignTracks = pgTable(
  'campaign_tracks',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    trackCode: text('track_code')
      .notNull()
      .references(() => tracks.code),
    /** Organisation kinds that may apply in this track (for venues: kinds of the owning organisation; empty = any). */
    eligibleKinds: orgKind('eligible_kinds')
      .array()
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.trackCode] })],
);

/** The standard version a campaign uses for a track × kind (kind null: the track's one standard). */
export const campaignStandards = pgTable(
  'campaign_standards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind'),
    standardVersionId: uuid('standard_version_id')
      .notNull()
      .references(() => standardVersions.id),
  },
  (t) => [unique('campaign_standards_key').on(t.campaignId, t.trackCode, t.orgKind).nullsNotDistinct()],
);

/** Selection quotas per track × kind (kind null: the whole track). */
export const campaignQuotas = pgTable(
  'campaign_quotas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind'),
    quota: integer('quota').notNull(),
  },
  (t) => [unique('campaign_quotas_key').on(t.campaignId, t.trackCode, t.orgKind).nullsNotDistinct()],
);

/** Optional per-unit recommendation caps (推荐名额). */
export const campaignUnitCaps = pgTable(
  'campaign_unit_caps',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    trackCode: text('track_code').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organizations.id),
    cap: integer('cap').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.trackCode, t.unitId] })],
);

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

export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    criterionId: uuid('criterion_id').references(() => criteria.id),
    unitId: uuid('unit_id').notNull(),
    originalName: text('original_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key'),
    width: integer('width'),
    height: integer('height'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('evidence_files_app_idx').on(t.applicationId)],
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

/** In-app inbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh'),
    bodyEn: text('body_en'),
    link: text('link'),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
    /** When the e-mail copy was queued (jobs/notification-mail.ts); null until then, and without SMTP. */
    emailedAt: ts('emailed_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unmailed_idx').on(t.createdAt).where(sql`${t.emailedAt} is null`),
  ],
);

/** Jobs as data (deadline reminders, e-mail): a database-backed runner picks them up and survives restarts. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    runAt: ts('run_at').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lockedAt: ts('locked_at'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    /** At most one job per key (e.g. `reminder:<campaign>:<3d>`): scheduling twice is a no-op. */
    dedupeKey: text('dedupe_key').unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt)],
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
