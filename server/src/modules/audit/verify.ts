/**
 * Walks the audit hash chain (chain.ts) in seq order and names the first event that fails: one whose
 * link does not follow from its content and the previous link (changed, or put in), a missing number
 * (removed), an event without a link (written around Shifan), or a chain that ends before its head.
 */
import { asc, eq, gte, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditChainHead, auditEvents } from '../../db/schema';
import { AUDIT_KEY, auditKeys, GENESIS, linkOf, type AuditRow } from './chain';
import { latestCheckpoint } from './checkpoint';

export interface ChainFailure {
  /** The event that fails (null when the failure is a missing number with nothing after it). */
  id: number | null;
  seq: number | null;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Events whose link was checked. */
  checked: number;
  /** The first seq checked (1 for the whole chain). */
  from: number;
  head: { seq: number; link: string };
  failure: ChainFailure | null;
}

export interface VerifyOptions {
  /** Check only the newest `last` events (their predecessor's link is taken as given). */
  last?: number;
  /** Events read per query. */
  batch?: number;
}

/**
 * Verifies the chain (or its newest part) as it is in the database: from the genesis, or after the
 * checkpoint of the newest archive (checkpoint.ts) once older events were archived and removed.
 */
export async function verifyChain(db: DbOrTx, opts: VerifyOptions = {}): Promise<ChainReport> {
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (!head) throw new Error('audit_chain_head has no row (migration 0014)');
  const base = await latestCheckpoint(db);
  const start = (base?.seq ?? 0) + 1;
  const from = opts.last ? Math.max(start, head.seq - opts.last + 1) : start;
  const report = (checked: number, failure: ChainFailure | null): ChainReport => ({
    ok: failure === null,
    checked,
    from,
    head: { seq: head.seq, link: head.link },
    failure,
  });
  if (base?.failure) return report(0, { id: null, seq: base.seq, message: base.failure });
  const stray = base ? await strayBefore(db, base.seq) : null;
  if (stray) return report(0, stray);
  const previous = from === start ? (base?.link ?? GENESIS) : await linkAt(db, from - 1);
  const walked = await walk(db, from, previous, opts.batch ?? 2000);
  if (walked.failure) return report(walked.checked, walked.failure);
  if (walked.lastSeq !== head.seq || (walked.checked > 0 && walked.lastLink !== head.link))
    return report(walked.checked, {
      id: null,
      seq: walked.lastSeq + 1,
      message:
        walked.lastSeq < head.seq
          ? `Events seq ${walked.lastSeq + 1}–${head.seq} are missing (removed from the end of the chain)`
          : `The chain head (seq ${head.seq}) does not match the last event (seq ${walked.lastSeq})`,
    });
  const [loose] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(isNull(auditEvents.seq))
    .orderBy(asc(auditEvents.id))
    .limit(1);
  if (loose)
    return report(walked.checked, {
      id: loose.id,
      seq: null,
      message: `Event ${loose.id} has no chain link (written around Shifan)`,
    });
  return report(walked.checked, null);
}

/** An event at or before the checkpoint: the archive removed those, so it was put in afterwards. */
async function strayBefore(db: DbOrTx, seq: number): Promise<ChainFailure | null> {
  const [e] = await db
    .select({ id: auditEvents.id, seq: auditEvents.seq })
    .from(auditEvents)
    .where(lte(auditEvents.seq, seq))
    .orderBy(asc(auditEvents.seq))
    .limit(1);
  return e
    ? {
        id: e.id,
        seq: e.seq,
        message: `Event ${e.id} (seq ${e.seq}) is at or before the archive checkpoint (seq ${seq}): archived events were removed, so it was put in`,
      }
    : null;
}

async function linkAt(db: DbOrTx, seq: number): Promise<string> {
  const [before] = await db
    .select({ link: auditEvents.link })
    .from(auditEvents)
    .where(eq(auditEvents.seq, seq));
  return before?.link ?? GENESIS;
}

interface Walked {
  checked: number;
  lastSeq: number;
  lastLink: string;
  failure: ChainFailure | null;
}

async function walk(db: DbOrTx, from: number, previous: string, batch: number): Promise<Walked> {
  const keys = auditKeys();
  const w: Walked = { checked: 0, lastSeq: from - 1, lastLink: previous, failure: null };
  for (;;) {
    const events: AuditRow[] = await db
      .select()
      .from(auditEvents)
      .where(gte(auditEvents.seq, w.lastSeq + 1))
      .orderBy(asc(auditEvents.seq))
      .limit(batch);
    for (const e of events) {
      w.failure = check(e, w.lastSeq + 1, w.lastLink, (v) => keys.get(AUDIT_KEY, v));
      if (w.failure) return w;
      w.checked++;
      w.lastSeq = e.seq!;
      w.lastLink = e.link!;
    }
    if (events.length < batch) return w;
  }
}

export function check(
  e: AuditRow,
  expectedSeq: number,
  previous: string,
  keyOf: (version: number) => Buffer | null,
): ChainFailure | null {
  if (e.seq !== expectedSeq)
    return {
      id: e.id,
      seq: e.seq,
      message:
        `Event seq ${expectedSeq} is missing (removed): event ${e.id} (seq ${e.seq}) ` +
        `follows seq ${expectedSeq - 1}`,
    };
  const key = e.keyVersion === null ? null : keyOf(e.keyVersion);
  if (!key)
    return {
      id: e.id,
      seq: e.seq,
      message: `Event ${e.id} (seq ${e.seq}) was linked with audit key v${e.keyVersion}, which the key file lacks`,
    };
  if (linkOf(key, previous, e) !== e.link)
    return {
      id: e.id,
      seq: e.seq,
      message: `Event ${e.id} (seq ${e.seq}) fails: its link does not match its content and the previous link (changed or put in)`,
    };
  return null;
}
