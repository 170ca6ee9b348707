/**
 * Audit retention (issue #9 §4, AUD-04): events older than the retention (≥ 184 days, config) are written
 * to a signed archive (archive-file.ts), the written file is verified, and only then are exactly those
 * events removed — in one transaction with the archive record that becomes the chain's checkpoint
 * (checkpoint.ts) and the audit event of the removal. The oldest events go first and the archived part is
 * always a prefix of the chain, so `audit verify` goes on from the checkpoint.
 */
import path from 'node:path';
import { and, asc, eq, gte, lte, min, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { auditArchives, auditChainHead, auditEvents } from '../../db/schema';
import { AUDIT_MIN_RETENTION_DAYS } from '../../config';
import { GENESIS, type AuditRow } from './chain';
import { latestCheckpoint, signedRecord } from './checkpoint';
import { verifyArchiveFile, writeArchiveFile } from './archive-file';
import { writeAudit } from './write';

const DAY = 86_400_000;

export class RetentionError extends Error {}

export interface ArchivePlan {
  fromSeq: number;
  throughSeq: number;
  previousLink: string;
  throughLink: string;
  before: Date;
}

export interface Archived extends ArchivePlan {
  events: number;
  file: string;
  sm3: string;
}

/**
 * The events to archive: from after the checkpoint up to the last one before the first event written at
 * or after `before` (null when there is none). A broken checkpoint stops everything.
 */
export async function planArchive(db: DbOrTx, before: Date): Promise<ArchivePlan | null> {
  const base = await latestCheckpoint(db);
  if (base?.failure) throw new RetentionError(`${base.failure}: nothing archived`);
  const fromSeq = (base?.seq ?? 0) + 1;
  const [kept] = await db
    .select({ seq: min(auditEvents.seq) })
    .from(auditEvents)
    .where(and(gte(auditEvents.seq, fromSeq), gte(auditEvents.at, before)));
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const throughSeq = kept?.seq != null ? Number(kept.seq) - 1 : head!.seq;
  if (throughSeq < fromSeq) return null;
  const [last] = await db
    .select({ link: auditEvents.link })
    .from(auditEvents)
    .where(eq(auditEvents.seq, throughSeq));
  if (!last?.link)
    throw new RetentionError(`Event seq ${throughSeq} is missing: run audit verify; nothing archived`);
  return { fromSeq, throughSeq, previousLink: base?.link ?? GENESIS, throughLink: last.link, before };
}

/** The planned events, oldest first, a batch at a time. */
async function* eventsOf(db: DbOrTx, plan: ArchivePlan, batch = 2000): AsyncGenerator<AuditRow[]> {
  for (let from = plan.fromSeq; from <= plan.throughSeq; from += batch) {
    const to = Math.min(from + batch - 1, plan.throughSeq);
    yield db
      .select()
      .from(auditEvents)
      .where(and(gte(auditEvents.seq, from), lte(auditEvents.seq, to)))
      .orderBy(asc(auditEvents.seq));
  }
}

export interface ArchiveOptions {
  now: Date;
  retentionDays: number;
  /** The archive file to write (refused when it exists). */
  out: string;
  ctx: Ctx;
}

/** Archives and removes the events older than the retention; null when there are none. */
export async function archiveOldEvents(db: Db, o: ArchiveOptions): Promise<Archived | null> {
  if (!(o.retentionDays >= AUDIT_MIN_RETENTION_DAYS))
    throw new RetentionError(`Audit events are kept at least ${AUDIT_MIN_RETENTION_DAYS} days`);
  const plan = await planArchive(db, new Date(o.now.getTime() - o.retentionDays * DAY));
  if (!plan) return null;
  const events = plan.throughSeq - plan.fromSeq + 1;
  await writeArchiveFile(
    o.out,
    { ...plan, before: plan.before.toISOString(), events, createdAt: o.now.toISOString() },
    eventsOf(db, plan),
  );
  const written = await verifyArchiveFile(o.out);
  if (!written.ok)
    throw new RetentionError(
      `The archive ${o.out} does not verify: ${written.failure} — nothing was removed`,
    );
  const archived: Archived = { ...plan, events, file: o.out, sm3: written.sm3 };
  await removeArchived(db, archived, o);
  return archived;
}

/** In one transaction: the archive record (the new checkpoint), the removal, and its audit event. */
async function removeArchived(db: Db, a: Archived, o: ArchiveOptions): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('shifan.audit_archive', 'on', true)`);
    await tx.insert(auditArchives).values(
      signedRecord({
        fromSeq: a.fromSeq,
        throughSeq: a.throughSeq,
        throughLink: a.throughLink,
        events: a.events,
        before: a.before,
        fileSm3: a.sm3,
        fileName: path.basename(a.file),
        archivedAt: o.now,
      }),
    );
    const removed = await removedCount(tx, a);
    if (removed !== a.events)
      throw new RetentionError(`Removed ${removed} events instead of ${a.events}: nothing was removed`);
    await tx.execute(sql`SELECT set_config('shifan.audit_archive', 'off', true)`);
    await writeAudit(tx, o.ctx, {
      action: 'audit.archive',
      objectType: 'audit_event',
      objectId: `${a.fromSeq}-${a.throughSeq}`,
      detail:
        `seq ${a.fromSeq}–${a.throughSeq} (${a.events} events before ${a.before.toISOString()}) ` +
        `archived to ${path.basename(a.file)}, SM3 ${a.sm3}`,
    });
  });
}

async function removedCount(tx: DbOrTx, a: Archived): Promise<number> {
  const r = await tx.execute(sql`WITH gone AS (
      DELETE FROM audit_events WHERE seq BETWEEN ${a.fromSeq} AND ${a.throughSeq} RETURNING 1)
    SELECT count(*)::int AS n FROM gone`);
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}
