/**
 * The one Drizzle schema (STYLE habit 5). Migrations are generated from it with `npm run db:generate`
 * and committed; they run unchanged on PGlite and PostgreSQL. Large tables keep `unit_id` so they can
 * be distributed by unit later (DESIGN §6).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { ORG_KINDS, ROLES } from '../../../../shared/src/enums';
import { AUDIT_OUTCOMES } from '../../../../shared/src/contracts/audit';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const orgKind = pgEnum('org_kind', ORG_KINDS);
export const role = pgEnum('role', ROLES);
export const auditOutcome = pgEnum('audit_outcome', AUDIT_OUTCOMES);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: orgKind('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    /** The directly-affiliated organisation (child of the working committee) this one belongs to; own id for a unit. */
    unitId: uuid('unit_id'),
    /** Materialised path of ids from the root, `/root/unit/…/self/`: subtree = `path LIKE prefix%`. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    secretary: text('secretary'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    memberCount: integer('member_count').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_code_key').on(t.code),
    index('organizations_parent_idx').on(t.parentId),
    index('organizations_unit_idx').on(t.unitId),
    index('organizations_path_idx').on(sql`${t.path} text_pattern_ops`),
    // Lists sorted by name, both ways (the application list joins it to read pages in name order).
    index('organizations_name_idx').on(t.name),
    // Text search (the application list): a name's characters, and the code's prefix case-insensitively.
    index('organizations_name_chars_idx').using('gin', sql`string_to_array(lower(${t.name}), null)`),
    index('organizations_code_lower_idx').on(sql`lower(${t.code}) text_pattern_ops`),
  ],
);

export const venues = pgTable(
  'venues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    unitId: uuid('unit_id'),
    name: text('name').notNull(),
    address: text('address'),
    areaM2: real('area_m2'),
    capacity: integer('capacity'),
    facilities: text('facilities'),
    openedYear: integer('opened_year'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('venues_org_idx').on(t.organizationId), index('venues_unit_idx').on(t.unitId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Normalised login (NFKC, trimmed, lower-case): unique. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** Optional: where notifications are also e-mailed when SMTP is configured. */
    email: text('email'),
    role: role('role').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    unitId: uuid('unit_id'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    /** A one-time password stops working after this time (24 h after it was issued). */
    oneTimeExpiresAt: ts('one_time_expires_at'),
    passwordChangedAt: ts('password_changed_at'),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    firstFailedAt: ts('first_failed_at'),
    lockedUntil: ts('locked_until'),
    lastLoginAt: ts('last_login_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username), index('users_unit_idx').on(t.unitId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a database dump holds no usable session. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    role: role('role'),
    scopeOrgId: uuid('scope_org_id'),
    unitId: uuid('unit_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    outcome: auditOutcome('outcome').notNull(),
    changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>(),
    detail: text('detail'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_object_idx').on(t.objectType, t.objectId),
  ],
);
