/**
 * The audit hash chain (AUD-03): every event carries `link = HMAC-SM3(key, previous link ‖ "\n" ‖
 * canonical form of the event)`, keyed by the `audit` key of the key file (core/keys.ts), which the
 * database does not hold. Links are made one at a time: the append takes the next number from the
 * one-row `audit_chain_head` (an UPDATE, so the row stays locked until the writer's transaction ends).
 * Changing, removing or adding an event breaks the chain at that event (`verify.ts`).
 */
import crypto from 'node:crypto';
import { asc, isNull, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { KeyRing } from '../../core/keys';

export const AUDIT_KEY = 'audit';
/** The "previous link" of the first event. */
export const GENESIS = '0'.repeat(64);

export type AuditRow = typeof auditEvents.$inferSelect;
type NewAuditRow = Omit<typeof auditEvents.$inferInsert, 'id' | 'seq' | 'link' | 'keyVersion'>;

let ring: KeyRing | null = null;

/** Gives the process its key ring: one process writes to one database with one key file. */
export function useAuditKeys(keys: KeyRing): void {
  ring = keys;
}

export function auditKeys(): KeyRing {
  if (!ring) throw new Error('The audit key is not loaded (useAuditKeys at start-up)');
  return ring;
}

/** Text as the database gives it back: a lone surrogate is stored as U+FFFD. */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function stableJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(wellFormed(v));
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(wellFormed(k))}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The stored fields of an event that its link covers (all but the link itself). */
export function canonical(e: AuditRow): string {
  return stableJson({
    id: e.id,
    seq: e.seq,
    keyVersion: e.keyVersion,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    role: e.role,
    scopeOrgId: e.scopeOrgId,
    unitId: e.unitId,
    ip: e.ip,
    requestId: e.requestId,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    outcome: e.outcome,
    changes: e.changes,
    detail: e.detail,
  });
}

export function linkOf(key: Buffer, previous: string, e: AuditRow): string {
  return crypto.createHmac('sm3', key).update(previous).update('\n').update(canonical(e)).digest('hex');
}

interface Taken {
  id: string;
  seq: string;
  link: string;
}

async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Takes the next number and the previous link; the head row stays locked until the transaction ends. */
async function takeNext(
  tx: DbOrTx,
  withId: boolean,
): Promise<{ id: number | null; seq: number; previous: string }> {
  const [t] = await rows<Taken>(
    tx,
    withId
      ? sql`UPDATE audit_chain_head SET seq = seq + 1 WHERE id = 1
            RETURNING seq::text AS seq, link, nextval(pg_get_serial_sequence('audit_events', 'id'))::text AS id`
      : sql`UPDATE audit_chain_head SET seq = seq + 1 WHERE id = 1 RETURNING seq::text AS seq, link, NULL AS id`,
  );
  if (!t) throw new Error('audit_chain_head has no row (migration 0014)');
  return { id: t.id === null ? null : Number(t.id), seq: Number(t.seq), previous: t.link };
}

const inTransaction = <T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> =>
  db instanceof PgTransaction ? fn(db) : (db as Db).transaction((tx: Tx) => fn(tx));

/** Appends one event to the chain, in the caller's transaction (or its own when given the database). */
export async function appendAuditEvent(db: DbOrTx, values: NewAuditRow): Promise<void> {
  const { version, key } = auditKeys().current(AUDIT_KEY);
  await inTransaction(db, async (tx) => {
    const next = await takeNext(tx, true);
    // The stored form: jsonb keeps what JSON keeps (no undefined, dates as text).
    const changes =
      values.changes == null ? null : (JSON.parse(JSON.stringify(values.changes)) as AuditRow['changes']);
    const row = {
      ...blank,
      ...values,
      changes,
      id: next.id!,
      seq: next.seq,
      keyVersion: version,
    } as AuditRow;
    row.link = linkOf(key, next.previous, row);
    await tx.insert(auditEvents).values(row);
    await tx.execute(sql`UPDATE audit_chain_head SET link = ${row.link} WHERE id = 1`);
  });
}

const blank: Omit<AuditRow, 'id' | 'at' | 'action' | 'outcome'> = {
  actorId: null,
  actorName: null,
  role: null,
  scopeOrgId: null,
  unitId: null,
  ip: null,
  requestId: null,
  objectType: null,
  objectId: null,
  changes: null,
  detail: null,
  seq: null,
  link: null,
  keyVersion: null,
};

/**
 * Chains the events written before the chain existed (no seq), oldest first, at the end of the chain.
 * Run at start-up before anything writes; the trigger lets exactly this change through. Returns how many.
 */
export async function chainUnchainedEvents(db: Db): Promise<number> {
  const { version, key } = auditKeys().current(AUDIT_KEY);
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const batch = await tx
        .select()
        .from(auditEvents)
        .where(isNull(auditEvents.seq))
        .orderBy(asc(auditEvents.id))
        .limit(500);
      for (const e of batch) {
        const next = await takeNext(tx, false);
        const row = { ...e, seq: next.seq, keyVersion: version };
        row.link = linkOf(key, next.previous, row);
        await tx.execute(sql`UPDATE audit_events SET seq = ${row.seq}, link = ${row.link}, key_version = ${version}
                             WHERE id = ${e.id}`);
        await tx.execute(sql`UPDATE audit_chain_head SET link = ${row.link} WHERE id = 1`);
      }
      return batch.length;
    });
    total += n;
    if (n === 0) return total;
  }
}

/** Start-up: the process's key ring, then the events from before the chain chained. */
export async function openAuditChain(db: Db, keys: KeyRing): Promise<number> {
  useAuditKeys(keys);
  return chainUnchainedEvents(db);
}
