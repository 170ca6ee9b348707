/**
 * Campaigns (DESIGN §3) and their settings: tracks, the standard versions used per track × kind, quotas
 * and per-unit recommendation caps.
 */
import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { CAMPAIGN_STATUSES } from '../../../../shared/src/domain/campaign-rules';
import { ts } from './columns';
import { orgKind, organizations } from './organizations';
import { standardVersions, tracks } from './standards';

export const campaignStatus = pgEnum('campaign_status', CAMPAIGN_STATUSES);

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
