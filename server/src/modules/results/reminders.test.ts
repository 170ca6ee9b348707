/**
 * 催办 (POST /api/stages/:id/remind) and the stage-closing reminder jobs: exactly the experts with reviews
 * not locked get one notice each saying how many; nothing is sent or audited for a stage that is not open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditEvents, jobs, notifications, reviews } from '../../db/schema';
import { jobHandlers } from '../../jobs';
import { ensureDailyScan, STAGE_REMIND } from '../../jobs/deadlines';
import { JobRunner } from '../../jobs/runner';
import { reviewSetup, type ReviewSetup } from '../reviews/test-kit';

const DAY = 24 * 3600_000;
let s: ReviewSetup;
let stage: Awaited<ReturnType<ReviewSetup['stage']>>;
let behind: Awaited<ReturnType<ReviewSetup['reviewer']>>;
let draftOnly: Awaited<ReturnType<ReviewSetup['reviewer']>>;
let done: Awaited<ReturnType<ReviewSetup['reviewer']>>;

beforeAll(async () => {
  s = await reviewSetup();
  stage = await s.stage({ nameZh: '实地考察', nameEn: 'On-site inspection' });
  const [a, b, c] = [await s.application(), await s.application(), await s.application('B')];
  behind = await s.reviewer();
  draftOnly = await s.reviewer();
  done = await s.reviewer();
  // behind: 3 assigned, 1 locked, 1 draft, 1 never opened → 2 pending.
  await s.reviewRow(stage, a, behind.user.id, { score: 80 });
  await s.reviewRow(stage, b, behind.user.id, { status: 'draft', score: 70 });
  await s.assign(stage, c, behind.user.id);
  // draftOnly: 1 assigned, a draft → 1 pending. done: 2 locked → not reminded.
  await s.reviewRow(stage, a, draftOnly.user.id, { status: 'draft' });
  await s.reviewRow(stage, a, done.user.id, { score: 90 });
  await s.reviewRow(stage, b, done.user.id, { score: 85 });
});
afterAll(() => s.env.close());

const inbox = (userId: string) =>
  s.env.db
    .select({
      kind: notifications.kind,
      titleZh: notifications.titleZh,
      bodyZh: notifications.bodyZh,
      link: notifications.link,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt));
const remindEvents = () => s.env.db.select().from(auditEvents).where(eq(auditEvents.action, 'stages.remind'));

describe('催办 POST /api/stages/:id/remind', () => {
  it('reminds exactly the experts behind, each with their own count, and audits the counts', async () => {
    const res = await s.committee.post(`/api/stages/${stage.id}/remind`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ reviewers: 2, reviews: 3 });
    const closes = '2026-12-09 16:00'; // 2026-11-29T08:00Z + 10 days, Beijing time
    expect(await inbox(behind.user.id)).toEqual([
      {
        kind: 'review.reminder',
        titleZh: '工委提醒您尽快完成评分',
        bodyZh: `“2026年度“双示范”创建”的“实地考察”将于 ${closes} 截止评分，您还有 2 份评审未确认锁定。`,
        link: `/reviews?stage=${stage.id}`,
      },
    ]);
    expect((await inbox(draftOnly.user.id)).map((n) => n.bodyZh)).toEqual([
      `“2026年度“双示范”创建”的“实地考察”将于 ${closes} 截止评分，您还有 1 份评审未确认锁定。`,
    ]);
    expect(await inbox(done.user.id)).toEqual([]);
    const events = await remindEvents();
    expect(events.map((e) => [e.objectType, e.objectId, e.outcome, e.detail])).toEqual([
      ['stage', stage.id, 'success', '2 experts reminded of 3 reviews'],
    ]);
  });

  it('refuses a stage that is not open (409 STAGE_CLOSED), sending and auditing nothing', async () => {
    const closed = await s.stage({ status: 'closed' });
    const a = await s.application();
    await s.assign(closed, a, done.user.id);
    const before = (await inbox(done.user.id)).length;
    const res = await s.committee.post(`/api/stages/${closed.id}/remind`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STAGE_CLOSED');
    expect((await inbox(done.user.id)).length).toBe(before);
    expect((await remindEvents()).length).toBe(1);
  });

  it('answers 404 for an unknown stage and 403 for a reviewer', async () => {
    expect(
      (await s.committee.post('/api/stages/00000000-0000-4000-8000-000000000000/remind')).statusCode,
    ).toBe(404);
    expect((await behind.c.post(`/api/stages/${stage.id}/remind`)).statusCode).toBe(403);
  });
});

describe('the stage-closing reminder jobs', () => {
  it('are planned 3 days and 1 day before an open stage closes, and remind only who is still behind', async () => {
    const runner = new JobRunner({
      db: s.env.db,
      clock: () => s.env.clock.now,
      handlers: jobHandlers(s.env.config),
      id: 't',
    });
    const closes = stage.closesAt.getTime();
    await ensureDailyScan(s.env.db, s.env.clock.now);
    await runner.tick();
    const planned = await s.env.db
      .select()
      .from(jobs)
      .where(eq(jobs.kind, STAGE_REMIND))
      .orderBy(asc(jobs.runAt));
    expect(
      planned
        .filter((j) => (j.payload as { stageId: string }).stageId === stage.id)
        .map((j) => [j.runAt.getTime(), j.payload]),
    ).toEqual([
      [closes - 3 * DAY, { stageId: stage.id, at: new Date(closes).toISOString(), offset: '3d' }],
      [closes - DAY, { stageId: stage.id, at: new Date(closes).toISOString(), offset: '1d' }],
    ]);
    // The expert with a draft locks it before the 3-day reminder: only `behind` hears from it.
    await s.env.db
      .update(reviews)
      .set({ status: 'locked', lockedAt: s.env.clock.now })
      .where(eq(reviews.reviewerId, draftOnly.user.id));
    s.env.clock.advance(7 * DAY);
    await runner.tick();
    await runner.tick();
    expect((await inbox(behind.user.id)).map((n) => [n.kind, n.titleZh])).toEqual([
      ['review.reminder', '工委提醒您尽快完成评分'],
      ['deadline.review', '距评分截止还有3天'],
    ]);
    expect((await inbox(draftOnly.user.id)).map((n) => n.kind)).toEqual(['review.reminder']);
  });
});
