import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, organizations } from '../../db/schema';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { HEADER, sheetRows, upload } from './import-test-kit';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let cadmin: string;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  // An inactive general branch with a branch under unit A, to see filters and tree order.
  const gb = await insertOrg(env.db, {
    code: 'A2',
    name: '市水务局机关党总支',
    kind: 'general_branch',
    parent: tree.unitA,
  });
  await insertOrg(env.db, { code: 'A21', name: '市水务局机关第一党支部', kind: 'branch', parent: gb });
  await env.db.update(organizations).set({ active: false }).where(eq(organizations.code, 'A21'));
  cadmin = await login(env.app, 'cadmin');
});
afterAll(() => env.close());

/** Phones are unmasked for the roles that may export: each export states its purpose (PI-02). */
const PURPOSE = `purpose=${encodeURIComponent('年度党组织信息核查')}`;

const codes = (rows: unknown[][]) => rows.slice(1).map((r) => r[0]);
/** Tree order is path order, and paths are random ids: compute the expected order the same way. */
async function treeOrder(list: string[]) {
  const rows = await env.db
    .select({ code: organizations.code, path: organizations.path })
    .from(organizations);
  const path = new Map(rows.map((r) => [r.code, r.path]));
  return [...list].sort((a, b) => (path.get(a)! < path.get(b)! ? -1 : 1));
}

describe('export', () => {
  it('exports the active organisations in tree order, in the template columns plus unit and active', async () => {
    const res = await client(env.app, cadmin).get(`/api/organizations/export.xlsx?${PURPOSE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="organizations-20261129.xlsx"; filename*=UTF-8''${encodeURIComponent('党组织-20261129.xlsx')}`,
    );
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual([...HEADER, '所属直属党组织', '是否启用']);
    expect(codes(rows)).toEqual(await treeOrder(['WC', 'A', 'A1', 'A2', 'B', 'B1']));
    expect(rows[0]!.length).toBe(11);
    expect(rows.find((r) => r[0] === 'WC')).toEqual([
      'WC',
      '市级机关工委',
      null,
      '机关工委',
      null,
      null,
      null,
      '13812341234',
      0,
      null,
      '是',
    ]);
    expect(rows.find((r) => r[0] === 'A1')).toEqual([
      'A1',
      '市水务局排水五所党支部',
      null,
      '党支部',
      'A',
      null,
      null,
      '13812341234',
      0,
      '市水务局机关党委',
      '是',
    ]);
  });

  it('applies the list filters: kind, q, active=all', async () => {
    const c = client(env.app, cadmin);
    const branches = await sheetRows(
      (await c.get(`/api/organizations/export.xlsx?kind=branch&active=all&${PURPOSE}`)).rawPayload,
    );
    expect(codes(branches)).toEqual(await treeOrder(['A1', 'A21', 'B1']));
    expect(branches.find((r) => r[0] === 'A21')![10]).toBe('否');
    const q = await sheetRows(
      (await c.get(`/api/organizations/export.xlsx?q=${encodeURIComponent('总工会')}&${PURPOSE}`)).rawPayload,
    );
    expect(codes(q)).toEqual(await treeOrder(['B', 'B1']));
    const bad = await c.get(`/api/organizations/export.xlsx?kind=club&${PURPOSE}`);
    expect(bad.statusCode).toBe(400);
  });

  it('gives a unit admin only its own unit subtree, even when it asks for another unit', async () => {
    const c = client(env.app, await login(env.app, 'uadmin'));
    const own = await sheetRows(
      (await c.get(`/api/organizations/export.xlsx?active=all&${PURPOSE}`)).rawPayload,
    );
    expect(codes(own)).toEqual(await treeOrder(['A', 'A1', 'A2', 'A21']));
    const other = await sheetRows(
      (await c.get(`/api/organizations/export.xlsx?unitId=${tree.unitB.id}&${PURPOSE}`)).rawPayload,
    );
    expect(codes(other)).toEqual([]);
  });

  it('refuses an applicant (403)', async () => {
    const res = await client(env.app, await login(env.app, 'appl')).get(
      `/api/organizations/export.xlsx?${PURPOSE}`,
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('records the export in the audit log, with its filters and stated purpose', async () => {
    const events = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'organizations.export'), eq(auditEvents.actorName, 'uadmin')));
    expect(events.map((e) => [e.outcome, e.objectType, JSON.parse(e.detail!)])).toEqual([
      [
        'success',
        'organization',
        { active: 'all', format: 'xlsx', masked: false, purpose: '年度党组织信息核查' },
      ],
      [
        'success',
        'organization',
        {
          active: 'true',
          unitId: tree.unitB.id,
          format: 'xlsx',
          masked: false,
          purpose: '年度党组织信息核查',
        },
      ],
    ]);
  });

  it('refuses an export with unmasked phones without a purpose of 4+ characters (400 on purpose), unaudited', async () => {
    const before = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organizations.export'));
    const c = client(env.app, cadmin);
    for (const q of ['', '?purpose=', `?purpose=${encodeURIComponent(' 核查 ')}`, '?purpose=abc']) {
      const res = await c.get(`/api/organizations/export.xlsx${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [
          {
            field: 'purpose',
            code: 'purpose_required',
            message: '导出含未脱敏个人信息（联系电话）的数据，须填写导出用途（至少 4 个字）',
          },
        ],
      });
    }
    const en = await c.get('/api/organizations/export.xlsx', { 'accept-language': 'en' });
    expect(en.json().error.details[0].message).toBe(
      'This export shows personal data (phone numbers) unmasked: state its purpose (at least 4 characters)',
    );
    const nul = await c.get('/api/organizations/export.xlsx?purpose=%E6%A0%B8%E6%9F%A5%00%E6%A0%B8%E6%9F%A5');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.details[0].field).toBe('query.purpose');
    expect(
      await env.db.select().from(auditEvents).where(eq(auditEvents.action, 'organizations.export')),
    ).toEqual(before);
    // Four characters are enough.
    expect(
      (await c.get(`/api/organizations/export.xlsx?purpose=${encodeURIComponent('年度核查')}`)).statusCode,
    ).toBe(200);
  });

  it('can be imported again unchanged: every row an update, nothing rewritten', async () => {
    const file = (await client(env.app, cadmin).get(`/api/organizations/export.xlsx?active=all&${PURPOSE}`))
      .rawPayload;
    const dry = await upload(env.app, cadmin, 'export.xlsx', file);
    expect(dry.json()).toMatchObject({ total: 7, created: 0, updated: 7, errors: [] });
    const before = await env.db.select().from(organizations);
    const real = await upload(env.app, cadmin, 'export.xlsx', file, { dryRun: false });
    expect(real.statusCode).toBe(200);
    expect(await env.db.select().from(organizations)).toEqual(before);
    const [event] = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organizations.import'));
    expect(JSON.parse(event!.detail!)).toMatchObject({ total: 7, created: 0, updated: 7, unchanged: 7 });
  });
});
