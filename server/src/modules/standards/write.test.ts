import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents, standards, standardVersions } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { defaultStandard, seedOpenCampaign } from '../../../test/campaign-fixtures';

let env: TestEnv;
let users: Awaited<ReturnType<typeof seedUsers>>;
const as: Record<string, ReturnType<typeof client>> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin', 'appl']) as[u] = client(env.app, await login(env.app, u));
});
afterAll(() => env.close());

const eventsOf = (objectId: string) =>
  env.db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId)).orderBy(auditEvents.id);
const versionCount = async (standardId: string) =>
  (
    await env.db
      .select({ n: count() })
      .from(standardVersions)
      .where(eq(standardVersions.standardId, standardId))
  )[0]!.n;

const item = (titleZh: string, maxPoints: number, extra: Record<string, unknown> = {}) => ({
  titleZh,
  titleEn: `${titleZh} (en)`,
  maxPoints,
  methods: ['实地查看'],
  ...extra,
});

const body = (code: string) => ({
  code,
  track: 'site',
  orgKinds: ['branch'],
  nameZh: '机关党支部示范点标准（试行）',
  nameEn: 'Trial site standard for branches',
  criteria: [
    item('班子好', 40, { description: '支部班子配备齐全', evidence: '分工文件', evidenceRequired: true }),
    item('队伍好', 30, { methods: ['民主测评', '问卷调查'] }),
    item('业绩好', 30),
    item('特色亮点', 5, { bonus: true }),
    item('违纪一票否决', 0, { veto: true }),
  ],
});

async function idOf(code: string) {
  const [row] = await env.db.select().from(standards).where(eq(standards.code, code));
  return row!.id;
}

describe('POST /api/standards', () => {
  it('creates version 1 with its criteria and one audit event', async () => {
    const res = await as.cadmin!.post('/api/standards', body('TRIAL-1'));
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      code: 'TRIAL-1',
      track: 'site',
      orgKinds: ['branch'],
      active: true,
      latestVersion: 1,
      updatedAt: '2026-11-29T08:00:00.000Z',
      version: {
        version: 1,
        totalPoints: 100,
        bonusCap: 10,
        note: null,
        createdAt: '2026-11-29T08:00:00.000Z',
      },
    });
    expect(s.version.criteria).toHaveLength(5);
    expect(s.version.criteria[0]).toEqual({
      id: expect.any(String),
      position: 1,
      titleZh: '班子好',
      titleEn: '班子好 (en)',
      description: '支部班子配备齐全',
      maxPoints: 40,
      evidence: '分工文件',
      evidenceRequired: true,
      methods: ['实地查看'],
      veto: false,
      bonus: false,
    });
    const events = await eventsOf(s.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'standards.create',
      objectType: 'standard',
      actorId: users.committee_admin.id,
      changes: {
        code: { before: null, after: 'TRIAL-1' },
        trackCode: { before: null, after: 'site' },
        orgKinds: { before: null, after: ['branch'] },
        latestVersion: { before: null, after: 1 },
        totalPoints: { before: null, after: 100 },
        criteria: {
          before: null,
          after: [
            '1. 班子好 40',
            '2. 队伍好 30',
            '3. 业绩好 30',
            '4. 特色亮点 5 加分',
            '5. 违纪一票否决 0 否决',
          ],
        },
      },
    });
  });

  it('refuses bad points, totals, titles and methods with field errors naming the criterion', async () => {
    const res = await as.cadmin!.post('/api/standards', {
      ...body('TRIAL-BAD'),
      bonusCap: 4,
      criteria: [
        item('班子好', 40.25),
        item('', 30, { titleEn: ' ' }),
        item('业绩好', -5),
        item('业绩好', 30, { methods: ['电话抽查'] }),
        item('特色亮点', 5, { bonus: true }),
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([
      { field: 'criteria.0.maxPoints', code: 'bad_step', message: '分值须为 0.5 的整数倍' },
      { field: 'criteria.1.titleZh', code: 'empty_title', message: '指标名称不能为空' },
      { field: 'criteria.1.titleEn', code: 'empty_title', message: '指标名称不能为空' },
      { field: 'criteria.2.maxPoints', code: 'not_positive', message: '分值须大于 0（一票否决项可为 0）' },
      {
        field: 'criteria.3.methods',
        code: 'bad_method',
        message:
          '考核方式“电话抽查”无效，可选：汇报座谈、查阅档案、实地查看、民主测评、走访、现场考核、问卷调查',
      },
      { field: 'criteria.3.titleZh', code: 'duplicate_title', message: '指标名称重复' },
      { field: 'criteria', code: 'total_mismatch', message: '常规指标分值合计为 95.25，应为 100' },
      { field: 'criteria', code: 'bonus_over_cap', message: '加分项合计 5，超过上限 4' },
    ]);
    expect((await env.db.select().from(standards).where(eq(standards.code, 'TRIAL-BAD'))).length).toBe(0);
  });

  it('answers in English when asked', async () => {
    const res = await as.cadmin!.post(
      '/api/standards',
      { ...body('TRIAL-EN'), totalPoints: 90 },
      { 'accept-language': 'en' },
    );
    expect(res.json().error.details).toEqual([
      { field: 'criteria', code: 'total_mismatch', message: 'The regular items add up to 100, not 90' },
    ]);
  });

  it('states the rule of a standard code it refuses, in either language', async () => {
    const zh = await as.cadmin!.post('/api/standards', body('站点 标准'));
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details).toEqual([
      {
        field: 'code',
        code: 'invalid_format',
        message: '标准代码以字母或数字开头，只能由字母、数字、“-”和“_”组成，最长 40 位（如 SITE-BRANCH）',
      },
    ]);
    const en = await as.cadmin!.post('/api/standards', body('-X'), { 'accept-language': 'en' });
    expect(en.json().error.details[0].message).toBe(
      'A standard code starts with a letter or digit and has letters, digits, “-” and “_” only, at most 40 (e.g. SITE-BRANCH)',
    );
  });

  it('refuses an unknown track, a repeated kind and an empty criteria list', async () => {
    const res = await as.cadmin!.post('/api/standards', {
      ...body('TRIAL-X'),
      track: 'museum',
      orgKinds: ['branch', 'branch'],
      criteria: [],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'track', code: 'unknown_track', message: '类别不存在' },
      { field: 'orgKinds', code: 'duplicate', message: '党组织类型重复' },
      { field: 'criteria', code: 'no_criteria', message: '至少需要一项指标' },
    ]);
  });

  it('refuses a code already in use with 409 DUPLICATE, writing nothing', async () => {
    const res = await as.cadmin!.post('/api/standards', body('VENUE'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'DUPLICATE',
      details: [{ field: 'code', code: 'duplicate', message: '标准编码已存在' }],
    });
    expect((await env.db.select({ n: count() }).from(standards))[0]!.n).toBe(4);
  });
});

describe('PUT /api/standards/:id', () => {
  it('writes version 2; version 1 and the running campaign that uses it stay unchanged', async () => {
    const { campaign, standards: used } = await seedOpenCampaign(env.db, env.clock.now);
    const id = await idOf('SITE-BRANCH');
    const v1 = (await as.cadmin!.get(`/api/standards/${id}/versions/1`)).json();

    const res = await as.cadmin!.put(`/api/standards/${id}`, {
      latestVersion: 1,
      orgKinds: ['branch'],
      nameZh: '党支部示范点创建标准（2027 修订）',
      nameEn: 'Site standard for Party branches (2027)',
      note: '增加问卷调查',
      criteria: [
        item('支部班子好', 25),
        item('党员队伍好', 25),
        item('制度机制好', 25),
        item('工作业绩好', 25, { methods: ['问卷调查'] }),
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      latestVersion: 2,
      nameZh: '党支部示范点创建标准（2027 修订）',
      version: { version: 2, note: '增加问卷调查' },
    });
    expect(res.json().version.criteria.map((c: { maxPoints: number }) => c.maxPoints)).toEqual([
      25, 25, 25, 25,
    ]);
    expect(await versionCount(id)).toBe(2);

    expect((await as.cadmin!.get(`/api/standards/${id}/versions/1`)).json().version).toEqual(v1.version);
    const detail = (await as.cadmin!.get(`/api/campaigns/${campaign.id}`)).json();
    const branch = detail.standards.find((s: { orgKind: string }) => s.orgKind === 'branch');
    expect(branch).toMatchObject({
      standardVersionId: used.branch.versionId,
      version: 1,
      code: 'SITE-BRANCH',
    });
    expect((await defaultStandard(env.db, 'SITE-BRANCH')).criteria.map((c) => c.maxPoints)).toEqual([
      20, 20, 20, 20, 20, 10,
    ]);

    const events = await eventsOf(id);
    expect(events.map((e) => e.action)).toEqual(['standards.version']);
    expect(events[0]!.detail).toBe('version 2');
    expect(events[0]!.changes).toMatchObject({
      latestVersion: { before: 1, after: 2 },
      nameZh: { before: '党支部示范点创建标准', after: '党支部示范点创建标准（2027 修订）' },
      criteria: {
        before: [
          '1. 支部班子好 20',
          '2. 党员队伍好 20',
          '3. 制度机制好 20',
          '4. 工作业绩好 20',
          '5. 群众反映好 20',
          '6. 特色亮点创新点 10 加分',
        ],
        after: ['1. 支部班子好 25', '2. 党员队伍好 25', '3. 制度机制好 25', '4. 工作业绩好 25'],
      },
    });
  });

  it('refuses a stale latestVersion with 409 and the current version, writing nothing', async () => {
    const id = await idOf('SITE-COMMITTEE');
    const { code: _code, track: _track, ...edit } = body('ignored');
    expect((await as.cadmin!.put(`/api/standards/${id}`, { ...edit, latestVersion: 1 })).statusCode).toBe(
      200,
    );
    const stale = await as.cadmin!.put(`/api/standards/${id}`, { ...edit, latestVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    expect(await versionCount(id)).toBe(2);
  });

  it('validates the new content like a new standard', async () => {
    const id = await idOf('VENUE');
    const res = await as.cadmin!.put(`/api/standards/${id}`, {
      latestVersion: 1,
      nameZh: '阵地标准',
      nameEn: 'Venue standard',
      criteria: [item('场地规范', 50), item('功能完备', 49.5)],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'criteria', code: 'total_mismatch', message: '常规指标分值合计为 99.5，应为 100' },
    ]);
    expect(await versionCount(id)).toBe(1);
  });
});

describe('POST /api/standards/:id/deactivate', () => {
  it('takes the standard out of the active list, audited; a second time answers 409', async () => {
    const created = (await as.cadmin!.post('/api/standards', body('TRIAL-OLD'))).json();
    const res = await as.cadmin!.post(`/api/standards/${created.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, latestVersion: 1 });
    const active = (await as.cadmin!.get('/api/standards?pageSize=200')).json();
    expect(active.items.map((s: { code: string }) => s.code)).not.toContain('TRIAL-OLD');
    const inactive = (await as.cadmin!.get('/api/standards?active=false')).json();
    expect(inactive.items.map((s: { code: string }) => s.code)).toEqual(['TRIAL-OLD']);
    expect((await eventsOf(created.id)).map((e) => [e.action, e.changes])).toEqual([
      ['standards.create', expect.any(Object)],
      ['standards.deactivate', { active: { before: true, after: false } }],
    ]);
    const again = await as.cadmin!.post(`/api/standards/${created.id}/deactivate`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });

  it('is for committee admins only', async () => {
    const id = await idOf('VENUE');
    expect((await as.uadmin!.post(`/api/standards/${id}/deactivate`)).statusCode).toBe(403);
    expect((await as.appl!.put(`/api/standards/${id}`, body('X'))).statusCode).toBe(403);
  });
});
