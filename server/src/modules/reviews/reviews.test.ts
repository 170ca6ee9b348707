import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditEvents, evaluationTotals, reviews, stageResults } from '../../db/schema';
import { reviewSetup, type ReviewSetup } from './test-kit';

let kit: ReviewSetup;
beforeAll(async () => {
  kit = await reviewSetup();
});
afterAll(() => kit.env.close());

/** The branch standard's criteria: five regular items of 20 points and a bonus item of 10 (cap 10). */
const ids = () => kit.standards.branch.criteria.map((c) => c.id);
const full = (points: number[]) =>
  Object.fromEntries(ids().map((id, i) => [id, { points: points[i]!, comment: `第${i + 1}项意见` }]));

async function audits(objectId: string) {
  const [row] = await kit.db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.objectId, objectId));
  return row!.n;
}
async function reviewRow(id: string) {
  const [row] = await kit.db.select().from(reviews).where(eq(reviews.id, id));
  return row ?? null;
}
async function resultOf(stageId: string, applicationId: string) {
  const [row] = await kit.db
    .select()
    .from(stageResults)
    .where(and(eq(stageResults.stageId, stageId), eq(stageResults.applicationId, applicationId)));
  return row ?? null;
}
async function totalOf(applicationId: string) {
  const [row] = await kit.db
    .select()
    .from(evaluationTotals)
    .where(eq(evaluationTotals.applicationId, applicationId));
  return row ?? null;
}

describe('the scoring sheet', () => {
  it('shows the criteria with their maxima, the application and the empty review to its reviewer', async () => {
    const stage = await kit.stage({ blind: true });
    const app = await kit.application();
    const r = await kit.reviewer();
    const a = await kit.assign(stage, app, r.user.id);
    const res = await r.c.get(`/api/reviews/${a.id}`);
    expect(res.statusCode).toBe(200);
    const sheet = res.json();
    expect(sheet.criteria.map((c: { maxPoints: number; bonus: boolean }) => [c.maxPoints, c.bonus])).toEqual([
      [20, false],
      [20, false],
      [20, false],
      [20, false],
      [20, false],
      [10, true],
    ]);
    expect(sheet).toMatchObject({
      totalPoints: 100,
      bonusCap: 10,
      canWrite: true,
      refusal: null,
      others: null,
      review: { status: 'pending', version: 1, score: null },
      // A blind stage hides who applied.
      application: { id: app.id, organizationName: null, brandName: app.brandName },
      conflict: { conflicted: false, override: null },
    });
    // The committee sees the name, every review, and may not write.
    const c = (await kit.committee.get(`/api/reviews/${a.id}`)).json();
    expect(c).toMatchObject({ canWrite: false, refusal: 'forbidden', others: [] });
    expect(c.application.organizationName).toBe(app.org.name);
  });

  it('is not found for another reviewer, and for an unknown id', async () => {
    const stage = await kit.stage();
    const app = await kit.application();
    const r = await kit.reviewer();
    const other = await kit.reviewer();
    const a = await kit.assign(stage, app, r.user.id);
    expect((await other.c.get(`/api/reviews/${a.id}`)).statusCode).toBe(404);
    expect((await other.c.put(`/api/reviews/${a.id}`, { version: 1 })).statusCode).toBe(404);
    expect((await kit.committee.get(`/api/reviews/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect(await reviewRow(a.id)).toBeNull();
  });

  it('shows other reviews after the own one is locked when the stage says after_own, names only when shown', async () => {
    const stage = await kit.stage({ seeOthers: 'after_own', rubric: 'overall', method: 'presentation' });
    const app = await kit.application();
    const r = await kit.reviewer();
    const other = await kit.reviewer();
    await kit.reviewRow(stage, app, other.user.id, { score: 77 });
    const a = await kit.assign(stage, app, r.user.id);
    expect((await r.c.get(`/api/reviews/${a.id}`)).json().others).toBeNull();
    await r.c.put(`/api/reviews/${a.id}`, { overall: 80, version: 1 });
    const locked = await r.c.post(`/api/reviews/${a.id}/lock`, { version: 2 });
    expect(locked.json().others).toEqual([
      { reviewerName: null, status: 'locked', score: 77, comment: null },
    ]);
  });
});

describe('saving a draft', () => {
  it('keeps points and comments, with no score until the sheet is complete; the audit records it', async () => {
    const stage = await kit.stage();
    const app = await kit.application();
    const r = await kit.reviewer();
    const a = await kit.assign(stage, app, r.user.id);
    const [first] = ids();
    const res = await r.c.put(`/api/reviews/${a.id}`, {
      scores: { [first!]: { points: 18.5, comment: '班子配备齐全' } },
      comment: '总体较好',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().review).toMatchObject({
      status: 'draft',
      version: 2,
      score: null,
      comment: '总体较好',
      scores: { [first!]: { points: 18.5, comment: '班子配备齐全' } },
    });
    expect(await audits(a.id)).toBe(1);
    // A complete sheet has its score: (18.5 + 17 + 16 + 19 + 15 + bonus 6) / 110 × 100.
    const done = await r.c.put(`/api/reviews/${a.id}`, {
      scores: full([18.5, 17, 16, 19, 15, 6]),
      version: 2,
    });
    expect(done.json().review.score).toBeCloseTo((91.5 / 110) * 100, 12);
    expect(done.json().review.points).toBe(91.5);
    // A stale version is refused.
    const stale = await r.c.put(`/api/reviews/${a.id}`, { comment: 'x', version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 3 });
  });

  const BAD: [string, number | string, string][] = [
    ['above the maximum', 20.5, 'out_of_range'],
    ['below zero', -0.5, 'out_of_range'],
    ['off the 0.5 step', 12.3, 'bad_step'],
  ];
  for (const [name, points, code] of BAD)
    it(`refuses points ${name} with a field error and writes nothing`, async () => {
      const stage = await kit.stage();
      const app = await kit.application();
      const r = await kit.reviewer();
      const a = await kit.assign(stage, app, r.user.id);
      const id = ids()[1]!;
      const res = await r.c.put(`/api/reviews/${a.id}`, { scores: { [id]: { points } }, version: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ field: `scores.${id}.points`, code }),
      ]);
      expect(await reviewRow(a.id)).toBeNull();
      expect(await audits(a.id)).toBe(0);
    });

  it('refuses a criterion of another standard and an overall score on a criteria sheet', async () => {
    const stage = await kit.stage();
    const app = await kit.application();
    const r = await kit.reviewer();
    const a = await kit.assign(stage, app, r.user.id);
    const foreign = kit.standards.venue.criteria[0]!.id;
    const res = await r.c.put(`/api/reviews/${a.id}`, {
      scores: { [foreign]: { points: 1 } },
      overall: 90,
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      [`scores.${foreign}.points`, 'unknown_criterion'],
      ['overall', 'unknown_criterion'],
    ]);
    expect(await reviewRow(a.id)).toBeNull();
  });

  it('is refused on a closed stage (409 STAGE_CLOSED) and after its window, writing nothing', async () => {
    const closed = await kit.stage({ status: 'closed' });
    const past = await kit.stage({
      opensAt: new Date(kit.env.clock.now.getTime() - 10 * 86400_000),
      closesAt: new Date(kit.env.clock.now.getTime() - 86400_000),
    });
    const app = await kit.application();
    const r = await kit.reviewer();
    for (const s of [closed, past]) {
      const a = await kit.assign(s, app, r.user.id);
      const res = await r.c.put(`/api/reviews/${a.id}`, { comment: '迟到', version: 1 });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('STAGE_CLOSED');
      expect(await reviewRow(a.id)).toBeNull();
      expect(await audits(a.id)).toBe(0);
      expect((await r.c.get(`/api/reviews/${a.id}`)).json()).toMatchObject({
        canWrite: false,
        refusal: 'stage_open',
      });
    }
  });

  it('is refused to a conflicted reviewer (403), and allowed with a banner when the committee overrode it', async () => {
    const stage = await kit.stage();
    const app = await kit.application();
    const declared = await kit.reviewer();
    await kit.declare(declared.user.id, app);
    const a = await kit.assign(stage, app, declared.user.id);
    const res = await declared.c.put(`/api/reviews/${a.id}`, { comment: '试试', version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CONFLICT_OF_INTEREST');
    expect(await reviewRow(a.id)).toBeNull();
    // An expert of the applicant's unit (its superior) is conflicted by the tree; the committee's override lets it score.
    const insider = await kit.reviewer(kit.tree.unitA);
    const b = await kit.assign(stage, app, insider.user.id);
    expect((await insider.c.put(`/api/reviews/${b.id}`, { comment: '试试', version: 1 })).statusCode).toBe(
      403,
    );
    await kit.override(insider.user.id, app);
    const ok = await insider.c.put(`/api/reviews/${b.id}`, { comment: '可以', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().conflict).toMatchObject({
      conflicted: false,
      sources: ['superior'],
      override: { reason: '该专家仅在该单位兼职讲课，经工委研究可以评审', byName: 'cadmin' },
    });
  });
});

describe('locking and reopening', () => {
  it('needs a complete sheet, then locks with its score and refreshes the stage result and the total', async () => {
    const stage = await kit.stage({ weight: 1 });
    const app = await kit.application();
    const r = await kit.reviewer();
    const a = await kit.assign(stage, app, r.user.id);
    const partial = Object.fromEntries(Object.entries(full([18, 17, 16, 19, 15, 6])).slice(0, 3));
    await r.c.put(`/api/reviews/${a.id}`, { scores: partial, version: 1 });
    const refused = await r.c.post(`/api/reviews/${a.id}/lock`, { version: 2 });
    expect(refused.statusCode).toBe(400);
    // The two regular items left are required; the bonus item may stay empty.
    expect(refused.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      `scores.${ids()[3]}.points`,
      `scores.${ids()[4]}.points`,
    ]);
    expect((await reviewRow(a.id))!.status).toBe('draft');
    expect(await resultOf(stage.id, app.id)).toBeNull();

    await r.c.put(`/api/reviews/${a.id}`, { scores: full([18, 17, 16, 19, 15, 6]), version: 2 });
    const locked = await r.c.post(`/api/reviews/${a.id}/lock`, { version: 3 });
    expect(locked.statusCode).toBe(200);
    const score = (91 / 110) * 100;
    expect(locked.json().review).toMatchObject({
      status: 'locked',
      lockedAt: kit.env.clock.now.toISOString(),
    });
    expect(locked.json().review.score).toBeCloseTo(score, 12);
    expect(await resultOf(stage.id, app.id)).toMatchObject({
      reviewCount: 1,
      score: Math.round(score * 1e9) / 1e9,
      standardisedScore: Math.round(score * 1e9) / 1e9,
      spread: 0,
      sd: 0,
      gatePassed: null,
    });
    expect(await totalOf(app.id)).toMatchObject({
      finalScore: Math.round(score * 1e9) / 1e9,
      lastStageScore: Math.round(score * 1e9) / 1e9,
      countedReviews: 1,
      gatesPassed: true,
    });

    // Locked: no more edits, no second lock.
    for (const res of [
      await r.c.put(`/api/reviews/${a.id}`, { comment: '改', version: 4 }),
      await r.c.post(`/api/reviews/${a.id}/lock`, { version: 4 }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('REVIEW_LOCKED');
    }
    expect(await audits(a.id)).toBe(3);

    // The reviewer cannot reopen; the committee must give a reason.
    expect((await r.c.post(`/api/reviews/${a.id}/reopen`, { reason: '复核', version: 4 })).statusCode).toBe(
      403,
    );
    const noReason = await kit.committee.post(`/api/reviews/${a.id}/reopen`, { reason: '  ', version: 4 });
    expect(noReason.statusCode).toBe(400);
    expect(await audits(a.id)).toBe(3);
    const reopened = await kit.committee.post(`/api/reviews/${a.id}/reopen`, {
      reason: '第四项评分依据不足，请复核',
      version: 4,
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().review).toMatchObject({
      status: 'draft',
      lockedAt: null,
      reopenedReason: '第四项评分依据不足，请复核',
      version: 5,
    });
    expect(await resultOf(stage.id, app.id)).toMatchObject({ reviewCount: 0, score: null, spread: null });
    expect(await totalOf(app.id)).toMatchObject({ finalScore: 0, lastStageScore: null, countedReviews: 0 });
    const [event] = await kit.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, a.id), eq(auditEvents.action, 'reviews.reopen')));
    expect(event).toMatchObject({ detail: '第四项评分依据不足，请复核', outcome: 'success' });
    // A draft cannot be reopened.
    const again = await kit.committee.post(`/api/reviews/${a.id}/reopen`, { reason: '再次', version: 5 });
    expect(again.statusCode).toBe(409);
  });

  it('aggregates by the trimmed mean: [82, 90, 75, 88] then 95 gives 83.75, then 86.6667 (evaluation-maths §1)', async () => {
    const stage = await kit.stage({ method: 'presentation', rubric: 'overall', minReviews: 5 });
    const app = await kit.application();
    for (const score of [82, 90, 75, 88])
      await kit.reviewRow(stage, app, (await kit.reviewer()).user.id, { score });
    const last = await kit.reviewer();
    const a = await kit.assign(stage, app, last.user.id);
    await last.c.put(`/api/reviews/${a.id}`, { overall: 95, version: 1 });
    // Not yet locked: the result is not refreshed by a draft.
    expect(await resultOf(stage.id, app.id)).toBeNull();
    const res = await last.c.post(`/api/reviews/${a.id}/lock`, { version: 2 });
    expect(res.json().review.score).toBe(95);
    const row = await resultOf(stage.id, app.id);
    expect(row).toMatchObject({ reviewCount: 5, score: 86.666666667, spread: 20, flags: [] });
    expect(row!.sd).toBe(Math.sqrt(47.6));
    await kit.committee.post(`/api/reviews/${a.id}/reopen`, { reason: '复核', version: 3 });
    expect(await resultOf(stage.id, app.id)).toMatchObject({
      reviewCount: 4,
      score: 83.75,
      flags: ['below_minimum'],
    });
  });

  it('never counts a conflicted review, and counts an overridden one', async () => {
    const stage = await kit.stage({ method: 'presentation', rubric: 'overall' });
    const app = await kit.application();
    const declared = await kit.reviewer();
    await kit.declare(declared.user.id, app);
    await kit.reviewRow(stage, app, declared.user.id, { score: 10 });
    const insider = await kit.reviewer(kit.tree.unitA);
    await kit.override(insider.user.id, app);
    await kit.reviewRow(stage, app, insider.user.id, { score: 70 });
    const r = await kit.reviewer();
    const a = await kit.assign(stage, app, r.user.id);
    await r.c.put(`/api/reviews/${a.id}`, { overall: 80, version: 1 });
    await r.c.post(`/api/reviews/${a.id}/lock`, { version: 2 });
    expect(await resultOf(stage.id, app.id)).toMatchObject({ reviewCount: 2, score: 75, spread: 10 });
  });

  it('sums weighted stages into the final (0.3, 0.4, 0.3 on 86.6667, 80, 90 → 85, §5)', async () => {
    const s1 = await kit.stage({ method: 'presentation', rubric: 'overall', weight: 0.3 });
    const s2 = await kit.stage({ method: 'presentation', rubric: 'overall', weight: 0.4 });
    const s3 = await kit.stage({ method: 'presentation', rubric: 'overall', weight: 0.3 });
    const app = await kit.application();
    for (const score of [82, 90, 75, 88])
      await kit.reviewRow(s1, app, (await kit.reviewer()).user.id, { score });
    const lockOne = async (s: { id: string }, overall: number) => {
      const r = await kit.reviewer();
      const a = await kit.assign(s, app, r.user.id);
      await r.c.put(`/api/reviews/${a.id}`, { overall, version: 1 });
      expect((await r.c.post(`/api/reviews/${a.id}/lock`, { version: 2 })).statusCode).toBe(200);
    };
    await lockOne(s3, 90);
    expect(await totalOf(app.id)).toMatchObject({ finalScore: 27, lastStageScore: 90, countedReviews: 1 });
    await lockOne(s1, 95);
    await lockOne(s2, 80);
    expect(await totalOf(app.id)).toMatchObject({ finalScore: 85, lastStageScore: 90, countedReviews: 7 });
  });
});
