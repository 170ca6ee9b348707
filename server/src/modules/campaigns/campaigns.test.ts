import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents, campaigns, standards } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { defaultStandard, seedOpenCampaign } from '../../../test/campaign-fixtures';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
const as: Record<string, ReturnType<typeof client>> = {};
let std: Record<'committee' | 'branch' | 'venue', { id: string; versionId: string }>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin', 'appl']) as[u] = client(env.app, await login(env.app, u));
  const lineage = async (code: 'SITE-COMMITTEE' | 'SITE-BRANCH' | 'VENUE') => ({
    id: (await env.db.select().from(standards).where(eq(standards.code, code)))[0]!.id,
    versionId: (await defaultStandard(env.db, code)).versionId,
  });
  std = {
    committee: await lineage('SITE-COMMITTEE'),
    branch: await lineage('SITE-BRANCH'),
    venue: await lineage('VENUE'),
  };
});
afterAll(() => env.close());

const eventsOf = (objectId: string) =>
  env.db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId)).orderBy(auditEvents.id);
const campaignCount = async () => (await env.db.select({ n: count() }).from(campaigns))[0]!.n;

const timeline = {
  applicationOpensAt: '2026-12-01T00:00:00+08:00',
  applicationClosesAt: '2027-01-15T17:00:00+08:00',
  recommendationDeadline: '2027-01-25T17:00:00+08:00',
  reviewStartsAt: '2027-02-01T09:00:00+08:00',
  reviewEndsAt: '2027-03-31T17:00:00+08:00',
  publicityStartsAt: '2027-04-06T09:00:00+08:00',
  publicityEndsAt: '2027-04-12T17:00:00+08:00',
};

const createBody = (over: Record<string, unknown> = {}) => ({
  year: 2027,
  name: '2027年度“双示范”创建',
  tracks: [
    { track: 'site', eligibleKinds: ['party_committee', 'general_branch', 'branch'] },
    { track: 'venue' },
  ],
  quotas: [
    { track: 'site', orgKind: 'party_committee', quota: 4 },
    { track: 'site', orgKind: 'branch', quota: 30 },
    { track: 'venue', quota: 32 },
  ],
  unitCaps: [{ track: 'site', unitId: tree.unitA.id, cap: 3 }],
  timeline,
  ...over,
});

const slot = (track: string, orgKind: string | null, s: { id: string; versionId: string }, code: string) => ({
  track,
  orgKind,
  standardId: s.id,
  standardVersionId: s.versionId,
  code,
  version: 1,
  nameZh: expect.any(String),
  nameEn: expect.any(String),
});

describe('POST /api/campaigns', () => {
  it('creates a draft on the latest active standards, with quotas, caps and the timeline', async () => {
    const res = await as.cadmin!.post('/api/campaigns', createBody());
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toEqual({
      id: c.id,
      year: 2027,
      name: '2027年度“双示范”创建',
      status: 'draft',
      nextStatus: 'open',
      timeline: {
        applicationOpensAt: '2026-11-30T16:00:00.000Z',
        applicationClosesAt: '2027-01-15T09:00:00.000Z',
        recommendationDeadline: '2027-01-25T09:00:00.000Z',
        reviewStartsAt: '2027-02-01T01:00:00.000Z',
        reviewEndsAt: '2027-03-31T09:00:00.000Z',
        publicityStartsAt: '2027-04-06T01:00:00.000Z',
        publicityEndsAt: '2027-04-12T09:00:00.000Z',
      },
      openedAt: null,
      copiedFromId: null,
      version: 1,
      updatedAt: '2026-11-29T08:00:00.000Z',
      tracks: [
        {
          track: 'site',
          nameZh: '基层党建工作示范点',
          nameEn: 'Demonstration site of grassroots Party building',
          subject: 'organization',
          eligibleKinds: ['party_committee', 'general_branch', 'branch'],
        },
        {
          track: 'venue',
          nameZh: '党员教育活动示范阵地',
          nameEn: 'Demonstration venue for Party-member education',
          subject: 'venue',
          eligibleKinds: [],
        },
      ],
      standards: [
        slot('site', 'party_committee', std.committee, 'SITE-COMMITTEE'),
        slot('site', 'general_branch', std.committee, 'SITE-COMMITTEE'),
        slot('site', 'branch', std.branch, 'SITE-BRANCH'),
        slot('venue', null, std.venue, 'VENUE'),
      ],
      missingStandards: [],
      quotas: [
        { track: 'site', orgKind: 'party_committee', quota: 4 },
        { track: 'site', orgKind: 'branch', quota: 30 },
        { track: 'venue', orgKind: null, quota: 32 },
      ],
      unitCaps: [{ track: 'site', unitId: tree.unitA.id, unitName: '市水务局机关党委', cap: 3 }],
    });
    expect(c.standards[2].nameZh).toBe('党支部示范点创建标准');
    const events = await eventsOf(c.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'campaigns.create',
      objectType: 'campaign',
      changes: {
        year: { before: null, after: 2027 },
        applicationClosesAt: { before: null, after: '2027-01-15T09:00:00.000Z' },
        tracks: { before: null, after: ['site party_committee general_branch branch', 'venue'] },
        standards: {
          before: null,
          after: [
            'site/party_committee SITE-COMMITTEE v1',
            'site/general_branch SITE-COMMITTEE v1',
            'site/branch SITE-BRANCH v1',
            'venue/* VENUE v1',
          ],
        },
        quotas: { before: null, after: ['site/party_committee 4', 'site/branch 30', 'venue/* 32'] },
        unitCaps: { before: null, after: [`site/${tree.unitA.id} 3`] },
      },
    });
  });

  it('takes an explicit standard version for a slot, and leaves a slot with no standard missing', async () => {
    const res = await as.cadmin!.post(
      '/api/campaigns',
      createBody({
        tracks: [
          { track: 'site', eligibleKinds: ['branch'] },
          { track: 'venue', eligibleKinds: [] },
        ],
        standards: [{ track: 'site', orgKind: 'branch', standardVersionId: std.committee.versionId }],
        quotas: [],
        unitCaps: [],
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().standards).toEqual([
      slot('site', 'branch', std.committee, 'SITE-COMMITTEE'),
      slot('venue', null, std.venue, 'VENUE'),
    ]);
    const open = await as.cadmin!.post(
      '/api/campaigns',
      createBody({ tracks: [{ track: 'site' }], quotas: [], unitCaps: [] }),
    );
    expect(open.json().standards).toEqual([]);
    expect(open.json().missingStandards).toEqual([{ track: 'site', orgKind: null }]);
  });

  it('names each date that runs backwards, writing nothing', async () => {
    const before = await campaignCount();
    const res = await as.cadmin!.post(
      '/api/campaigns',
      createBody({
        timeline: {
          ...timeline,
          applicationClosesAt: timeline.applicationOpensAt,
          reviewStartsAt: '2027-01-20T09:00:00+08:00',
        },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      {
        field: 'timeline.reviewStartsAt',
        code: 'out_of_order',
        message: '评审开始时间不能早于推荐截止时间',
      },
      {
        field: 'timeline.applicationClosesAt',
        code: 'out_of_order',
        message: '申报截止时间须晚于申报开始时间',
      },
    ]);
    expect(await campaignCount()).toBe(before);
  });

  it('refuses an unknown track, a negative quota and a date without a time zone', async () => {
    const res = await as.cadmin!.post(
      '/api/campaigns',
      createBody({
        tracks: [{ track: 'museum' }],
        quotas: [{ track: 'site', orgKind: 'branch', quota: -1 }],
        timeline: { ...timeline, publicityEndsAt: '2027-04-12 17:00' },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['quotas.0.quota', 'too_small'],
      ['timeline.publicityEndsAt', 'invalid_format'],
    ]);
    const unknown = await as.cadmin!.post('/api/campaigns', createBody({ tracks: [{ track: 'museum' }] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([
      { field: 'tracks.0.track', code: 'unknown_track', message: '类别不存在' },
      { field: 'quotas.0.track', code: 'not_in_campaign', message: '本活动没有该类别' },
      { field: 'quotas.1.track', code: 'not_in_campaign', message: '本活动没有该类别' },
      { field: 'quotas.2.track', code: 'not_in_campaign', message: '本活动没有该类别' },
      { field: 'unitCaps.0.track', code: 'not_in_campaign', message: '本活动没有该类别' },
    ]);
  });

  it('refuses settings that do not fit the tracks, naming each', async () => {
    const before = await campaignCount();
    const res = await as.cadmin!.post(
      '/api/campaigns',
      createBody({
        tracks: [
          { track: 'site', eligibleKinds: ['branch', 'branch'] },
          { track: 'site', eligibleKinds: [] },
        ],
        standards: [
          { track: 'site', orgKind: 'party_committee', standardVersionId: std.committee.versionId },
          { track: 'site', orgKind: 'branch', standardVersionId: std.venue.versionId },
          { track: 'venue', orgKind: null, standardVersionId: std.venue.versionId },
        ],
        quotas: [
          { track: 'site', orgKind: 'branch', quota: 30 },
          { track: 'site', orgKind: 'branch', quota: 20 },
          { track: 'site', orgKind: 'general_branch', quota: 2 },
        ],
        unitCaps: [{ track: 'site', unitId: tree.a1.id, cap: 2 }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['tracks.0.eligibleKinds', 'duplicate'],
      ['tracks.1.track', 'duplicate'],
      ['standards.0.orgKind', 'not_eligible'],
      ['standards.1.standardVersionId', 'wrong_track'],
      ['standards.2.track', 'not_in_campaign'],
      ['quotas.1', 'duplicate'],
      ['quotas.2.orgKind', 'not_eligible'],
      ['unitCaps.0.unitId', 'not_a_unit'],
    ]);
    expect(await campaignCount()).toBe(before);
  });
});

describe('GET /api/campaigns, /:id and /current', () => {
  it('lists newest year first and filters by year and status; other roles never see drafts', async () => {
    await seedOpenCampaign(env.db, env.clock.now);
    await seedOpenCampaign(env.db, new Date('2025-11-29T08:00:00Z'));
    const committee = (await as.cadmin!.get('/api/campaigns')).json();
    expect(committee.items.map((c: { year: number; status: string }) => `${c.year} ${c.status}`)).toEqual([
      '2027 draft',
      '2027 draft',
      '2027 draft',
      '2026 open',
      '2025 open',
    ]);
    expect(committee.total).toBe(5);
    expect(committee.items[3]).toMatchObject({ tracks: ['site', 'venue'], version: 1 });
    const unit = (await as.uadmin!.get('/api/campaigns')).json();
    expect(unit.items.map((c: { year: number }) => c.year)).toEqual([2026, 2025]);
    expect((await as.appl!.get('/api/campaigns?status=draft')).json()).toEqual({ items: [], total: 0 });
    expect((await as.cadmin!.get('/api/campaigns?year=2025')).json().total).toBe(1);
    expect((await as.cadmin!.get('/api/campaigns?sort=year')).json().items[0].year).toBe(2025);
    expect((await as.cadmin!.get('/api/campaigns?sort=budget')).statusCode).toBe(400);

    const draftId = committee.items[0].id;
    expect((await as.cadmin!.get(`/api/campaigns/${draftId}`)).statusCode).toBe(200);
    expect((await as.uadmin!.get(`/api/campaigns/${draftId}`)).statusCode).toBe(404);
    expect((await as.appl!.get(`/api/campaigns/${draftId}`)).statusCode).toBe(404);
  });

  it("answers this year's open campaigns with their deadlines and standards", async () => {
    const res = await as.appl!.get('/api/campaigns/current');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      year: 2026,
      status: 'open',
      timeline: {
        applicationClosesAt: '2026-12-15T08:00:00.000Z',
        recommendationDeadline: '2026-12-25T08:00:00.000Z',
      },
    });
    expect(items[0].standards.map((s: { code: string }) => s.code)).toEqual([
      'SITE-COMMITTEE',
      'SITE-COMMITTEE',
      'SITE-BRANCH',
      'VENUE',
    ]);
  });

  it('answers the current campaigns whatever their year: an open 2027 campaign, a 2025 one running into today', async () => {
    const now = env.clock.now;
    const next = await seedOpenCampaign(env.db, new Date(now.getTime() + 40 * 24 * 3600_000), { year: 2027 });
    const late = await seedOpenCampaign(env.db, new Date(now.getTime() - 20 * 24 * 3600_000), { year: 2025 });
    const res = await as.uadmin!.get('/api/campaigns/current');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    // the 2025 campaign of the first test (deadlines all past) is not current; the one closing first comes first
    expect(
      items.map((c: { id: string; year: number }) => [
        c.id === late.campaign.id || c.id === next.campaign.id,
        c.year,
      ]),
    ).toEqual([
      [true, 2025],
      [false, 2026],
      [true, 2027],
    ]);
    expect(total).toBe(3);
  });
});
