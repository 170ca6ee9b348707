/**
 * Jobs as data: a runner that polls the `jobs` table every few seconds, claims due jobs one at a time
 * (FOR UPDATE SKIP LOCKED: several runners, in one process or many, never run the same job), runs the
 * handler for the job's kind, and marks it done — or pending again with back-off, failed after the last
 * attempt. Jobs left `running` by a crashed runner go back to pending after 10 minutes. Schedules
 * survive restarts because they are rows. The clock is injected.
 *
 * A transactional handler (the default) runs inside the transaction that marks the job done, so its
 * writes happen exactly once; a handler with side effects elsewhere (SMTP) runs outside and is
 * at-least-once. On PGlite a transactional handler must only use the `db` it is given (the transaction).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { Db, DbOrTx } from '../db/client';
import * as repo from './repo';

export type { JobRow } from './repo';

export interface JobHandler {
  run(db: DbOrTx, job: repo.JobRow, now: Date): Promise<void>;
  /** Default true: run inside the transaction that marks the job done. */
  transactional?: boolean;
}

export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RunnerOptions {
  db: Db;
  clock: () => Date;
  handlers: Record<string, JobHandler>;
  /** Identifies this runner in `locked_by`. */
  id?: string;
  pollMs?: number;
  maxAttempts?: number;
  staleMs?: number;
  /** Jobs run per poll at most (the rest wait for the next poll). */
  batch?: number;
  log?: JobLog;
}

export const MAX_ATTEMPTS = 5;
export const STALE_MS = 10 * 60_000;
const silent: JobLog = { info: () => {}, error: () => {} };

/** Retry delay after failed attempt `n`: 1, 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3600_000);
}

class LostLock extends Error {}

export class JobRunner {
  readonly id: string;
  private readonly db: Db;
  private readonly clock: () => Date;
  private readonly handlers: Record<string, JobHandler>;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly staleMs: number;
  private readonly batch: number;
  private readonly log: JobLog;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopped = true;

  constructor(o: RunnerOptions) {
    this.id = o.id ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.db = o.db;
    this.clock = o.clock;
    this.handlers = o.handlers;
    this.pollMs = o.pollMs ?? 5000;
    this.maxAttempts = o.maxAttempts ?? MAX_ATTEMPTS;
    this.staleMs = o.staleMs ?? STALE_MS;
    this.batch = o.batch ?? 20;
    this.log = o.log ?? silent;
  }

  /** Starts polling (the first poll right away). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.current = this.tick()
        .catch((err: unknown) => this.log.error({ err }, 'job poll failed'))
        .finally(() => {
          this.current = null;
          if (!this.stopped) this.schedule(this.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One poll: recover stale locks, then run due jobs until none is left (or `batch` ran). */
  async tick(): Promise<number> {
    const now = this.clock();
    const recovered = await repo.recoverStale(
      this.db,
      new Date(now.getTime() - this.staleMs),
      this.maxAttempts,
      now,
    );
    if (recovered) this.log.info({ recovered }, 'stale jobs recovered');
    let ran = 0;
    while (ran < this.batch) {
      const job = await repo.claim(this.db, Object.keys(this.handlers), this.id, this.clock());
      if (!job) break;
      await this.execute(job);
      ran++;
    }
    return ran;
  }

  private async execute(job: repo.JobRow): Promise<void> {
    const handler = this.handlers[job.kind]!;
    try {
      if (handler.transactional === false) {
        await handler.run(this.db, job, this.clock());
        await repo.finish(this.db, job.id, this.id, this.clock());
      } else {
        await this.db.transaction(async (tx) => {
          await handler.run(tx, job, this.clock());
          if (!(await repo.finish(tx, job.id, this.id, this.clock()))) throw new LostLock(job.id);
        });
      }
      this.log.info({ job: job.id, kind: job.kind, attempt: job.attempts }, 'job done');
    } catch (err) {
      if (err instanceof LostLock) {
        this.log.error({ job: job.id, kind: job.kind }, 'job lock lost; its work was rolled back');
        return;
      }
      const now = this.clock();
      const final = job.attempts >= this.maxAttempts;
      const message = err instanceof Error ? err.message : String(err);
      await repo.fail(this.db, job.id, this.id, message.slice(0, 2000), now, {
        final,
        retryAt: new Date(now.getTime() + retryDelayMs(job.attempts)),
      });
      this.log.error(
        { job: job.id, kind: job.kind, attempt: job.attempts, err },
        final ? 'job failed for good' : 'job failed; will retry',
      );
    }
  }
}
