/**
 * Jobs as data: deadline reminders and e-mail, run by a database-backed runner.
 */
import { index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { JOB_STATUSES } from '../../../../shared/src/enums';
import { ts } from './columns';

export const jobStatus = pgEnum('job_status', JOB_STATUSES);

/** Jobs as data (deadline reminders, e-mail): a database-backed runner picks them up and survives restarts. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    runAt: ts('run_at').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lockedAt: ts('locked_at'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    /** At most one job per key (e.g. `reminder:<campaign>:<3d>`): scheduling twice is a no-op. */
    dedupeKey: text('dedupe_key').unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt)],
);
