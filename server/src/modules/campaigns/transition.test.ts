import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, campaigns, campaignStandards } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';

let env: TestEnv;
let cadmin: ReturnType<typeof client>;
let uadmin: ReturnType<typeof client>;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  cadmin = client(env.app, await login(env.app, 'cadmin'));
  uadmin = client(env.app, await login(env.app, 'uadmin'));
});
afterAll(() => env.close());

const transitionsOf = async (id: string) =>
  (
    await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, 'campaigns.transition')))
      .orderBy(auditEvents.id)
  ).map((e) => e.changes);
const statusOf = async (id: string) =>
  (await env.db.select().from(campaigns).where(eq(campaigns.id, id)))[0]!.status;
const move = (id: string, to: string, version: number) =>
  cadmin.post(`/api/campaigns/${id}/transition`, { to, version });
const refusal = (res: Awaited<ReturnType<typeof move>>) => {
  expect(res.statusCode).toBe(409);
  expect(res.json().error.code).toBe('TRANSITION_REFUSED');
  return res.json().error.details;
};

describe('POST /api/campaigns/:id/transition', () => {
  it('walks draft → open → reviewing → deciding → publicity → closed, one audit event each', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const opened = await move(campaign.id, 'open', 1);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      status: 'open',
      nextStatus: 'reviewing',
      openedAt: '2026-11-29T08:00:00.000Z',
      version: 2,
    });

    const early = await move(campaign.id, 'reviewing', 2);
    expect(refusal(early)).toEqual([
      {
        field: 'to',
        code: 'too_early',
        message: '直属党组织推荐截止时间未到，不能进入评审',
      },
    ]);
    expect(await statusOf(campaign.id)).toBe('open');

    env.clock.advance(27 * DAY); // past the recommendation deadline (26 days ahead)
    cadmin = client(env.app, await login(env.app, 'cadmin')); // the old session has expired
    try {
      let version = 2;
      for (const to of ['reviewing', 'deciding', 'publicity', 'closed']) {
        const res = await move(campaign.id, to, version);
        expect(res.statusCode).toBe(200);
        expect(res.json().status).toBe(to);
        version = res.json().version;
      }
      expect(version).toBe(6);
      const closed = await move(campaign.id, 'open', 6);
      expect(refusal(closed)).toEqual([
        { field: 'to', code: 'closed', message: '活动已结束，不能再变更状态' },
      ]);
    } finally {
      env.clock.advance(-27 * DAY);
      cadmin = client(env.app, await login(env.app, 'cadmin'));
    }
    expect(await transitionsOf(campaign.id)).toEqual([
      {
        status: { before: 'draft', after: 'open' },
        openedAt: { before: null, after: '2026-11-29T08:00:00.000Z' },
      },
      { status: { before: 'open', after: 'reviewing' } },
      { status: { before: 'reviewing', after: 'deciding' } },
      { status: { before: 'deciding', after: 'publicity' } },
      { status: { before: 'publicity', after: 'closed' } },
    ]);
  });

  it('refuses skipping a step or going back, writing nothing', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const expected = [
      {
        field: 'to',
        code: 'not_next',
        message: '活动只能按 草稿→申报中→评审中→决定中→公示中→已结束 的顺序逐步推进',
      },
    ];
    for (const to of ['draft', 'reviewing', 'deciding', 'publicity', 'closed'])
      expect(refusal(await move(campaign.id, to, 1))).toEqual(expected);
    const { campaign: open } = await seedOpenCampaign(env.db, env.clock.now);
    for (const to of ['draft', 'open', 'deciding', 'closed'])
      expect(refusal(await move(open.id, to, 1))).toEqual(expected);
    expect(await statusOf(campaign.id)).toBe('draft');
    expect(await statusOf(open.id)).toBe('open');
    expect(await transitionsOf(campaign.id)).toEqual([]);
    expect(await transitionsOf(open.id)).toEqual([]);
  });

  it('opens only with a standard for every eligible track × kind', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    await env.db
      .delete(campaignStandards)
      .where(and(eq(campaignStandards.campaignId, campaign.id), eq(campaignStandards.orgKind, 'branch')));
    expect(refusal(await move(campaign.id, 'open', 1))).toEqual([
      {
        field: 'to',
        code: 'missing_standards',
        message: '有类别和党组织类型尚未指定创建标准，不能开启申报',
      },
      { field: 'standards', code: 'missing_standard', message: '缺少创建标准：site / branch' },
    ]);
    expect(await statusOf(campaign.id)).toBe('draft');
  });

  it('opens only with a forward timeline', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    await env.db
      .update(campaigns)
      .set({ reviewEndsAt: new Date(env.clock.now.getTime() + 30 * DAY) })
      .where(eq(campaigns.id, campaign.id));
    const res = await cadmin.post(
      `/api/campaigns/${campaign.id}/transition`,
      { to: 'open', version: 1 },
      { 'accept-language': 'en' },
    );
    expect(refusal(res)).toEqual([
      { field: 'to', code: 'bad_timeline', message: 'The timeline runs backwards; the campaign cannot open' },
      {
        field: 'timeline.reviewEndsAt',
        code: 'out_of_order',
        message: 'Review ends cannot come before Review starts',
      },
    ]);
  });

  it('refuses a stale version, an unknown status and an unknown campaign', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const stale = await move(campaign.id, 'open', 7);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    const bad = await move(campaign.id, 'archived', 1);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'to', code: 'invalid_value' });
    expect((await move('00000000-0000-4000-8000-000000000000', 'open', 1)).statusCode).toBe(404);
    expect(await statusOf(campaign.id)).toBe('draft');
  });

  it('is for committee admins only', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const res = await uadmin.post(`/api/campaigns/${campaign.id}/transition`, { to: 'open', version: 1 });
    expect(res.statusCode).toBe(403);
    expect(await statusOf(campaign.id)).toBe('draft');
  });
});
