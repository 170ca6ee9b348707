import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { campaigns, jobs, notifications } from '../db/schema';
import { insertOrg, insertUser, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../test/helpers';
import { defaultStandard, insertApplication, seedOpenCampaign } from '../../test/campaign-fixtures';
import { ensureDailyScan, REMIND, SCAN, scanHandler } from './deadlines';
import { jobHandlers } from './index';
import { JobRunner } from './runner';

const DAY = 24 * 3600_000;
let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let open: Awaited<ReturnType<typeof seedOpenCampaign>>;
let runner: JobRunner;
let adminB: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  adminB = await insertUser(env.db, {
    username: 'uadminb',
    role: 'unit_admin',
    organizationId: tree.unitB.id,
    unitId: tree.unitB.id,
  });
  open = await seedOpenCampaign(env.db, env.clock.now);
  runner = new JobRunner({
    db: env.db,
    clock: () => env.clock.now,
    handlers: jobHandlers(env.config),
    id: 't',
  });
  const branch = await defaultStandard(env.db, 'SITE-BRANCH');
  const a2 = await insertOrg(env.db, { code: 'A2', name: '已推荐支部', kind: 'branch', parent: tree.unitA });
  const app = (organization: typeof tree.a1, status: 'draft' | 'submitted' | 'recommended') =>
    insertApplication(env.db, {
      campaignId: open.campaign.id,
      organization,
      standardVersionId: branch.versionId,
      status,
    });
  await app(tree.a1, 'draft'); // applicant `appl` is reminded to submit
  await app(tree.b1, 'submitted'); // unit B's admin is reminded to recommend
  await app(a2, 'recommended'); // nobody: unit A has nothing left to recommend
});
afterAll(() => env.close());

const remindJobs = () => env.db.select().from(jobs).where(eq(jobs.kind, REMIND)).orderBy(asc(jobs.runAt));
const inbox = (userId: string) =>
  env.db
    .select({ titleZh: notifications.titleZh, titleEn: notifications.titleEn, kind: notifications.kind })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt));

describe('the daily scan', () => {
  it('is queued once per day at start', async () => {
    expect(await ensureDailyScan(env.db, env.clock.now)).toBe(true);
    expect(await ensureDailyScan(env.db, env.clock.now)).toBe(false);
    const [scan] = await env.db.select().from(jobs).where(eq(jobs.kind, SCAN));
    expect(scan).toMatchObject({
      dedupeKey: 'deadline.scan:2026-11-29',
      runAt: env.clock.now,
      status: 'pending',
    });
  });

  it('schedules reminders exactly 3 days and 1 day before each deadline, and queues tomorrow’s scan', async () => {
    expect(await runner.tick()).toBe(1);
    const closes = open.campaign.applicationClosesAt.getTime();
    const recommend = open.campaign.recommendationDeadline.getTime();
    expect((await remindJobs()).map((j) => [j.runAt.getTime(), j.payload])).toEqual([
      [
        closes - 3 * DAY,
        {
          campaignId: open.campaign.id,
          deadline: 'application',
          at: new Date(closes).toISOString(),
          offset: '3d',
        },
      ],
      [
        closes - 1 * DAY,
        {
          campaignId: open.campaign.id,
          deadline: 'application',
          at: new Date(closes).toISOString(),
          offset: '1d',
        },
      ],
      [
        recommend - 3 * DAY,
        {
          campaignId: open.campaign.id,
          deadline: 'recommendation',
          at: new Date(recommend).toISOString(),
          offset: '3d',
        },
      ],
      [
        recommend - 1 * DAY,
        {
          campaignId: open.campaign.id,
          deadline: 'recommendation',
          at: new Date(recommend).toISOString(),
          offset: '1d',
        },
      ],
    ]);
    const scans = await env.db.select().from(jobs).where(eq(jobs.kind, SCAN)).orderBy(asc(jobs.runAt));
    expect(scans.map((s) => [s.dedupeKey, s.status, s.runAt.toISOString()])).toEqual([
      ['deadline.scan:2026-11-29', 'done', '2026-11-29T08:00:00.000Z'],
      ['deadline.scan:2026-11-30', 'pending', '2026-11-29T17:00:00.000Z'],
    ]);
  });

  it('schedules nothing twice when it scans again', async () => {
    const before = await remindJobs();
    await env.db.transaction((tx) => scanHandler.run(tx, before[0]!, env.clock.now));
    await env.db.transaction((tx) => scanHandler.run(tx, before[0]!, env.clock.now));
    expect((await remindJobs()).map((j) => j.id)).toEqual(before.map((j) => j.id));
  });
});

describe('reminders', () => {
  it('3 days before applications close, reminds applicants with a draft, nobody else', async () => {
    env.clock.now = new Date(open.campaign.applicationClosesAt.getTime() - 3 * DAY);
    await runner.tick();
    expect(await inbox(users.applicant.id)).toEqual([
      {
        kind: 'deadline.application',
        titleZh: '距申报截止还有3天',
        titleEn: '3 days left before applications close',
      },
    ]);
    expect(await inbox(adminB.id)).toEqual([]);
    expect(await inbox(users.unit_admin.id)).toEqual([]);
    const [first] = await remindJobs();
    expect(first!.status).toBe('done');
  });

  it('1 day before, again; and the daily scans in between kept scheduling nothing new', async () => {
    env.clock.now = new Date(open.campaign.applicationClosesAt.getTime() - 1 * DAY);
    await runner.tick();
    expect((await inbox(users.applicant.id)).map((n) => n.titleZh)).toEqual([
      '距申报截止还有3天',
      '距申报截止还有1天',
    ]);
    expect(await remindJobs()).toHaveLength(4);
  });

  it('before the recommendation deadline, reminds the admins of units with submitted applications', async () => {
    env.clock.now = new Date(open.campaign.recommendationDeadline.getTime() - 3 * DAY);
    await runner.tick();
    expect(await inbox(adminB.id)).toEqual([
      {
        kind: 'deadline.recommendation',
        titleZh: '距推荐截止还有3天',
        titleEn: '3 days left before unit recommendations close',
      },
    ]);
    expect(await inbox(users.unit_admin.id)).toEqual([]);
    expect(await inbox(users.applicant.id)).toHaveLength(2);
  });

  it('does nothing for a deadline that moved (the next scan schedules the new one) or a campaign no longer open', async () => {
    const moved = new Date(open.campaign.recommendationDeadline.getTime() + 5 * DAY);
    await env.db
      .update(campaigns)
      .set({ recommendationDeadline: moved })
      .where(eq(campaigns.id, open.campaign.id));
    env.clock.now = new Date(open.campaign.recommendationDeadline.getTime() - 1 * DAY);
    await runner.tick();
    expect(await inbox(adminB.id)).toHaveLength(1);
    const oldJob = (await remindJobs()).find(
      (j) => j.dedupeKey!.endsWith(':1d') && j.payload.deadline === 'recommendation',
    );
    expect(oldJob!.status).toBe('done');
    const renewed = await env.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, REMIND), eq(jobs.runAt, new Date(moved.getTime() - DAY))));
    expect(renewed).toHaveLength(1);

    await env.db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, open.campaign.id));
    env.clock.now = new Date(moved.getTime() - DAY);
    await runner.tick();
    expect(await inbox(adminB.id)).toHaveLength(1);
  });
});
