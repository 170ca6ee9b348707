import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents, campaigns, campaignUnitCaps } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { defaultStandard, seedOpenCampaign } from '../../../test/campaign-fixtures';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let cadmin: ReturnType<typeof client>;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  cadmin = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

const eventsOf = (objectId: string) =>
  env.db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId)).orderBy(auditEvents.id);
const detail = async (id: string) => (await cadmin.get(`/api/campaigns/${id}`)).json();
const iso = (ms: number) => new Date(ms).toISOString();

describe('PATCH /api/campaigns/:id on a draft', () => {
  it('changes anything; dropping a track drops its standard and quota; audited as a diff', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const res = await cadmin.patch(`/api/campaigns/${campaign.id}`, {
      version: 1,
      name: '2026年度示范点创建',
      tracks: [{ track: 'site', eligibleKinds: ['branch', 'general_branch'] }],
      timeline: { publicityEndsAt: '2027-03-20T00:00:00Z' },
    });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ name: '2026年度示范点创建', version: 2, status: 'draft' });
    expect(
      c.tracks.map((t: { track: string; eligibleKinds: string[] }) => [t.track, t.eligibleKinds]),
    ).toEqual([['site', ['branch', 'general_branch']]]);
    expect(c.standards.map((s: { orgKind: string; code: string }) => `${s.orgKind} ${s.code}`)).toEqual([
      'general_branch SITE-COMMITTEE',
      'branch SITE-BRANCH',
    ]);
    expect(c.quotas).toEqual([
      { track: 'site', orgKind: 'general_branch', quota: 3 },
      { track: 'site', orgKind: 'branch', quota: 30 },
    ]);
    expect(c.timeline.publicityEndsAt).toBe('2027-03-20T00:00:00.000Z');
    const [event] = await eventsOf(campaign.id);
    expect(event).toMatchObject({
      action: 'campaigns.update',
      changes: {
        name: { before: '2026年度“双示范”创建', after: '2026年度示范点创建' },
        publicityEndsAt: {
          before: iso(env.clock.now.getTime() + 102 * DAY),
          after: '2027-03-20T00:00:00.000Z',
        },
        tracks: {
          before: ['site party_committee general_branch branch', 'venue'],
          after: ['site branch general_branch'],
        },
        quotas: {
          before: ['site/party_committee 4', 'site/general_branch 3', 'site/branch 30', 'venue/* 32'],
          after: ['site/general_branch 3', 'site/branch 30'],
        },
      },
    });
    expect(Object.keys(event!.changes!).sort()).toEqual([
      'name',
      'publicityEndsAt',
      'quotas',
      'standards',
      'tracks',
    ]);
  });

  it('refuses a stale version with 409 and the current version', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    expect((await cadmin.patch(`/api/campaigns/${campaign.id}`, { version: 1, name: 'A' })).statusCode).toBe(
      200,
    );
    const stale = await cadmin.patch(`/api/campaigns/${campaign.id}`, { version: 1, name: 'B' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    expect((await detail(campaign.id)).name).toBe('A');
  });

  it('answers 404 for an unknown campaign and 400 for a field it does not know', async () => {
    const missing = await cadmin.patch('/api/campaigns/00000000-0000-4000-8000-000000000000', { version: 1 });
    expect(missing.statusCode).toBe(404);
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const bad = await cadmin.patch(`/api/campaigns/${campaign.id}`, { version: 1, status: 'open' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ code: 'unknown_field' });
  });
});

describe('PATCH /api/campaigns/:id once opened', () => {
  it('changes quotas, caps and the dates still ahead', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now);
    const c0 = await detail(campaign.id);
    const closes = iso(env.clock.now.getTime() + 20 * DAY);
    const res = await cadmin.patch(`/api/campaigns/${campaign.id}`, {
      version: 1,
      name: c0.name,
      tracks: c0.tracks.map((t: { track: string; eligibleKinds: string[] }) => ({
        track: t.track,
        eligibleKinds: t.eligibleKinds,
      })),
      standards: c0.standards.map(
        (s: { track: string; orgKind: string | null; standardVersionId: string }) => ({
          track: s.track,
          orgKind: s.orgKind,
          standardVersionId: s.standardVersionId,
        }),
      ),
      quotas: [
        { track: 'site', orgKind: 'party_committee', quota: 5 },
        { track: 'venue', orgKind: null, quota: 30 },
      ],
      unitCaps: [{ track: 'site', unitId: tree.unitB.id, cap: 4 }],
      timeline: { ...c0.timeline, applicationClosesAt: closes },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'open',
      version: 2,
      quotas: [
        { track: 'site', orgKind: 'party_committee', quota: 5 },
        { track: 'venue', orgKind: null, quota: 30 },
      ],
      unitCaps: [{ track: 'site', unitId: tree.unitB.id, unitName: '市总工会机关党委', cap: 4 }],
      timeline: { applicationClosesAt: closes },
    });
    const [event] = await eventsOf(campaign.id);
    expect(Object.keys(event!.changes!).sort()).toEqual(['applicationClosesAt', 'quotas', 'unitCaps']);
  });

  it('refuses the name, the tracks, the standards and passed dates with 409 naming each', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now);
    const { versionId } = await defaultStandard(env.db, 'SITE-COMMITTEE');
    const res = await cadmin.patch(`/api/campaigns/${campaign.id}`, {
      version: 1,
      name: '改名',
      tracks: [{ track: 'site', eligibleKinds: ['branch'] }],
      standards: [{ track: 'site', orgKind: 'branch', standardVersionId: versionId }],
      quotas: [{ track: 'site', orgKind: 'branch', quota: 1 }],
      timeline: {
        applicationOpensAt: iso(env.clock.now.getTime() - 10 * DAY),
        reviewStartsAt: iso(env.clock.now.getTime() - DAY),
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CAMPAIGN_LOCKED');
    expect(res.json().error.details).toEqual([
      { field: 'name', code: 'fixed_after_opening', message: '活动开启申报后，该项不能再修改' },
      { field: 'tracks', code: 'fixed_after_opening', message: '活动开启申报后，该项不能再修改' },
      { field: 'standards', code: 'fixed_after_opening', message: '活动开启申报后，该项不能再修改' },
      { field: 'timeline.applicationOpensAt', code: 'date_passed', message: '该时间点已过，不能再修改' },
      { field: 'timeline.reviewStartsAt', code: 'date_in_past', message: '不能改为已过去的时间' },
    ]);
    const after = await detail(campaign.id);
    expect(after.version).toBe(1);
    expect(after.quotas).toHaveLength(4);
    expect(await eventsOf(campaign.id)).toEqual([]);
  });

  it('checks the moved dates still run forward and quotas fit the tracks', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now);
    const res = await cadmin.patch(`/api/campaigns/${campaign.id}`, {
      version: 1,
      quotas: [{ track: 'venue', orgKind: 'branch', quota: 2 }],
      timeline: { applicationClosesAt: iso(env.clock.now.getTime() + 30 * DAY) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      {
        field: 'quotas.0.orgKind',
        code: 'not_eligible',
        message: '该党组织类型不在本类别的申报范围内',
      },
      {
        field: 'timeline.recommendationDeadline',
        code: 'out_of_order',
        message: '推荐截止时间不能早于申报截止时间',
      },
    ]);
  });

  it('refuses every change once closed', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now);
    await env.db.update(campaigns).set({ status: 'closed' }).where(eq(campaigns.id, campaign.id));
    const res = await cadmin.patch(`/api/campaigns/${campaign.id}`, {
      version: 1,
      quotas: [{ track: 'site', orgKind: 'branch', quota: 1 }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual([
      { field: 'quotas', code: 'closed', message: '活动已结束，不能再修改' },
    ]);
  });
});

describe('POST /api/campaigns/:id/copy', () => {
  it("clones last year's settings into a draft on each standard's latest version, a year later", async () => {
    const { campaign } = await seedOpenCampaign(env.db, new Date('2025-11-29T08:00:00Z'));
    await env.db.insert(campaignUnitCaps).values([
      { campaignId: campaign.id, trackCode: 'site', unitId: tree.unitA.id, cap: 5 },
      { campaignId: campaign.id, trackCode: 'venue', unitId: tree.unitB.id, cap: 2 },
    ]);
    const branch = (await cadmin.get('/api/standards?orgKind=branch')).json().items[0];
    const edited = await cadmin.put(`/api/standards/${branch.id}`, {
      latestVersion: 1,
      orgKinds: ['branch'],
      nameZh: branch.nameZh,
      nameEn: branch.nameEn,
      criteria: [1, 2, 3, 4].map((i) => ({ titleZh: `指标${i}`, titleEn: `Item ${i}`, maxPoints: 25 })),
    });
    expect(edited.statusCode).toBe(200);
    const venue = (await cadmin.get('/api/standards?track=venue')).json().items[0];
    expect((await cadmin.post(`/api/standards/${venue.id}/deactivate`)).statusCode).toBe(200);

    const res = await cadmin.post(`/api/campaigns/${campaign.id}/copy`, {
      year: 2026,
      name: '2026年度“双示范”创建',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    const src = await detail(campaign.id);
    expect(c).toMatchObject({
      year: 2026,
      name: '2026年度“双示范”创建',
      status: 'draft',
      version: 1,
      openedAt: null,
      copiedFromId: campaign.id,
      tracks: src.tracks,
      quotas: src.quotas,
      unitCaps: [
        { track: 'site', unitId: tree.unitA.id, unitName: '市水务局机关党委', cap: 5 },
        { track: 'venue', unitId: tree.unitB.id, unitName: '市总工会机关党委', cap: 2 },
      ],
      timeline: {
        applicationOpensAt: '2026-10-30T08:00:00.000Z',
        applicationClosesAt: '2026-12-15T08:00:00.000Z',
        publicityEndsAt: '2027-03-11T08:00:00.000Z',
      },
    });
    expect(c.id).not.toBe(campaign.id);
    expect(
      c.standards.map(
        (s: { orgKind: string | null; code: string; version: number }) =>
          `${s.orgKind} ${s.code} v${s.version}`,
      ),
    ).toEqual([
      'party_committee SITE-COMMITTEE v1',
      'general_branch SITE-COMMITTEE v1',
      'branch SITE-BRANCH v2',
    ]);
    expect(c.missingStandards).toEqual([{ track: 'venue', orgKind: null }]);
    expect((await detail(campaign.id)).standards[2]).toMatchObject({ code: 'SITE-BRANCH', version: 1 });
    const [event] = await eventsOf(c.id);
    expect(event).toMatchObject({ action: 'campaigns.copy', detail: `copied from ${campaign.id}` });
  });

  it('answers 404 for an unknown campaign and 400 for a bad year', async () => {
    const missing = await cadmin.post('/api/campaigns/00000000-0000-4000-8000-000000000000/copy', {
      year: 2027,
      name: 'x',
    });
    expect(missing.statusCode).toBe(404);
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now);
    const bad = await cadmin.post(`/api/campaigns/${campaign.id}/copy`, { year: 1999, name: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['year']);
    expect(
      (await env.db.select({ n: count() }).from(campaigns).where(eq(campaigns.copiedFromId, campaign.id)))[0]!
        .n,
    ).toBe(0);
  });
});
