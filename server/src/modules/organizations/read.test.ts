import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let a2Id: string;
const as: Record<string, ReturnType<typeof client>> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  // An inactive branch of unit A: hidden by default, shown with active=all|false.
  const a2 = await insertOrg(env.db, {
    code: 'A2',
    name: '市水务局已撤销党支部',
    kind: 'branch',
    parent: tree.unitA,
  });
  await env.db.update(organizations).set({ active: false }).where(eq(organizations.id, a2.id));
  a2Id = a2.id;
  for (const u of ['cadmin', 'uadmin', 'appl', 'rev', 'secadmin', 'audadmin'])
    as[u] = client(env.app, await login(env.app, u));
});
afterAll(() => env.close());

const codes = (res: { json(): { items: { code: string }[] } }) => res.json().items.map((o) => o.code);

describe('GET /api/organizations', () => {
  it('lists every active organisation by code for the committee, with child counts and unit names', async () => {
    const res = await as.cadmin!.get('/api/organizations');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(5);
    expect(codes(res)).toEqual(['A', 'A1', 'B', 'B1', 'WC']);
    const byCode = Object.fromEntries(res.json().items.map((o: { code: string }) => [o.code, o]));
    expect(byCode.WC).toMatchObject({ childCount: 2, unitId: null, unitName: null, depth: 0 });
    expect(byCode.A).toMatchObject({ childCount: 1, unitId: tree.unitA.id, unitName: '市水务局机关党委' });
    expect(byCode.A1).toEqual({
      id: tree.a1.id,
      code: 'A1',
      name: '市水务局排水五所党支部',
      shortName: null,
      kind: 'branch',
      parentId: tree.unitA.id,
      unitId: tree.unitA.id,
      unitName: '市水务局机关党委',
      depth: 2,
      secretary: null,
      contactName: null,
      contactPhone: '13812341234',
      memberCount: 0,
      active: true,
      childCount: 0,
      version: 1,
      updatedAt: tree.a1.updatedAt.toISOString(),
    });
  });

  it('limits a unit admin to its unit subtree and an applicant to its own organisation', async () => {
    const unit = await as.uadmin!.get('/api/organizations?active=all');
    expect(unit.json().total).toBe(3);
    expect(codes(unit)).toEqual(['A', 'A1', 'A2']);
    const own = await as.appl!.get('/api/organizations?active=all');
    expect(own.json().total).toBe(1);
    expect(codes(own)).toEqual(['A1']);
    const filtered = await as.uadmin!.get(`/api/organizations?unitId=${tree.unitB.id}`);
    expect(filtered.json()).toEqual({ items: [], total: 0 });
  });

  it('answers the top of each visible tree for roots=true', async () => {
    expect(codes(await as.cadmin!.get('/api/organizations?roots=true'))).toEqual(['WC']);
    expect(codes(await as.uadmin!.get('/api/organizations?roots=true'))).toEqual(['A']);
    expect(codes(await as.appl!.get('/api/organizations?roots=true'))).toEqual(['A1']);
    expect(codes(await as.secadmin!.get('/api/organizations?roots=true'))).toEqual(['WC']);
  });

  it('masks contact phones for the applicant and the security admin, not for the unit admin', async () => {
    const phone = async (c: ReturnType<typeof client>) =>
      (await c.get(`/api/organizations/${tree.a1.id}`)).json().contactPhone;
    expect(await phone(as.uadmin!)).toBe('13812341234');
    expect(await phone(as.cadmin!)).toBe('13812341234');
    expect(await phone(as.appl!)).toBe('138****1234');
    expect(await phone(as.secadmin!)).toBe('138****1234');
  });

  it('finds by a Chinese substring of the name and by a case-insensitive code prefix', async () => {
    const water = await as.cadmin!.get(`/api/organizations?q=${encodeURIComponent('排水')}`);
    expect(codes(water)).toEqual(['A1']);
    expect(water.json().items[0].name).toBe('市水务局排水五所党支部');
    expect(codes(await as.cadmin!.get(`/api/organizations?q=${encodeURIComponent('市总工会')}`))).toEqual([
      'B',
      'B1',
    ]);
    expect(codes(await as.cadmin!.get('/api/organizations?q=b1'))).toEqual(['B1']);
    // "1" is not a code prefix and no name holds it; LIKE wildcards match literally.
    expect((await as.cadmin!.get('/api/organizations?q=1')).json().total).toBe(0);
    expect((await as.cadmin!.get('/api/organizations?q=%25')).json().total).toBe(0);
    expect((await as.cadmin!.get('/api/organizations?q=_')).json().total).toBe(0);
  });

  it('filters by kind, parent, unit and active state', async () => {
    expect(codes(await as.cadmin!.get('/api/organizations?kind=branch'))).toEqual(['A1', 'B1']);
    expect(codes(await as.cadmin!.get(`/api/organizations?parentId=${tree.unitA.id}`))).toEqual(['A1']);
    expect(codes(await as.cadmin!.get(`/api/organizations?parentId=${tree.unitA.id}&active=all`))).toEqual([
      'A1',
      'A2',
    ]);
    expect(codes(await as.cadmin!.get(`/api/organizations?unitId=${tree.unitB.id}`))).toEqual(['B', 'B1']);
    const inactive = await as.cadmin!.get('/api/organizations?active=false');
    expect(inactive.json().items.map((o: { id: string; active: boolean }) => [o.id, o.active])).toEqual([
      [a2Id, false],
    ]);
  });

  it('pages and sorts by a whitelisted key', async () => {
    const page = await as.cadmin!.get('/api/organizations?page=2&pageSize=2');
    expect(page.json().total).toBe(5);
    expect(codes(page)).toEqual(['B', 'B1']);
    expect(codes(await as.cadmin!.get('/api/organizations?sort=-code'))).toEqual([
      'WC',
      'B1',
      'B',
      'A1',
      'A',
    ]);
  });

  it('refuses a bad sort key, an oversize page, an unknown parameter and a bad id with 400', async () => {
    const sort = await as.cadmin!.get('/api/organizations?sort=path');
    expect(sort.statusCode).toBe(400);
    expect(sort.json().error.code).toBe('VALIDATION_FAILED');
    expect(sort.json().error.details[0]).toMatchObject({ field: 'query.sort', code: 'invalid_value' });
    const size = await as.cadmin!.get('/api/organizations?pageSize=201');
    expect(size.json().error.details[0]).toMatchObject({ field: 'query.pageSize', code: 'too_big' });
    const unknown = await as.cadmin!.get('/api/organizations?color=red');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].code).toBe('unknown_field');
    const kind = await as.cadmin!.get('/api/organizations?kind=club');
    expect(kind.json().error.details[0]).toMatchObject({ field: 'query.kind', code: 'invalid_value' });
    const id = await as.cadmin!.get('/api/organizations/not-a-uuid');
    expect(id.statusCode).toBe(400);
    expect(id.json().error.details[0]).toMatchObject({ field: 'params.id', code: 'invalid_format' });
  });

  it('refuses the reviewer and the audit admin with 403, and anonymous callers with 401', async () => {
    for (const c of [as.rev!, as.audadmin!]) {
      const res = await c.get('/api/organizations');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await c.get(`/api/organizations/${tree.a1.id}`)).statusCode).toBe(403);
    }
    expect((await client(env.app, null).get('/api/organizations')).statusCode).toBe(401);
  });
});

describe('GET /api/organizations/:id', () => {
  it('answers 404 outside the scope, the same as for an id that does not exist', async () => {
    for (const id of [tree.b1.id, tree.unitB.id, tree.root.id])
      expect((await as.uadmin!.get(`/api/organizations/${id}`)).statusCode).toBe(404);
    expect((await as.appl!.get(`/api/organizations/${tree.unitA.id}`)).statusCode).toBe(404);
    const missing = await as.cadmin!.get('/api/organizations/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const ok = await as.uadmin!.get(`/api/organizations/${tree.a1.id}`);
    expect(ok.json()).toMatchObject({ id: tree.a1.id, code: 'A1', unitName: '市水务局机关党委' });
  });
});

describe('GET /api/organizations/:id/ancestors', () => {
  const chain = (res: { json(): { items: { code: string }[] } }) => res.json().items.map((o) => o.code);

  it('answers the chain from the top of the visible tree down to the organisation', async () => {
    const url = `/api/organizations/${tree.a1.id}/ancestors`;
    expect(chain(await as.cadmin!.get(url))).toEqual(['WC', 'A', 'A1']);
    expect(chain(await as.uadmin!.get(url))).toEqual(['A', 'A1']);
    expect(chain(await as.appl!.get(url))).toEqual(['A1']);
    expect(chain(await as.cadmin!.get(`/api/organizations/${tree.root.id}/ancestors`))).toEqual(['WC']);
  });

  it('answers 404 for an organisation outside the scope', async () => {
    expect((await as.uadmin!.get(`/api/organizations/${tree.b1.id}/ancestors`)).statusCode).toBe(404);
  });
});
