/**
 * Privileged requests (four-eyes, AC-08; issue #9 §2 and §3): an action on another account that one
 * administrator asks for and a second administrator of a different role approves before it is carried
 * out. One table for every kind, so that later kinds (creating or elevating a privileged account, resetting
 * its password) reuse the mechanism.
 */
import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PrivilegedKind, PrivilegedState } from '../../../../shared/src/contracts/privileged-requests';
import { ts } from './columns';
import { role, users } from './accounts';

export const privilegedRequests = pgTable(
  'privileged_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<PrivilegedKind>().notNull(),
    targetUserId: uuid('target_user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    /** The requester's role when asking: the approver must hold a different one. */
    requestedRole: role('requested_role').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    state: text('state').$type<PrivilegedState>().notNull().default('pending'),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('privileged_requests_state_idx').on(t.state, t.createdAt),
    // One pending request of a kind per account.
    uniqueIndex('privileged_requests_pending_key')
      .on(t.kind, t.targetUserId)
      .where(sql`${t.state} = 'pending'`),
  ],
);
