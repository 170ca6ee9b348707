/**
 * The chain's checkpoint after retention (issue #9 §4): the newest `audit_archives` row names the last
 * archived (and removed) event — its seq and link — so `verify.ts` starts right after it instead of at the
 * genesis. Each row carries HMAC-SM3 over its fields with the audit key: a checkpoint moved forward to hide
 * removed events, or made up, fails without the key.
 */
import crypto from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditArchives } from '../../db/schema';
import { AUDIT_KEY, auditKeys, stableJson } from './chain';

export type ArchiveRecord = typeof auditArchives.$inferSelect;
export type NewArchiveRecord = Omit<ArchiveRecord, 'id' | 'mac' | 'keyVersion'>;

/** The fields a record's MAC covers: all but the id and the MAC itself. */
const macInput = (r: Omit<ArchiveRecord, 'id' | 'mac'>): string =>
  stableJson({
    fromSeq: r.fromSeq,
    throughSeq: r.throughSeq,
    throughLink: r.throughLink,
    events: r.events,
    before: r.before.toISOString(),
    fileSm3: r.fileSm3,
    fileName: r.fileName,
    archivedAt: r.archivedAt.toISOString(),
    keyVersion: r.keyVersion,
  });

const macWith = (key: Buffer, r: Omit<ArchiveRecord, 'id' | 'mac'>): string =>
  crypto.createHmac('sm3', key).update(macInput(r)).digest('hex');

/** A new record, signed with the newest audit key. */
export function signedRecord(r: NewArchiveRecord): Omit<ArchiveRecord, 'id'> {
  const { version, key } = auditKeys().current(AUDIT_KEY);
  const unsigned = { ...r, keyVersion: version };
  return { ...unsigned, mac: macWith(key, unsigned) };
}

export interface Checkpoint {
  seq: number;
  link: string;
  /** Why the checkpoint cannot be trusted, or null. */
  failure: string | null;
}

/** The newest archive record as the chain's starting point (null before any archive). */
export async function latestCheckpoint(db: DbOrTx): Promise<Checkpoint | null> {
  const [r] = await db.select().from(auditArchives).orderBy(desc(auditArchives.throughSeq)).limit(1);
  if (!r) return null;
  const key = auditKeys().get(AUDIT_KEY, r.keyVersion);
  const failure = !key
    ? `The archive checkpoint (through seq ${r.throughSeq}) was signed with audit key v${r.keyVersion}, which the key file lacks`
    : macWith(key, r) !== r.mac
      ? `The archive checkpoint (through seq ${r.throughSeq}) fails: its MAC does not match (changed or made up)`
      : null;
  return { seq: r.throughSeq, link: r.throughLink, failure };
}
