/**
 * Accounts: one role each, tied to an organisation when the role is scoped.
 */
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../../shared/src/enums';
import { ts } from './columns';
import { organizations } from './organizations';

export const role = pgEnum('role', ROLES);

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
