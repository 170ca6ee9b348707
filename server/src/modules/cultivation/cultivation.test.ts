import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, count, eq } from 'drizzle-orm';
import { auditEvents, cultivations, venues } from '../../db/schema';
import {
  client,
  insertOrg,
  insertUser,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { defaultStandard } from '../../../test/campaign-fixtures';
import { CULTIVATION_EXPORT_HEADERS } from '../../../../shared/src/contracts/cultivation';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let ua: ReturnType<typeof client>;
let ub: ReturnType<typeof client>;
let ca: ReturnType<typeof client>;
let branch: Awaited<ReturnType<typeof defaultStandard>>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  await insertUser(env.db, {
    username: 'uadminb',
    role: 'unit_admin',
    organizationId: tree.unitB.id,
    unitId: tree.unitB.id,
  });
  ua = client(env.app, await login(env.app, 'uadmin'));
  ub = client(env.app, await login(env.app, 'uadminb'));
  ca = client(env.app, await login(env.app, 'cadmin'));
  branch = await defaultStandard(env.db, 'SITE-BRANCH');
});
afterAll(() => env.close());

let n = 0;
async function freshBranch(unit: 'A' | 'B', name?: string) {
  n++;
  return insertOrg(env.db, {
    code: `C${unit}${n}`,
    name: name ?? `测试支部${unit}${n}`,
    kind: 'branch',
    parent: unit === 'A' ? tree.unitA : tree.unitB,
  });
}

async function cultivate(c: ReturnType<typeof client>, organizationId: string, plan = '三年创建计划') {
  const res = await c.post('/api/cultivations', { trackCode: 'site', organizationId, plan });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function auditCount(action: string, objectId: string) {
  const [row] = await env.db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.objectId, objectId)));
  return row!.n;
}

describe('creating a candidate', () => {
  it('adds an organisation of the unit for a site track, audited', async () => {
    const org = await freshBranch('A', '市水务局排水一所党支部');
    const c = await cultivate(ua, org.id, '打造“清水先锋”党建品牌');
    expect(c).toMatchObject({
      unitId: tree.unitA.id,
      unitName: '市水务局机关党委',
      trackCode: 'site',
      trackNameZh: '基层党建工作示范点',
      subjectKind: 'organization',
      subjectId: org.id,
      subjectName: '市水务局排水一所党支部',
      organizationId: org.id,
      orgKind: 'branch',
      venueId: null,
      plan: '打造“清水先锋”党建品牌',
      status: 'cultivating',
      milestonesDone: 0,
      milestonesTotal: 0,
      readinessPercentage: null,
      applicationId: null,
      version: 1,
      milestones: [],
      notes: [],
    });
    expect(c.readiness).toMatchObject({ standardCode: 'SITE-BRANCH', version: 1, current: true, scored: 0 });
    expect(await auditCount('cultivations.create', c.id)).toBe(1);
  });

  it('adds a venue for a venue track, with the owning organisation', async () => {
    const [v] = await env.db
      .insert(venues)
      .values({ organizationId: tree.a1.id, unitId: tree.unitA.id, name: '排水五所党员活动室' })
      .returning();
    const res = await ua.post('/api/cultivations', { trackCode: 'venue', venueId: v!.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      subjectKind: 'venue',
      subjectId: v!.id,
      subjectName: '排水五所党员活动室',
      organizationId: tree.a1.id,
      venueId: v!.id,
      readiness: { standardCode: 'VENUE' },
    });
  });

  it('refuses a second cultivation of the same subject and track (409 DUPLICATE)', async () => {
    const org = await freshBranch('A');
    await cultivate(ua, org.id);
    const again = await ua.post('/api/cultivations', { trackCode: 'site', organizationId: org.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
    const [row] = await env.db
      .select({ n: count() })
      .from(cultivations)
      .where(eq(cultivations.subjectId, org.id));
    expect(row!.n).toBe(1);
  });

  it('checks the track, the subject field it needs and the unit', async () => {
    const org = await freshBranch('A');
    const unknown = await ua.post('/api/cultivations', { trackCode: 'nope', organizationId: org.id });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'trackCode', code: 'unknown_track' });
    const venueTrack = await ua.post('/api/cultivations', { trackCode: 'venue', organizationId: org.id });
    expect(venueTrack.statusCode).toBe(400);
    expect(venueTrack.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'venueId',
      'organizationId',
    ]);
    const other = await ua.post('/api/cultivations', { trackCode: 'site', organizationId: tree.b1.id });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.details[0].field).toBe('organizationId');
    const root = await ua.post('/api/cultivations', { trackCode: 'site', organizationId: tree.root.id });
    expect(root.statusCode).toBe(404);
    const [row] = await env.db
      .select({ n: count() })
      .from(cultivations)
      .where(eq(cultivations.subjectId, tree.b1.id));
    expect(row!.n).toBe(0);
  });

  it('is for unit admins only: the committee reads but does not cultivate', async () => {
    const org = await freshBranch('A');
    const res = await ca.post('/api/cultivations', { trackCode: 'site', organizationId: org.id });
    expect(res.statusCode).toBe(403);
  });
});

describe('reading the library', () => {
  it('shows a unit its own candidates only, and the committee everyone, with filters', async () => {
    const a = await cultivate(ua, (await freshBranch('A', '滨海支部B')).id);
    const b = await cultivate(ub, (await freshBranch('B', '滨海支部A')).id);
    const mine = (await ua.get('/api/cultivations?pageSize=200')).json();
    expect(mine.items.every((c: { unitId: string }) => c.unitId === tree.unitA.id)).toBe(true);
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(a.id);
    expect((await ua.get(`/api/cultivations?unitId=${tree.unitB.id}`)).json()).toEqual({
      items: [],
      total: 0,
    });

    const all = (await ca.get('/api/cultivations?q=滨海&sort=subjectName')).json();
    expect(all.items.map((c: { subjectName: string }) => c.subjectName)).toEqual(['滨海支部A', '滨海支部B']);
    expect(all.total).toBe(2);
    const onlyB = (await ca.get(`/api/cultivations?q=滨海&unitId=${tree.unitB.id}`)).json();
    expect(onlyB.items.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect((await ca.get('/api/cultivations?q=滨海&status=ready')).json().total).toBe(0);
    expect((await ca.get('/api/cultivations?sort=name')).statusCode).toBe(400);
  });

  it("answers 404 for another unit's candidate, on reads and on every write", async () => {
    const b = await cultivate(ub, (await freshBranch('B')).id);
    expect((await ca.get(`/api/cultivations/${b.id}`)).statusCode).toBe(200);
    const calls = [
      ua.get(`/api/cultivations/${b.id}`),
      ua.patch(`/api/cultivations/${b.id}`, { plan: 'x', version: 1 }),
      ua.post(`/api/cultivations/${b.id}/milestones`, { title: '完成阵地改造' }),
      ua.post(`/api/cultivations/${b.id}/notes`, { body: '走访' }),
      ua.put(`/api/cultivations/${b.id}/readiness`, { items: [] }),
      ua.post(`/api/cultivations/${b.id}/apply`, { campaignId: crypto.randomUUID() }),
    ];
    expect((await Promise.all(calls)).map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
    const [row] = await env.db.select().from(cultivations).where(eq(cultivations.id, b.id));
    expect(row!.plan).toBe('三年创建计划');
  });
});

describe('changing plan and status', () => {
  it('changes the plan and status with the version, audited; a stale version is 409', async () => {
    const c = await cultivate(ua, (await freshBranch('A')).id);
    const res = await ua.patch(`/api/cultivations/${c.id}`, { plan: '新计划', status: 'ready', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ plan: '新计划', status: 'ready', version: 2 });
    const stale = await ua.patch(`/api/cultivations/${c.id}`, { plan: '旧页面', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const [event] = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'cultivations.update'), eq(auditEvents.objectId, c.id)));
    expect(event!.changes).toEqual({
      plan: { before: '三年创建计划', after: '新计划' },
      status: { before: 'cultivating', after: 'ready' },
    });
  });

  it('never sets applied by hand, and brings a dropped candidate back only to cultivating', async () => {
    const c = await cultivate(ua, (await freshBranch('A')).id);
    const applied = await ua.patch(`/api/cultivations/${c.id}`, { status: 'applied', version: 1 });
    expect(applied.statusCode).toBe(400);
    expect((await ua.patch(`/api/cultivations/${c.id}`, { status: 'dropped', version: 1 })).statusCode).toBe(
      200,
    );
    const ready = await ua.patch(`/api/cultivations/${c.id}`, { status: 'ready', version: 2 });
    expect(ready.statusCode).toBe(409);
    expect(ready.json().error).toMatchObject({
      code: 'TRANSITION_REFUSED',
      details: [{ field: 'status', code: 'dropped' }],
    });
    expect(
      (await ua.patch(`/api/cultivations/${c.id}`, { status: 'cultivating', version: 2 })).statusCode,
    ).toBe(200);
  });
});

describe('export', () => {
  it('exports the caller’s scope as a spreadsheet with Chinese headers, milestones and readiness', async () => {
    const org = await freshBranch('A', '导出测试支部');
    const c = await cultivate(ua, org.id, '导出计划');
    await ua.post(`/api/cultivations/${c.id}/milestones`, { title: '一' });
    await ua.put(`/api/cultivations/${c.id}/readiness`, {
      items: branch.criteria.slice(0, 5).map((k) => ({ criterionId: k.id, score: 16 })),
    });
    const res = await ua.get('/api/cultivations/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('培育库')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...CULTIVATION_EXPORT_HEADERS]);
    const rows: unknown[][] = [];
    ws.eachRow((row, i) => {
      if (i > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows.every((r) => r[0] === '市水务局机关党委')).toBe(true);
    const mine = rows.find((r) => r[2] === '导出测试支部')!;
    expect(mine.slice(0, 9)).toEqual([
      '市水务局机关党委',
      '基层党建工作示范点',
      '导出测试支部',
      '导出测试支部',
      '党支部',
      '培育中',
      '导出计划',
      '0/1',
      80,
    ]);
    const [exported] = await env.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'cultivations.export'));
    expect(exported!.n).toBe(1);
  });
});
