import { and, asc, count, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { organizations, sessions, users } from '../../db/schema';
import type { Role } from '../../../../shared/src/enums';
import type { AccountScope } from '../../../../shared/src/domain/account-rules';
import type { accountSortKeys } from '../../../../shared/src/contracts/accounts';
import { likeEscape } from '../../core/sql';

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;
export type AccountRow = UserRow & { organizationName: string | null };
export type AccountSortKey = (typeof accountSortKeys)[number];

export interface AccountQuery {
  scope: AccountScope;
  /** The roles the caller manages: accounts of other roles are invisible. */
  roles: readonly Role[];
  q?: string;
  qLogin?: string;
  role?: Role;
  unitId?: string;
  disabled?: boolean;
  /** Locked out at `now`, or waiting for a password change. */
  state?: { kind: 'locked' | 'must_change_password'; now: Date };
  sort: { key: AccountSortKey; desc: boolean };
  limit: number;
  offset: number;
}

const SORT_COLUMNS = {
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
} as const;

function where(q: AccountQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [inArray(users.role, [...q.roles])];
  if (q.scope.kind === 'unit') conds.push(eq(users.unitId, q.scope.unitId));
  if (q.q)
    conds.push(
      or(
        ilike(users.username, `%${likeEscape(q.qLogin ?? q.q)}%`),
        ilike(users.displayName, `%${likeEscape(q.q)}%`),
      ),
    );
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.unitId) conds.push(eq(users.unitId, q.unitId));
  if (q.disabled !== undefined) conds.push(eq(users.disabled, q.disabled));
  if (q.state?.kind === 'locked') conds.push(gt(users.lockedUntil, q.state.now));
  if (q.state?.kind === 'must_change_password') conds.push(eq(users.mustChangePassword, true));
  return and(...conds);
}

const accountColumns = { u: users, organizationName: organizations.name };

export async function listAccounts(
  db: DbOrTx,
  q: AccountQuery,
): Promise<{ rows: AccountRow[]; total: number }> {
  if (q.roles.length === 0) return { rows: [], total: 0 };
  const w = where(q);
  const col = SORT_COLUMNS[q.sort.key];
  const order = q.sort.desc ? sql`${col} desc nulls last` : sql`${col} asc nulls last`;
  const rows = await db
    .select(accountColumns)
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(w)
    .orderBy(order, asc(users.username))
    .limit(q.limit)
    .offset(q.offset);
  const [t] = await db.select({ n: count() }).from(users).where(w);
  return { rows: rows.map((r) => ({ ...r.u, organizationName: r.organizationName })), total: t?.n ?? 0 };
}

export async function findAccount(db: DbOrTx, id: string): Promise<AccountRow | null> {
  const [r] = await db
    .select(accountColumns)
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, id))
    .limit(1);
  return r ? { ...r.u, organizationName: r.organizationName } : null;
}

export async function findUserIdByUsername(db: DbOrTx, username: string): Promise<string | null> {
  const [r] = await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
  return r?.id ?? null;
}

export async function findOrganization(db: DbOrTx, id: string) {
  const [r] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      depth: organizations.depth,
      unitId: organizations.unitId,
      active: organizations.active,
    })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  return r ?? null;
}

export async function insertUser(db: DbOrTx, values: UserInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

/**
 * Updates the user if it still has `version`, bumping it; null when someone else changed it first.
 */
export async function updateUserAtVersion(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<UserInsert>,
): Promise<UserRow | null> {
  const [row] = await db
    .update(users)
    .set({ ...set, version: version + 1 })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row ?? null;
}

/** Ends every session of the user (disable, reset, role or scope change). */
export async function deleteSessionsOf(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.idHash });
  return rows.length;
}
