/**
 * Queries of the `jobs` table: enqueue with de-duplication, claim one due job (FOR UPDATE SKIP LOCKED,
 * so concurrent runners never take the same job), finish, fail with back-off, recover stale locks.
 * Times come from the runner's clock, never the database's, so tests can move time.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { jobs } from '../db/schema';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  kind: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  /** At most one job per key: enqueuing a key again does nothing. */
  dedupeKey?: string | null;
}

/** Inserts the jobs whose key is new; answers how many were inserted. */
export async function enqueue(db: DbOrTx, list: readonly NewJob[], now: Date): Promise<number> {
  if (list.length === 0) return 0;
  const rows = await db
    .insert(jobs)
    .values(
      list.map((j) => ({
        kind: j.kind,
        runAt: j.runAt,
        payload: j.payload ?? {},
        dedupeKey: j.dedupeKey ?? null,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return rows.length;
}

/**
 * Claims the earliest due pending job of one of `kinds` for `runner`, counting the attempt. The inner
 * SELECT … FOR UPDATE SKIP LOCKED skips a row another runner is claiming at the same moment.
 */
export async function claim(
  db: DbOrTx,
  kinds: readonly string[],
  runner: string,
  now: Date,
): Promise<JobRow | null> {
  const at = now.toISOString();
  const due = sql`(select id from jobs
    where status = 'pending' and run_at <= ${at}::timestamptz and kind = any(${sql.param([...kinds])}::text[])
    order by run_at, id
    for update skip locked
    limit 1)`;
  const [row] = await db
    .update(jobs)
    .set({ status: 'running', lockedAt: now, lockedBy: runner, attempts: sql`${jobs.attempts} + 1` })
    .where(and(eq(jobs.id, due), eq(jobs.status, 'pending')))
    .returning();
  return row ?? null;
}

/** Marks the job done if `runner` still holds it; false when its lock was lost (then nothing changes). */
export async function finish(db: DbOrTx, id: string, runner: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'done', finishedAt: now, lockedAt: null, lockedBy: null, lastError: null })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, runner), eq(jobs.status, 'running')))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** After a failed attempt: back to pending at `retryAt`, or failed for good when `final`. */
export async function fail(
  db: DbOrTx,
  id: string,
  runner: string,
  error: string,
  now: Date,
  retry: { final: boolean; retryAt: Date },
): Promise<void> {
  await db
    .update(jobs)
    .set(
      retry.final
        ? { status: 'failed', finishedAt: now, lockedAt: null, lockedBy: null, lastError: error }
        : { status: 'pending', runAt: retry.retryAt, lockedAt: null, lockedBy: null, lastError: error },
    )
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, runner), eq(jobs.status, 'running')));
}

export const STALE_ERROR = 'lock expired: the runner stopped while running this job';

/**
 * Jobs left `running` since before `lockedBefore` (a runner crashed or was killed) go back to pending,
 * or to failed when they have used all their attempts. Answers how many were recovered.
 */
export async function recoverStale(
  db: DbOrTx,
  lockedBefore: Date,
  maxAttempts: number,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.attempts} >= ${maxAttempts} then 'failed'::job_status else 'pending'::job_status end`,
      finishedAt: sql`case when ${jobs.attempts} >= ${maxAttempts} then ${now.toISOString()}::timestamptz else null end`,
      lockedAt: null,
      lockedBy: null,
      lastError: STALE_ERROR,
    })
    .where(and(eq(jobs.status, 'running'), lt(jobs.lockedAt, lockedBefore)))
    .returning({ id: jobs.id });
  return rows.length;
}

export async function findJob(db: DbOrTx, id: string): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}
