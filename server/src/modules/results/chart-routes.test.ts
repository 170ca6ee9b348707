import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewSetup, type ReviewSetup } from '../reviews/test-kit';

let kit: ReviewSetup;
beforeAll(async () => {
  kit = await reviewSetup();
});
afterAll(() => kit.env.close());

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('GET /api/stages/:id/charts/:name.svg', () => {
  it('renders the score distribution and reviewer leniency of a stage as SVG', async () => {
    const campaignId = await kit.campaign();
    const stage = await kit.stage({ campaignId, method: 'presentation', rubric: 'overall' });
    const reviewers = [await kit.reviewer(), await kit.reviewer()];
    // Reviewer 0 gives 90 and 92, reviewer 1 gives 76 and 78: stage mean 84, leniency +7 and −7.
    for (const [a, b] of [
      [90, 76],
      [92, 78],
    ] as const) {
      const app = await kit.application('B', campaignId);
      await kit.reviewRow(stage, app, reviewers[0]!.user.id, { score: a });
      await kit.reviewRow(stage, app, reviewers[1]!.user.id, { score: b });
    }
    const hist = await kit.committee.get(`/api/stages/${stage.id}/charts/score-distribution.svg`);
    expect(hist.statusCode).toBe(200);
    expect(hist.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(hist.body).toContain('width="800" height="360"');
    expect(texts(hist.body)).toEqual(expect.arrayContaining(['分数段', '评分数', '70–80', '90–100', '2']));
    const len = await kit.committee.get(`/api/stages/${stage.id}/charts/reviewer-leniency.svg?height=300`);
    expect(len.body).toContain('height="300"');
    const names = [reviewers[0]!.user.displayName, reviewers[1]!.user.displayName];
    expect(texts(len.body)).toEqual(expect.arrayContaining([...names, '7', '-7', '偏差（分）']));
    expect((await kit.committee.get(`/api/stages/${stage.id}/charts/x.svg`)).statusCode).toBe(400);
    expect((await kit.committee.get(`/api/stages/${crypto.randomUUID()}/charts/x.svg`)).statusCode).toBe(400);
    expect(
      (await kit.committee.get(`/api/stages/${crypto.randomUUID()}/charts/reviewer-leniency.svg`)).statusCode,
    ).toBe(404);
  });
});
