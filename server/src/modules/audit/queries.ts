/**
 * What other modules read of the audit trail (they never import this module's repo): counts and the
 * latest events under the audit log's own filters, so a count shown elsewhere equals the log's total.
 */
import { and, count, desc, eq, gte, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { AuditFilters } from '../../../../shared/src/contracts/audit';
import { countAuditEvents, listAuditEvents, type AuditRow } from './repo';

export type { AuditRow };

/** How many events match the audit log's filters (the log's `total`). */
export function countEvents(db: DbOrTx, filters: AuditFilters): Promise<number> {
  return countAuditEvents(db, filters);
}

/** The newest `limit` events matching the filters, with their total. */
export function latestEvents(
  db: DbOrTx,
  filters: AuditFilters,
  limit: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  return listAuditEvents(db, filters, { key: 'at', desc: true }, limit, 0);
}

/** Privilege changes since `since`: account events that set a role (created, or the role edited), newest first. */
export async function privilegeChanges(
  db: DbOrTx,
  since: Date,
  limit: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = and(
    gte(auditEvents.at, since),
    eq(auditEvents.outcome, 'success'),
    like(auditEvents.action, 'accounts.%'),
    sql`${auditEvents.changes} ? 'role'`,
  );
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
  const [t] = await db.select({ n: count() }).from(auditEvents).where(where);
  return { rows, total: t?.n ?? 0 };
}

/** One Beijing day's security counts, under the same rules as the audit admin's desk counts. */
export interface DailyAuditCounts {
  day: string;
  denied: number;
  failedLogins: number;
  accountChanges: number;
}

/**
 * Per Beijing day since `from` (a Beijing midnight): denied requests, failed logins and events of the accounts
 * area — the desk's three counts, day by day, in one scan of the `at` index. Days without events are absent.
 */
export async function dailyCounts(db: DbOrTx, from: Date): Promise<DailyAuditCounts[]> {
  const day = sql`to_char((${auditEvents.at} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
  return db
    .select({
      day: sql<string>`${day}`,
      denied: sql<number>`(count(*) filter (where ${auditEvents.outcome} = 'denied'))::int`,
      failedLogins: sql<number>`(count(*) filter (where ${auditEvents.action} = 'auth.login' and ${auditEvents.outcome} = 'failure'))::int`,
      accountChanges: sql<number>`(count(*) filter (where ${auditEvents.action} like 'accounts.%'))::int`,
    })
    .from(auditEvents)
    .where(gte(auditEvents.at, from))
    .groupBy(day)
    .orderBy(day);
}
