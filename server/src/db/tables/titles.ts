/**
 * Titles (命名 · 称号, issue #8 §2): what the committee certifies after publicity, one per certified
 * application, with its serial (a gapless per-track-per-year sequence kept in `title_serials`), validity,
 * status (shared/src/domain/title-workflow.ts) and history. The certificate templates the committee
 * adjusts (命名决定, 证书, 牌匾) live here too.
 */
import {
  bigint,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { TITLE_ACTIONS, TITLE_STATUSES } from '../../../../shared/src/domain/title-workflow';
import { TEMPLATE_KINDS, TEMPLATE_ORIENTATIONS } from '../../../../shared/src/domain/certificates';
import { ts } from './columns';
import { users } from './accounts';
import { campaigns } from './campaigns';
import { applications } from './applications';
import { orgKind, organizations } from './organizations';
import { venues } from './venues';

export const titleStatus = pgEnum('title_status', TITLE_STATUSES);
export const titleAction = pgEnum('title_action', TITLE_ACTIONS);
export const templateKind = pgEnum('template_kind', TEMPLATE_KINDS);
export const templateOrientation = pgEnum('template_orientation', TEMPLATE_ORIENTATIONS);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const titles = pgTable(
  'titles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `TJ-SFD-2027-001` (shared/src/domain/title-workflow.ts `titleSerial`). */
    serial: text('serial').notNull(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    trackCode: text('track_code').notNull(),
    orgKind: orgKind('org_kind').notNull(),
    year: integer('year').notNull(),
    /** The holder: the organisation, or the venue (whose organisation is `organizationId`). */
    subjectId: uuid('subject_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    venueId: uuid('venue_id').references(() => venues.id),
    unitId: uuid('unit_id').notNull(),
    /** The holder's name as certified (the venue's for a venue). */
    holderName: text('holder_name').notNull(),
    /** For a venue, its organisation's name. */
    organizationName: text('organization_name').notNull(),
    brandName: text('brand_name'),
    status: titleStatus('status').notNull(),
    validityYears: integer('validity_years').notNull(),
    /** The China date of certification. */
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** The first China day it is no longer valid. */
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    /** The unguessable token of the public verification page (not the serial). */
    verifyToken: text('verify_token').notNull(),
    certifiedAt: ts('certified_at').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('titles_serial_key').on(t.serial),
    uniqueIndex('titles_holder_key').on(t.subjectId, t.trackCode, t.year),
    uniqueIndex('titles_application_key').on(t.applicationId),
    uniqueIndex('titles_verify_token_key').on(t.verifyToken),
    index('titles_year_idx').on(t.year, t.trackCode, t.serial),
    index('titles_unit_idx').on(t.unitId, t.year),
  ],
);

/** The last number given per track and year: bumped in the certifying transaction, so no gaps. */
export const titleSerials = pgTable(
  'title_serials',
  {
    trackCode: text('track_code').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.trackCode, t.year] })],
);

export const titleEvents = pgTable(
  'title_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    titleId: uuid('title_id')
      .notNull()
      .references(() => titles.id),
    at: ts('at').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    action: titleAction('action').notNull(),
    fromStatus: titleStatus('from_status'),
    toStatus: titleStatus('to_status').notNull(),
    reason: text('reason'),
  },
  (t) => [index('title_events_title_idx').on(t.titleId, t.at)],
);

/** One template per document kind; the committee edits text, layout and the seal. */
export const certificateTemplates = pgTable('certificate_templates', {
  kind: templateKind('kind').primaryKey(),
  heading: text('heading').notNull(),
  /** Text with `{{placeholders}}` (shared/src/domain/certificates.ts). */
  body: text('body').notNull(),
  /** The issuer line (落款). */
  issuer: text('issuer').notNull(),
  orientation: templateOrientation('orientation').notNull(),
  headingSize: integer('heading_size').notNull(),
  bodySize: integer('body_size').notNull(),
  /** The seal's width in points. */
  sealSize: integer('seal_size').notNull(),
  /** The seal, re-encoded PNG (checked like evidence images). */
  seal: bytea('seal'),
  sealSha256: text('seal_sha256'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedByName: text('updated_by_name'),
});
