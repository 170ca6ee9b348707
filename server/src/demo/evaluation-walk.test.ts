/**
 * The newcomer's walk through evaluation on the demo (issue #6): as `admin`, the 2026 campaign (its intake
 * over) gets the seed's stage template, moves into review, its first stage opens and the experts are
 * assigned automatically; `reviewer` then finds its sheets on 我的评审. All through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, login, makeTestEnv, type TestEnv } from '../../test/helpers';
import { DEMO_PASSWORD, seedDemo } from './seed';

let env: TestEnv;

beforeAll(async () => {
  env = await makeTestEnv();
  await seedDemo(env.db, env.clock.now);
}, 120_000);
afterAll(() => env.close());

const SEED = 20260607;

describe('trying evaluation on the demo', () => {
  it('lets admin take 2026 into review and assign experts, and reviewer score the assigned applications', async () => {
    const admin = client(env.app, await login(env.app, 'admin', DEMO_PASSWORD));
    const campaigns = (await admin.get('/api/campaigns?pageSize=10')).json();
    const c2026 = campaigns.items.find((c: { year: number }) => c.year === 2026);
    expect([c2026.status, c2026.name]).toEqual(['open', '2026年度“双示范”创建']);

    const template = await admin.post(`/api/campaigns/${c2026.id}/stages/template`, { template: 'seed' });
    expect(template.statusCode).toBe(201);
    const stages = template.json().items;
    expect(stages.map((s: { nameZh: string; status: string }) => `${s.nameZh} ${s.status}`)).toEqual([
      '实地考察 draft',
      '集体评审 draft',
      '互比互评 draft',
      '现场考核 draft',
      '现场讲述 draft',
    ]);

    const moved = await admin.post(`/api/campaigns/${c2026.id}/transition`, {
      to: 'reviewing',
      version: c2026.version,
    });
    expect([moved.statusCode, moved.json().status]).toEqual([200, 'reviewing']);
    const inReview = (await admin.get(`/api/applications?campaignId=${c2026.id}&status=in_review`)).json();
    expect(inReview.total).toBe(17);

    const first = stages[0];
    const opened = await admin.post(`/api/stages/${first.id}/open`, { version: first.version });
    expect([opened.statusCode, opened.json().status, opened.json().entrants]).toEqual([200, 'open', 17]);

    // The panel: 陈思远 (the `reviewer` account) by hand, seven more drawn at random from the available pool.
    const pool = (await admin.get('/api/reviewers?pageSize=50&available=true')).json();
    expect(pool.total).toBe(12);
    const demoReviewer = pool.items.find((r: { username: string }) => r.username === 'reviewer');
    const added = await admin.post(`/api/stages/${first.id}/panel`, { reviewerId: demoReviewer.id });
    expect(added.statusCode).toBe(200);
    const draw = { count: 7, seed: SEED };
    const drawn = (await admin.post(`/api/stages/${first.id}/panel/draw`, { ...draw, preview: true })).json();
    const panel = await admin.post(`/api/stages/${first.id}/panel/draw`, { ...draw, preview: false });
    expect([panel.statusCode, panel.json().candidates, panel.json().resultDigest]).toEqual([
      200,
      11,
      drawn.resultDigest,
    ]);
    expect((await admin.get(`/api/stages/${first.id}/panel`)).json().total).toBe(8);

    const body = { perApplication: 3, seed: SEED };
    const preview = (
      await admin.post(`/api/stages/${first.id}/assignments/auto`, { ...body, preview: true })
    ).json();
    const commit = await admin.post(`/api/stages/${first.id}/assignments/auto`, { ...body, preview: false });
    expect([commit.statusCode, commit.statusCode === 200 ? null : commit.json()]).toEqual([200, null]);
    const done = commit.json();
    expect([done.assignments.length, done.shortfalls, done.resultDigest]).toEqual([
      51,
      [],
      preview.resultDigest,
    ]);
    // Eight experts on the panel: 51 sheets, 6 or 7 each.
    const loads = done.loads.map((l: { load: number }) => l.load);
    expect([loads.length, Math.min(...loads), Math.max(...loads)]).toEqual([8, 6, 7]);
    const listed = (await admin.get(`/api/stages/${first.id}/assignments`)).json();
    expect(listed.total).toBe(51);

    const reviewer = client(env.app, await login(env.app, 'reviewer', DEMO_PASSWORD));
    type Mine = {
      id: string;
      stageId: string;
      stageNameZh: string;
      reviewStatus: string;
      conflicted: boolean;
    };
    const all: Mine[] = (await reviewer.get('/api/me/assignments')).json().items;
    const expected = done.assignments.filter((a: { reviewerName: string }) => a.reviewerName === '陈思远');
    // Besides the 2026 sheets, the closed years' 实地考察 sheets it scored and locked then.
    const mine = { items: all.filter((a) => a.stageId === first.id) };
    expect([mine.items.length, expected.length >= 6]).toEqual([expected.length, true]);
    expect(new Set(all.filter((a) => a.stageId !== first.id).map((a) => a.reviewStatus))).toEqual(
      new Set(['locked']),
    );
    expect(mine.items.map((a) => [a.stageNameZh, a.reviewStatus, a.conflicted])).toEqual(
      expected.map(() => ['实地考察', 'pending', false]),
    );
    const sheet = await reviewer.get(`/api/reviews/${mine.items[0]!.id}`);
    expect([sheet.statusCode, sheet.json().canWrite]).toEqual([200, true]);
  });
});
