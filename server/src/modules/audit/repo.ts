import { and, asc, count, desc, eq, gte, ilike, like, lt, lte, max, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { AuditFilters, auditSortKeys } from '../../../../shared/src/contracts/audit';
import { normalizeLogin } from '../../../../shared/src/domain/account-rules';
import { likeEscape } from '../../core/sql';

export type AuditRow = typeof auditEvents.$inferSelect;
export type AuditSortKey = (typeof auditSortKeys)[number];

/** The filters as one condition: from ≤ at < to, actor substring, action prefix, the rest exact. */
function where(f: AuditFilters, upToId?: number): SQL | undefined {
  const conds: SQL[] = [];
  if (upToId !== undefined) conds.push(lte(auditEvents.id, upToId));
  if (f.from) conds.push(gte(auditEvents.at, new Date(f.from)));
  if (f.to) conds.push(lt(auditEvents.at, new Date(f.to)));
  if (f.actor) conds.push(ilike(auditEvents.actorName, `%${likeEscape(normalizeLogin(f.actor))}%`));
  if (f.action) conds.push(like(auditEvents.action, `${likeEscape(f.action)}%`));
  if (f.objectType) conds.push(eq(auditEvents.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditEvents.objectId, f.objectId));
  if (f.outcome) conds.push(eq(auditEvents.outcome, f.outcome));
  return conds.length ? and(...conds) : undefined;
}

const SORT_COLUMNS = { at: auditEvents.at, action: auditEvents.action, actorName: auditEvents.actorName };

export async function listAuditEvents(
  db: DbOrTx,
  f: AuditFilters,
  sort: { key: AuditSortKey; desc: boolean },
  limit: number,
  offset: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const w = where(f);
  const col = SORT_COLUMNS[sort.key];
  const dir = sort.desc ? desc : asc;
  // Ties on the sort column fall back to the newest first; the id breaks ties of equal times.
  const order =
    sort.key === 'at'
      ? [dir(auditEvents.at), dir(auditEvents.id)]
      : [
          sort.desc ? sql`${col} desc nulls last` : sql`${col} asc nulls last`,
          desc(auditEvents.at),
          desc(auditEvents.id),
        ];
  const rows = await db
    .select()
    .from(auditEvents)
    .where(w)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  return { rows, total: await countAuditEvents(db, f) };
}

export async function countAuditEvents(db: DbOrTx, f: AuditFilters, upToId?: number): Promise<number> {
  const [t] = await db.select({ n: count() }).from(auditEvents).where(where(f, upToId));
  return t?.n ?? 0;
}

/** The newest event id (0 for an empty log): an export reads up to it, so later events stay out. */
export async function lastAuditId(db: DbOrTx): Promise<number> {
  const [t] = await db.select({ id: max(auditEvents.id) }).from(auditEvents);
  return Number(t?.id ?? 0);
}

/**
 * The matching events newest first, in batches read by keyset (at, id) so a large export never holds
 * more than one batch in memory; only events up to `upToId`, at most `limit` rows.
 */
export async function* auditEventBatches(
  db: DbOrTx,
  f: AuditFilters,
  upToId: number,
  limit: number,
  batchSize = 2000,
): AsyncGenerator<AuditRow[]> {
  let last: { at: Date; id: number } | null = null;
  let seen = 0;
  while (seen < limit) {
    const conds = [where(f, upToId)];
    if (last)
      conds.push(
        sql`(${auditEvents.at}, ${auditEvents.id}) < (${last.at.toISOString()}::timestamptz, ${last.id}::bigint)`,
      );
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(...conds))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(Math.min(batchSize, limit - seen));
    if (rows.length === 0) return;
    seen += rows.length;
    yield rows;
    if (rows.length < batchSize) return;
    const tail = rows[rows.length - 1]!;
    last = { at: tail.at, id: tail.id };
  }
}
