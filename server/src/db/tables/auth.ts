/**
 * Login sessions, stored by the hash of their cookie token; the password history.
 */
import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
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
