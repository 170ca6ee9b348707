/**
 * The daily check of the audit hash chain (AUD-03): verifies the newest events and writes the anchor —
 * the newest seq and link — to the server log, so a later rewrite of the whole chain (by someone holding
 * the key and the database) still differs from what the log said that day.
 */
import type { DbOrTx } from '../db/client';
import { verifyChain, type ChainReport } from '../modules/audit/verify';
import { chinaDate } from '../../../shared/src/domain/reminders';
import { enqueue } from './repo';
import type { JobHandler, JobLog } from './runner';

export const AUDIT_CHECK = 'audit.verify';
/** Events checked at start and each day (their predecessor's link is taken as given). */
export const CHECK_LAST = 10_000;
const DAY = 86_400_000;
/** 02:00 Beijing time (18:00 UTC). */
const CHECK_HOUR_UTC = 18;

/** The next check: the coming 02:00 Beijing time, keyed by its Beijing date. */
export function nextAuditCheck(now: Date): { runAt: Date; dedupeKey: string } {
  let runAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), CHECK_HOUR_UTC));
  if (runAt <= now) runAt = new Date(runAt.getTime() + DAY);
  return { runAt, dedupeKey: `${AUDIT_CHECK}:${chinaDate(runAt)}` };
}

/** Queues the next daily check unless it is queued (call at start). */
export async function ensureAuditCheck(db: DbOrTx, now: Date): Promise<boolean> {
  const next = nextAuditCheck(now);
  return (
    (await enqueue(db, [{ kind: AUDIT_CHECK, runAt: next.runAt, dedupeKey: next.dedupeKey }], now)) === 1
  );
}

/** Verifies the newest part of the chain and logs the anchor, or the first failing event. */
export async function checkAuditChain(db: DbOrTx, log: JobLog): Promise<ChainReport> {
  const report = await verifyChain(db, { last: CHECK_LAST });
  const anchor = { seq: report.head.seq, link: report.head.link };
  if (report.ok) log.info({ auditAnchor: anchor, checked: report.checked }, 'audit chain verified; anchor');
  else
    log.error(
      { auditAnchor: anchor, failure: report.failure },
      `AUDIT CHAIN BROKEN: ${report.failure!.message}`,
    );
  return report;
}

export function auditCheckHandler(log: JobLog): JobHandler {
  return {
    async run(db, _job, now) {
      await checkAuditChain(db, log);
      const next = nextAuditCheck(new Date(now.getTime() + 1000));
      await enqueue(db, [{ kind: AUDIT_CHECK, runAt: next.runAt, dedupeKey: next.dedupeKey }], now);
    },
  };
}
