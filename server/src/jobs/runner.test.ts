import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { jobs, notifications } from '../db/schema';
import { makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../test/helpers';
import { notify } from '../modules/notifications/service';
import { enqueue, findJob, STALE_ERROR } from './repo';
import { JobRunner, retryDelayMs, type JobHandler } from './runner';

let env: TestEnv;
let users: Awaited<ReturnType<typeof seedUsers>>;
const clock = () => env.clock.now;

beforeAll(async () => {
  env = await makeTestEnv();
  users = await seedUsers(env.db, await seedTree(env.db));
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.db.delete(jobs);
});

function runner(handlers: Record<string, JobHandler>, id: string) {
  return new JobRunner({ db: env.db, clock, handlers, id });
}

async function insertJobs(kind: string, n: number, runAt = env.clock.now) {
  await enqueue(
    env.db,
    Array.from({ length: n }, (_, i) => ({ kind, runAt, payload: { i } })),
    env.clock.now,
  );
  return env.db.select().from(jobs).where(eq(jobs.kind, kind));
}

describe('claiming', () => {
  it('runs each due job exactly once with two runners polling at the same time', async () => {
    const due = await insertJobs('test.count', 12);
    const later = await insertJobs('test.later', 1, new Date(env.clock.now.getTime() + 60_000));
    const ran: string[] = [];
    const handler: JobHandler = { run: async (_db, job) => void ran.push(job.id) };
    const handlers = { 'test.count': handler, 'test.later': handler };
    const [a, b] = await Promise.all([
      runner(handlers, 'runner-a').tick(),
      runner(handlers, 'runner-b').tick(),
    ]);
    expect(a + b).toBe(12);
    // Both took part: the jobs were shared, none was taken twice.
    expect(Math.min(a, b)).toBeGreaterThan(0);
    expect([...ran].sort()).toEqual(due.map((j) => j.id).sort());
    const rows = await env.db.select().from(jobs).where(inArray(jobs.id, ran));
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1 && r.lockedBy === null)).toBe(true);
    expect((await findJob(env.db, later[0]!.id))!.status).toBe('pending');
  });

  it('leaves jobs of kinds it has no handler for', async () => {
    const [job] = await insertJobs('email.send', 1);
    expect(await runner({}, 'runner-a').tick()).toBe(0);
    expect((await findJob(env.db, job!.id))!).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('schedules a de-duplicated job once', async () => {
    const j = { kind: 'test.once', runAt: env.clock.now, dedupeKey: 'test:once' };
    expect(await enqueue(env.db, [j], env.clock.now)).toBe(1);
    expect(await enqueue(env.db, [j, j], env.clock.now)).toBe(0);
    expect(await env.db.select().from(jobs).where(eq(jobs.dedupeKey, 'test:once'))).toHaveLength(1);
  });
});

describe('failures', () => {
  it('retries a failing job with back-off, then marks it failed after 5 attempts', async () => {
    const [job] = await insertJobs('test.fail', 1);
    let calls = 0;
    const failing: JobHandler = {
      run: async () => {
        calls++;
        throw new Error('boom');
      },
    };
    const rf = runner({ 'test.fail': failing }, 'r');
    for (let attempt = 1; attempt <= 4; attempt++) {
      await rf.tick();
      const row = (await findJob(env.db, job!.id))!;
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, lastError: 'boom', lockedBy: null });
      expect(row.runAt.getTime()).toBe(env.clock.now.getTime() + retryDelayMs(attempt));
      // Not before its time.
      await rf.tick();
      expect(calls).toBe(attempt);
      env.clock.advance(retryDelayMs(attempt));
    }
    await rf.tick();
    const row = (await findJob(env.db, job!.id))!;
    expect(row).toMatchObject({ status: 'failed', attempts: 5, lastError: 'boom' });
    expect(row.finishedAt).toEqual(env.clock.now);
    env.clock.advance(3600_000);
    await rf.tick();
    expect(calls).toBe(5);
  });

  it('rolls back what a failing transactional handler wrote', async () => {
    await insertJobs('test.partial', 1);
    const partial: JobHandler = {
      run: async (db) => {
        await notify(db, [users.applicant.id], { kind: 'test.partial', titleZh: '半截', titleEn: 'Half' });
        throw new Error('after writing');
      },
    };
    await runner({ 'test.partial': partial }, 'r').tick();
    expect(await env.db.select().from(notifications).where(eq(notifications.kind, 'test.partial'))).toEqual(
      [],
    );
  });
});

describe('stale locks', () => {
  it('puts a job left running by a crashed runner back to pending after 10 minutes, and runs it', async () => {
    const [stale] = await insertJobs('test.stale', 1);
    const [fresh] = await insertJobs('test.busy', 1);
    const [spent] = await insertJobs('test.spent', 1);
    const lock = (minutesAgo: number, attempts: number) => ({
      status: 'running' as const,
      lockedBy: 'crashed',
      lockedAt: new Date(env.clock.now.getTime() - minutesAgo * 60_000),
      attempts,
    });
    await env.db.update(jobs).set(lock(11, 1)).where(eq(jobs.id, stale!.id));
    await env.db.update(jobs).set(lock(5, 1)).where(eq(jobs.id, fresh!.id));
    await env.db.update(jobs).set(lock(30, 5)).where(eq(jobs.id, spent!.id));
    const ran: string[] = [];
    const handler: JobHandler = { run: async (_db, job) => void ran.push(job.id) };
    await runner({ 'test.stale': handler, 'test.busy': handler, 'test.spent': handler }, 'r').tick();
    expect(ran).toEqual([stale!.id]);
    expect((await findJob(env.db, stale!.id))!).toMatchObject({ status: 'done', attempts: 2 });
    expect((await findJob(env.db, fresh!.id))!).toMatchObject({ status: 'running', lockedBy: 'crashed' });
    expect((await findJob(env.db, spent!.id))!).toMatchObject({ status: 'failed', lastError: STALE_ERROR });
  });
});

describe('polling', () => {
  it('starts, picks up due jobs by itself, and stops cleanly', async () => {
    const [job] = await insertJobs('test.poll', 1);
    const r = new JobRunner({
      db: env.db,
      clock,
      handlers: { 'test.poll': { run: async () => {} } },
      pollMs: 20,
    });
    r.start();
    for (let i = 0; i < 100 && (await findJob(env.db, job!.id))!.status !== 'done'; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await r.stop();
    expect((await findJob(env.db, job!.id))!.status).toBe('done');
  });

  it('waits 1, 2, 4, 8 … minutes between attempts, at most an hour', () => {
    expect([1, 2, 3, 4, 5, 10].map(retryDelayMs)).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000, 3600_000,
    ]);
  });
});
