import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, campaigns, stages } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';

let env: TestEnv;
let cadmin: ReturnType<typeof client>;
const DAY = 24 * 3600_000;
// The fixtures' review period: 36 to 90 days after the test clock (2026-11-29T08:00Z).
const REVIEW_START = '2027-01-04T08:00:00.000Z';
const REVIEW_END = '2027-02-27T08:00:00.000Z';

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  cadmin = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

const at = (days: number) => new Date(env.clock.now.getTime() + days * DAY).toISOString();
const newCampaign = async () => (await seedOpenCampaign(env.db, env.clock.now)).campaign.id;
const stagesOf = (campaignId: string) =>
  env.db.select().from(stages).where(eq(stages.campaignId, campaignId)).orderBy(asc(stages.position));
const auditOf = (objectId: string) =>
  env.db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId)).orderBy(asc(auditEvents.id));
const details = (res: { json(): { error: { details: unknown } } }) => res.json().error.details;

const panel = {
  nameZh: '集体评审',
  nameEn: 'Panel review',
  method: 'criteria_scoring',
  opensAt: '2027-01-10T00:00:00.000Z',
  closesAt: '2027-01-20T00:00:00.000Z',
  weight: 0.6,
};

describe('stage CRUD', () => {
  it('creates a stage after the last one, with the defaults, and audits it', async () => {
    const id = await newCampaign();
    const res = await cadmin.post(`/api/campaigns/${id}/stages`, panel);
    expect(res.statusCode).toBe(201);
    const stage = res.json();
    expect(stage).toEqual({
      id: stage.id,
      campaignId: id,
      position: 1,
      nameZh: '集体评审',
      nameEn: 'Panel review',
      method: 'criteria_scoring',
      tracks: [],
      opensAt: '2027-01-10T00:00:00.000Z',
      closesAt: '2027-01-20T00:00:00.000Z',
      weight: 0.6,
      rubric: 'standard',
      entry: 'all_accepted',
      entryN: null,
      entryShare: null,
      minReviews: 3,
      aggregation: 'trimmed_mean',
      standardise: false,
      blind: false,
      seeOthers: 'never',
      showReviewerNames: false,
      spreadThreshold: 20,
      peerMode: 'rank',
      groupSize: null,
      excludeOwnUnit: true,
      spearmanThreshold: 0.3,
      vetoRule: 'majority',
      status: 'draft',
      openedAt: null,
      closedAt: null,
      entrants: 0,
      version: 1,
      updatedAt: '2026-11-29T08:00:00.000Z',
    });
    const peer = await cadmin.post(`/api/campaigns/${id}/stages`, {
      ...panel,
      nameZh: '互比互评',
      method: 'peer',
      tracks: ['site'],
      weight: 0.4,
      entry: 'top_share',
      entryShare: 0.5,
      groupSize: 6,
    });
    expect(peer.statusCode).toBe(201);
    expect(peer.json()).toMatchObject({ position: 2, rubric: 'overall', tracks: ['site'], entryShare: 0.5 });
    const list = await cadmin.get(`/api/campaigns/${id}/stages`);
    expect(list.json().items.map((s: { nameZh: string }) => s.nameZh)).toEqual(['集体评审', '互比互评']);
    expect(list.json().total).toBe(2);
    // One stage reads as the list shows it; an unknown id is 404.
    const one = await cadmin.get(`/api/stages/${stage.id}`);
    expect([one.statusCode, one.json()]).toEqual([200, stage]);
    expect((await cadmin.get(`/api/stages/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const [event] = await auditOf(stage.id);
    expect(event).toMatchObject({
      action: 'stages.create',
      objectType: 'stage',
      detail: `campaign ${id}, position 1`,
    });
    expect(event!.changes).toMatchObject({
      nameZh: { before: null, after: '集体评审' },
      weight: { before: null, after: 0.6 },
      opensAt: { before: null, after: '2027-01-10T00:00:00.000Z' },
    });
  });

  it('refuses bad settings with one field error each, in zh and en, writing nothing', async () => {
    const id = await newCampaign();
    const bad = {
      ...panel,
      method: 'gate',
      tracks: ['site', 'nope', 'site'],
      opensAt: at(30),
      closesAt: at(95),
      weight: 0.2,
      entry: 'top_n',
      groupSize: 5,
    };
    const zh = await cadmin.post(`/api/campaigns/${id}/stages`, bad);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.code).toBe('VALIDATION_FAILED');
    expect(details(zh)).toEqual([
      { field: 'tracks.1', code: 'unknown_track', message: '本活动没有类别 nope' },
      { field: 'tracks.2', code: 'duplicate', message: '类别 site 重复' },
      { field: 'opensAt', code: 'outside_review_period', message: '开始时间早于活动的评审开始时间' },
      { field: 'closesAt', code: 'outside_review_period', message: '结束时间晚于活动的评审结束时间' },
      { field: 'weight', code: 'gate_weight', message: '资格审查（一票否决）环节不计入总分，权重须为 0' },
      { field: 'entryN', code: 'required', message: '按前 N 名入围时须填写 N' },
      { field: 'groupSize', code: 'peer_only', message: '只有互比互评环节才设置分组人数' },
    ]);
    const en = await cadmin.post(
      `/api/campaigns/${id}/stages`,
      {
        ...panel,
        method: 'peer',
        rubric: 'standard',
        closesAt: panel.opensAt,
        entryShare: 0.2,
      },
      { 'accept-language': 'en' },
    );
    expect(details(en)).toEqual([
      { field: 'closesAt', code: 'window_order', message: 'The window must close after it opens' },
      { field: 'rubric', code: 'overall_only', message: 'A peer stage rates overall (0–100) only' },
      { field: 'entryShare', code: 'not_applicable', message: 'The share is only for the top share rule' },
    ]);
    const range = await cadmin.post(`/api/campaigns/${id}/stages`, { ...panel, weight: 1.5 });
    expect(range.statusCode).toBe(400);
    expect(details(range)).toMatchObject([{ field: 'weight' }]);
    expect(await stagesOf(id)).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it('edits a draft with its version; an opened stage only its name', async () => {
    const id = await newCampaign();
    const stage = (await cadmin.post(`/api/campaigns/${id}/stages`, panel)).json();
    const stale = await cadmin.patch(`/api/stages/${stage.id}`, { version: 2, weight: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    const ok = await cadmin.patch(`/api/stages/${stage.id}`, {
      version: 1,
      weight: 1,
      closesAt: '2027-01-25T00:00:00+08:00',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, weight: 1, closesAt: '2027-01-24T16:00:00.000Z' });
    const same = await cadmin.patch(`/api/stages/${stage.id}`, { version: 2, weight: 1 });
    expect(same.json().version).toBe(2);
    const badDraft = await cadmin.patch(`/api/stages/${stage.id}`, { version: 2, entry: 'top_n' });
    expect(details(badDraft)).toEqual([
      { field: 'entryN', code: 'required', message: '按前 N 名入围时须填写 N' },
    ]);

    await env.db.update(stages).set({ status: 'open' }).where(eq(stages.id, stage.id));
    const locked = await cadmin.patch(`/api/stages/${stage.id}`, {
      version: 2,
      nameZh: '集体评审（线上）',
      weight: 0.5,
      blind: true,
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('STAGE_LOCKED');
    expect(details(locked)).toEqual([
      { field: 'weight', code: 'not_draft', message: '评审环节已开启，只能修改名称' },
      { field: 'blind', code: 'not_draft', message: '评审环节已开启，只能修改名称' },
    ]);
    const renamed = await cadmin.patch(`/api/stages/${stage.id}`, { version: 2, nameZh: '集体评审（线上）' });
    expect(renamed.json()).toMatchObject({ version: 3, nameZh: '集体评审（线上）', weight: 1 });
    expect((await auditOf(stage.id)).map((e) => [e.action, e.changes])).toEqual([
      ['stages.create', expect.anything()],
      [
        'stages.update',
        {
          weight: { before: 0.6, after: 1 },
          closesAt: { before: '2027-01-20T00:00:00.000Z', after: '2027-01-24T16:00:00.000Z' },
        },
      ],
      ['stages.update', { nameZh: { before: '集体评审', after: '集体评审（线上）' } }],
    ]);
  });

  it('deletes a draft and closes the gap; an opened stage stays', async () => {
    const id = await newCampaign();
    const ids: string[] = [];
    for (const nameZh of ['甲', '乙', '丙'])
      ids.push((await cadmin.post(`/api/campaigns/${id}/stages`, { ...panel, nameZh })).json().id);
    const del = await cadmin.delete(`/api/stages/${ids[1]}`);
    expect(del.statusCode).toBe(204);
    expect((await stagesOf(id)).map((s) => [s.nameZh, s.position, s.version])).toEqual([
      ['甲', 1, 1],
      ['丙', 2, 2],
    ]);
    expect((await auditOf(ids[1]!)).map((e) => e.action)).toEqual(['stages.create', 'stages.delete']);
    await env.db.update(stages).set({ status: 'closed' }).where(eq(stages.id, ids[0]!));
    const refused = await cadmin.delete(`/api/stages/${ids[0]}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('STAGE_LOCKED');
    expect((await cadmin.delete(`/api/stages/${ids[1]}`)).statusCode).toBe(404);
    expect((await stagesOf(id)).length).toBe(2);
  });

  it('reorders with the full list; opened stages keep their places', async () => {
    const id = await newCampaign();
    const ids: string[] = [];
    for (const nameZh of ['甲', '乙', '丙'])
      ids.push((await cadmin.post(`/api/campaigns/${id}/stages`, { ...panel, nameZh })).json().id);
    const [a, b, c] = ids as [string, string, string];
    for (const bad of [
      [a, b],
      [a, b, b],
      [a, b, c, a],
      [a, b, '00000000-0000-4000-8000-000000000000'],
    ]) {
      const res = await cadmin.post(`/api/campaigns/${id}/stages/order`, { ids: bad });
      expect(res.statusCode).toBe(400);
      expect(details(res)).toEqual([
        { field: 'ids', code: 'not_the_stages', message: '须按新顺序列出本活动的全部评审环节，每个一次' },
      ]);
    }
    const res = await cadmin.post(`/api/campaigns/${id}/stages/order`, { ids: [c, a, b] });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((s: { nameZh: string; position: number; version: number }) => [
          s.nameZh,
          s.position,
          s.version,
        ]),
    ).toEqual([
      ['丙', 1, 2],
      ['甲', 2, 2],
      ['乙', 3, 2],
    ]);
    const [event] = (await auditOf(id)).filter((e) => e.action === 'stages.reorder');
    expect(event!.changes).toEqual({
      order: { before: ['1. 甲', '2. 乙', '3. 丙'], after: ['1. 丙', '2. 甲', '3. 乙'] },
    });
    await env.db.update(stages).set({ status: 'open' }).where(eq(stages.id, c));
    const stuck = await cadmin.post(`/api/campaigns/${id}/stages/order`, { ids: [a, c, b] });
    expect(stuck.statusCode).toBe(409);
    expect(details(stuck)).toEqual([
      { field: 'ids.1', code: 'not_draft', message: '评审环节已开启过，不能删除或调整顺序' },
    ]);
    const fine = await cadmin.post(`/api/campaigns/${id}/stages/order`, { ids: [c, b, a] });
    expect(fine.json().items.map((s: { nameZh: string }) => s.nameZh)).toEqual(['丙', '乙', '甲']);
  });

  it('applies the seed template in one click, then puts a gate in front', async () => {
    const id = await newCampaign();
    const seed = await cadmin.post(`/api/campaigns/${id}/stages/template`, { template: 'seed' });
    expect(seed.statusCode).toBe(201);
    const row = (s: Record<string, unknown>) => [
      s.position,
      s.nameZh,
      s.method,
      s.rubric,
      s.weight,
      s.entry,
      s.minReviews,
      s.opensAt,
      s.closesAt,
    ];
    expect(seed.json().items.map(row)).toEqual([
      [
        1,
        '实地考察',
        'criteria_scoring',
        'standard',
        0.3,
        'all_accepted',
        3,
        REVIEW_START,
        '2027-01-15T03:12:00.000Z',
      ],
      [
        2,
        '集体评审',
        'criteria_scoring',
        'standard',
        0.3,
        'passed_previous',
        5,
        '2027-01-15T03:12:00.000Z',
        '2027-01-25T22:24:00.000Z',
      ],
      [
        3,
        '互比互评',
        'peer',
        'overall',
        0.1,
        'passed_previous',
        2,
        '2027-01-25T22:24:00.000Z',
        '2027-02-05T17:36:00.000Z',
      ],
      [
        4,
        '现场考核',
        'criteria_scoring',
        'standard',
        0.2,
        'passed_previous',
        3,
        '2027-02-05T17:36:00.000Z',
        '2027-02-16T12:48:00.000Z',
      ],
      [
        5,
        '现场讲述',
        'presentation',
        'overall',
        0.1,
        'passed_previous',
        5,
        '2027-02-16T12:48:00.000Z',
        REVIEW_END,
      ],
    ]);
    const again = await cadmin.post(`/api/campaigns/${id}/stages/template`, { template: 'seed' });
    expect(again.statusCode).toBe(409);
    expect(details(again)).toEqual([
      {
        field: 'template',
        code: 'stages_exist',
        message: '本活动已有评审环节，不能再套用该模板（可在最前面加入资格审查）',
      },
    ]);
    const gate = await cadmin.post(`/api/campaigns/${id}/stages/template`, { template: 'gate' });
    expect(gate.statusCode).toBe(201);
    expect(gate.json().items.slice(0, 2).map(row)).toEqual([
      [1, '资格审查', 'gate', 'standard', 0, 'all_accepted', 3, REVIEW_START, '2027-01-15T03:12:00.000Z'],
      [
        2,
        '实地考察',
        'criteria_scoring',
        'standard',
        0.3,
        'passed_previous',
        3,
        REVIEW_START,
        '2027-01-15T03:12:00.000Z',
      ],
    ]);
    expect(
      gate.json().items.map((s: { position: number; version: number }) => [s.position, s.version]),
    ).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 2],
      [5, 2],
      [6, 2],
    ]);
    const twice = await cadmin.post(`/api/campaigns/${id}/stages/template`, { template: 'gate' });
    expect(details(twice)).toEqual([
      { field: 'template', code: 'gate_exists', message: '第一个评审环节已是资格审查' },
    ]);
    const events = (await auditOf(id)).filter((e) => e.action === 'stages.template');
    expect(events.map((e) => [e.detail, e.changes])).toEqual([
      [
        'template seed',
        {
          stages: {
            before: [],
            after: ['1. 实地考察', '2. 集体评审', '3. 互比互评', '4. 现场考核', '5. 现场讲述'],
          },
        },
      ],
      [
        'template gate',
        {
          stages: {
            before: ['1. 实地考察', '2. 集体评审', '3. 互比互评', '4. 现场考核', '5. 现场讲述'],
            after: ['1. 资格审查', '2. 实地考察', '3. 集体评审', '4. 互比互评', '5. 现场考核', '6. 现场讲述'],
          },
          'entry:实地考察': { before: 'all_accepted', after: 'passed_previous' },
        },
      ],
    ]);
  });

  it('a gate goes in front only before any stage opened', async () => {
    const id = await newCampaign();
    await cadmin.post(`/api/campaigns/${id}/stages/template`, { template: 'seed' });
    const [first] = await stagesOf(id);
    await env.db.update(stages).set({ status: 'open' }).where(eq(stages.id, first!.id));
    const res = await cadmin.post(`/api/campaigns/${id}/stages/template`, { template: 'gate' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STAGE_LOCKED');
    expect((await stagesOf(id)).length).toBe(5);
  });

  it('freezes the stages once the campaign has left review; 404 for what does not exist', async () => {
    const id = await newCampaign();
    const stage = (await cadmin.post(`/api/campaigns/${id}/stages`, panel)).json();
    await env.db.update(campaigns).set({ status: 'deciding' }).where(eq(campaigns.id, id));
    for (const res of [
      await cadmin.post(`/api/campaigns/${id}/stages`, panel),
      await cadmin.patch(`/api/stages/${stage.id}`, { version: 1, nameZh: '改' }),
      await cadmin.delete(`/api/stages/${stage.id}`),
      await cadmin.post(`/api/campaigns/${id}/stages/order`, { ids: [stage.id] }),
      await cadmin.post(`/api/campaigns/${id}/stages/template`, { template: 'gate' }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(details(res)).toEqual([
        { field: 'campaign', code: 'evaluation_over', message: '活动评审已结束，评审环节不能再修改' },
      ]);
    }
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await cadmin.get(`/api/campaigns/${none}/stages`)).statusCode).toBe(404);
    expect((await cadmin.post(`/api/campaigns/${none}/stages`, panel)).statusCode).toBe(404);
    expect((await cadmin.patch(`/api/stages/${none}`, { version: 1 })).statusCode).toBe(404);
    expect(
      await env.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectId, stage.id), eq(auditEvents.action, 'stages.update'))),
    ).toEqual([]);
  });
});
