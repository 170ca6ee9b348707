/**
 * Login sessions, stored by the hash of their cookie token; the password history.
 */
import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { SecondFactorGate } from '../../../../shared/src/contracts/second-factor';
import { ts } from './columns';
import { users } from './accounts';

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
    /**
     * Null for a complete login. `pending`: the password was right, the second factor is still asked
     * (only the code route, logout and me answer); `enrol`: a role that must use a second factor has none
     * yet (only enrolment, logout and me answer).
     */
    secondFactor: text('second_factor').$type<SecondFactorGate>(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * An account's TOTP authenticator (RFC 6238, SHA-1, 6 digits, 30 s). `enrolledAt` is null while the
 * enrolment waits for its first code. `lastStep` is the newest time step a code was accepted for: a code of
 * that step or an older one is refused (no replay).
 */
export const secondFactors = pgTable('second_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The base32 seed (160 random bits). Not yet encrypted at rest: see docs/SECURITY.md, AUTH-07. */
  secret: text('secret').notNull(),
  enrolledAt: ts('enrolled_at'),
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: ts('created_at').notNull(),
});

/** Ten single-use recovery codes per enrolment, as argon2id hashes; `usedAt` set when one is spent. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * "Remember this device": the SHA-256 of a random cookie token, for one account, until `expiresAt` (no
 * later than the absolute session lifetime after it was set). Resetting the second factor deletes them.
 */
export const rememberedDevices = pgTable(
  'remembered_devices',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('remembered_devices_user_idx').on(t.userId)],
);

/**
 * The passwords an account chose, as argon2id hashes (the newest has the highest id): a new password may not
 * be one of the last PASSWORD_HISTORY_SIZE (the current one included). Older rows are deleted on change.
 */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.id)],
);
