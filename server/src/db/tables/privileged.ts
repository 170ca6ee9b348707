/**
 * Privileged requests (four-eyes, AC-08; issue #9 §2 and §3): an action on another account that one
 * administrator asks for and a second administrator of a different role approves before it is carried
 * out. One table for every kind. `account_create` names no account until approved (the account to be made
 * is on the request: username, display name, e-mail, role and organisation); `role_grant` names the account
 * and the role and organisation it is to get.
 */
import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PrivilegedKind, PrivilegedState } from '../../../../shared/src/contracts/privileged-requests';
import { ts } from './columns';
import { role, users } from './accounts';
import { organizations } from './organizations';

export const privilegedRequests = pgTable(
  'privileged_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<PrivilegedKind>().notNull(),
    /** The account concerned; for `account_create` null until the approval makes it. */
    targetUserId: uuid('target_user_id').references(() => users.id),
    /** `account_create`, `role_grant`: the role to give and where it sits (null for the other kinds). */
    role: role('role'),
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** `account_create`: the account to make. */
    username: text('username'),
    displayName: text('display_name'),
    email: text('email'),
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
    // One pending creation per login name.
    uniqueIndex('privileged_requests_pending_username_key')
      .on(t.username)
      .where(sql`${t.state} = 'pending' and ${t.kind} = 'account_create'`),
  ],
);
