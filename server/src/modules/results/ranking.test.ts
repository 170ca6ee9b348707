import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, campaignQuotas, evaluationTotals } from '../../db/schema';
import { reviewSetup, type ReviewSetup } from '../reviews/test-kit';

let kit: ReviewSetup;
beforeAll(async () => {
  kit = await reviewSetup();
});
afterAll(() => kit.env.close());

async function total(
  app: { id: string; campaignId: string; unitId: string },
  v: { raw: number; std: number; last: number; lastStd: number; gates?: boolean; counted?: number },
) {
  await kit.db.insert(evaluationTotals).values({
    applicationId: app.id,
    campaignId: app.campaignId,
    trackCode: 'site',
    orgKind: 'branch',
    unitId: app.unitId,
    finalScore: v.raw,
    finalStandardised: v.std,
    lastStageScore: v.last,
    lastStageStandardised: v.lastStd,
    countedReviews: v.counted ?? 5,
    gatesPassed: v.gates ?? true,
    submittedAt: null,
    updatedAt: kit.env.clock.now,
  });
}

describe('ranking', () => {
  it('ranks by the tie rule, raw and standardised side by side, marking where the selection would change', async () => {
    const campaignId = await kit.campaign();
    await kit.db
      .update(campaignQuotas)
      .set({ quota: 2 })
      .where(and(eq(campaignQuotas.campaignId, campaignId), eq(campaignQuotas.orgKind, 'branch')));
    const [a, b, c, d] = [
      await kit.application('A', campaignId),
      await kit.application('A', campaignId),
      await kit.application('B', campaignId),
      await kit.application('B', campaignId),
    ];
    await total(a!, { raw: 90, std: 60, last: 90, lastStd: 60 });
    await total(b!, { raw: 85, std: 88, last: 82, lastStd: 88 });
    // C ties B on the final; B's last stage score (82 > 80) puts it above.
    await total(c!, { raw: 85, std: 70, last: 80, lastStd: 70 });
    // D failed a gate: ranked, never proposed.
    await total(d!, { raw: 70, std: 95, last: 70, lastStd: 95, gates: false });

    const res = await kit.committee.get(`/api/campaigns/${campaignId}/ranking?track=site&kind=branch`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      mode: 'raw',
      quota: 2,
      total: 4,
      tieRule: ['final_score', 'last_stage_score', 'counted_reviews', 'submitted_at', 'application_id'],
    });
    const rows = (x: typeof body) =>
      x.items.map(
        (i: {
          applicationId: string;
          rank: number;
          rawRank: number;
          standardisedRank: number;
          selectionWouldChange: boolean;
        }) => [i.applicationId, i.rank, i.rawRank, i.standardisedRank, i.selectionWouldChange],
      );
    // Raw: A, B in the quota; standardised (D out by its gate): B, C — A and C would change.
    expect(rows(body)).toEqual([
      [a!.id, 1, 1, 4, true],
      [b!.id, 2, 2, 2, false],
      [c!.id, 3, 3, 3, true],
      [d!.id, 4, 4, 1, false],
    ]);
    const std = (
      await kit.committee.get(
        `/api/campaigns/${campaignId}/ranking?track=site&kind=branch&mode=standardised&limit=2`,
      )
    ).json();
    expect(rows(std)).toEqual([
      [d!.id, 1, 4, 1, false],
      [b!.id, 2, 2, 2, false],
    ]);
    expect(std.items[0]).toMatchObject({
      organizationName: d!.org.name,
      unitName: '市总工会机关党委',
      gatesPassed: false,
    });
  });

  it('is the committee’s, and answers 404 for an unknown campaign', async () => {
    const r = await kit.reviewer();
    expect((await r.c.get(`/api/campaigns/${kit.campaignId}/ranking?track=site`)).statusCode).toBe(403);
    expect(
      (await kit.committee.get(`/api/campaigns/${crypto.randomUUID()}/ranking?track=site`)).statusCode,
    ).toBe(404);
    expect(
      (await kit.committee.get(`/api/campaigns/${kit.campaignId}/ranking?track=site&mode=x`)).statusCode,
    ).toBe(400);
  });
});

describe('recompute', () => {
  it('rebuilds what the incremental refresh wrote, and is audited', async () => {
    const campaignId = await kit.campaign();
    const stage = await kit.stage({ campaignId, method: 'presentation', rubric: 'overall', weight: 1 });
    const app = await kit.application('A', campaignId);
    for (const score of [82, 90, 75, 88])
      await kit.reviewRow(stage, app, (await kit.reviewer()).user.id, { score });
    const r = await kit.reviewer();
    const a = await kit.assign(stage, app, r.user.id);
    await r.c.put(`/api/reviews/${a.id}`, { overall: 95, version: 1 });
    await r.c.post(`/api/reviews/${a.id}/lock`, { version: 2 });
    const before = await kit.db
      .select()
      .from(evaluationTotals)
      .where(eq(evaluationTotals.applicationId, app.id));
    await kit.db.delete(evaluationTotals).where(eq(evaluationTotals.applicationId, app.id));
    const res = await kit.committee.post(`/api/campaigns/${campaignId}/recompute`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, stageResults: 1, totals: 1 });
    const after = await kit.db
      .select()
      .from(evaluationTotals)
      .where(eq(evaluationTotals.applicationId, app.id));
    expect(after[0]).toMatchObject({ finalScore: 86.666666667, countedReviews: 5 });
    expect({ ...after[0], updatedAt: null }).toEqual({ ...before[0], updatedAt: null });
    const [event] = await kit.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'results.recompute'), eq(auditEvents.objectId, campaignId)));
    expect(event).toMatchObject({ detail: '1 stage results, 1 totals' });
    expect((await kit.committee.post(`/api/campaigns/${crypto.randomUUID()}/recompute`)).statusCode).toBe(
      404,
    );
  });
});

describe('statistics and progress of a stage', () => {
  it('gives ICC(1) 0.9735 for the reference groups, leniency, spread flags, and who has not finished', async () => {
    const campaignId = await kit.campaign();
    const stage = await kit.stage({
      campaignId,
      method: 'presentation',
      rubric: 'overall',
      spreadThreshold: 5,
    });
    const groups = [
      [80, 84, 82],
      [70, 72],
      [90, 88, 91, 89],
      [60, 66, 63],
    ];
    const reviewers: Awaited<ReturnType<ReviewSetup['reviewer']>>[] = [];
    for (let i = 0; i < 4; i++) reviewers.push(await kit.reviewer());
    const apps = [];
    for (const g of groups) {
      const app = await kit.application('B', campaignId);
      apps.push(app);
      for (const [i, score] of g.entries()) await kit.reviewRow(stage, app, reviewers[i]!.user.id, { score });
    }
    // One more assignment of reviewer 0, not yet scored.
    await kit.assign(stage, await kit.application('B', campaignId), reviewers[0]!.user.id);
    const stats = (await kit.committee.get(`/api/stages/${stage.id}/statistics`)).json();
    expect(stats.reviews).toBe(12);
    expect(stats.icc).toMatchObject({ a: 4, n: 12 });
    expect(stats.icc.icc).toBeCloseTo(0.9735, 4);
    expect(stats.icc.msb).toBeCloseTo(449.9722, 4);
    expect(stats.icc.msw).toBeCloseTo(4.125, 9);
    expect(stats.distribution.map((d: { count: number }) => d.count)).toEqual([0, 0, 0, 0, 0, 0, 3, 2, 5, 2]);
    // Spread above 5: [60, 66, 63] (6 points) only.
    expect(stats.spreadFlags).toEqual([{ applicationId: apps[3]!.id, n: 3, spread: 6, sd: Math.sqrt(6) }]);
    expect(stats.leniency).toHaveLength(4);
    const progress = (await kit.committee.get(`/api/stages/${stage.id}/progress`)).json();
    expect(progress).toMatchObject({ assigned: 13, locked: 12 });
    const first = progress.reviewers.find(
      (r: { reviewerId: string }) => r.reviewerId === reviewers[0]!.user.id,
    );
    expect(first).toMatchObject({ assigned: 5, locked: 4, pending: true });
    expect((await kit.committee.get(`/api/stages/${crypto.randomUUID()}/progress`)).statusCode).toBe(404);
  });
});
