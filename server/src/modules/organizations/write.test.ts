import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, organizations } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
const as: Record<string, ReturnType<typeof client>> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin', 'appl', 'rev', 'audadmin'])
    as[u] = client(env.app, await login(env.app, u));
});
afterAll(() => env.close());

const eventsOf = (objectId: string) =>
  env.db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId)).orderBy(auditEvents.id);

const rowOf = async (id: string) =>
  (await env.db.select().from(organizations).where(eq(organizations.id, id)))[0]!;

describe('POST /api/organizations', () => {
  it('creates a unit under the working committee with derived path, depth and unit, and one audit event', async () => {
    const res = await as.cadmin!.post('/api/organizations', {
      code: 'C',
      name: '市教委机关党委',
      shortName: '市教委',
      kind: 'party_committee',
      parentId: tree.root.id,
      contactPhone: '022-23456789',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json()).toEqual({
      id,
      code: 'C',
      name: '市教委机关党委',
      shortName: '市教委',
      kind: 'party_committee',
      parentId: tree.root.id,
      unitId: id,
      unitName: '市教委机关党委',
      depth: 1,
      secretary: null,
      contactName: null,
      contactPhone: '022-23456789',
      memberCount: 0,
      active: true,
      childCount: 0,
      version: 1,
      updatedAt: '2026-11-29T08:00:00.000Z',
    });
    expect((await rowOf(id)).path).toBe(`/${tree.root.id}/${id}/`);
    const events = await eventsOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'organizations.create',
      objectType: 'organization',
      actorId: users.committee_admin.id,
      unitId: id,
      outcome: 'success',
      changes: {
        code: { before: null, after: 'C' },
        name: { before: null, after: '市教委机关党委' },
        shortName: { before: null, after: '市教委' },
        kind: { before: null, after: 'party_committee' },
        parentId: { before: null, after: tree.root.id },
        unitId: { before: null, after: id },
        contactPhone: { before: null, after: '022****6789' },
        memberCount: { before: null, after: 0 },
        active: { before: null, after: true },
      },
    });
  });

  it('lets a unit admin create inside its unit, the new organisation inheriting the unit', async () => {
    const res = await as.uadmin!.post('/api/organizations', {
      code: 'A-GB',
      name: '市水务局机关第一党总支',
      kind: 'general_branch',
      parentId: tree.unitA.id,
      memberCount: 42,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      unitId: tree.unitA.id,
      depth: 2,
      memberCount: 42,
      parentId: tree.unitA.id,
    });
    const [event] = await eventsOf(res.json().id);
    expect(event).toMatchObject({ action: 'organizations.create', unitId: tree.unitA.id });
  });

  it('answers 404 on parentId when the parent is outside the write scope (a unit admin cannot create a unit)', async () => {
    for (const parentId of [tree.root.id, tree.unitB.id]) {
      const res = await as.uadmin!.post('/api/organizations', {
        code: `X-${parentId.slice(0, 4)}`,
        name: '越权党支部',
        kind: 'branch',
        parentId,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.details).toEqual([
        { field: 'parentId', code: 'not_found', message: '党组织不存在或不在管理范围内' },
      ]);
    }
    expect(await env.db.select().from(organizations).where(eq(organizations.name, '越权党支部'))).toEqual([]);
  });

  it('enforces the kind rules with 422 ORG_RULE: nothing under a branch, no second working committee', async () => {
    const cases = [
      { kind: 'branch', parentId: tree.a1.id, code: 'parent_kind_not_allowed' },
      { kind: 'general_branch', parentId: tree.a1.id, code: 'parent_kind_not_allowed' },
      { kind: 'party_group', parentId: tree.unitA.id, code: 'parent_kind_not_allowed' },
      { kind: 'working_committee', parentId: tree.root.id, code: 'working_committee_has_no_parent' },
    ] as const;
    for (const c of cases) {
      const res = await as.cadmin!.post(
        '/api/organizations',
        { code: 'BAD', name: '不合规', kind: c.kind, parentId: c.parentId },
        { 'accept-language': 'en' },
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('ORG_RULE');
      expect(res.json().error.details).toMatchObject([{ field: 'kind', code: c.code }]);
    }
    expect((await env.db.select().from(organizations).where(eq(organizations.code, 'BAD'))).length).toBe(0);
  });

  it('answers 409 DUPLICATE on code for a code already in use', async () => {
    const res = await as.cadmin!.post('/api/organizations', {
      code: 'A1',
      name: '重复编码党支部',
      kind: 'branch',
      parentId: tree.unitB.id,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
    expect(res.json().error.details[0]).toMatchObject({ field: 'code', code: 'duplicate' });
  });

  it('refuses bad input with 400 VALIDATION_FAILED naming the field', async () => {
    const base = { code: 'V1', name: '校验党支部', kind: 'branch', parentId: tree.unitA.id };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, color: 'red' }, 'color', 'unknown_field'],
      [{ ...base, name: '党'.repeat(101) }, 'name', 'too_big'],
      [{ ...base, name: '   ' }, 'name', 'too_small'],
      [{ ...base, memberCount: 'many' }, 'memberCount', 'invalid_type'],
      [{ ...base, parentId: 'A' }, 'parentId', 'invalid_format'],
      [{ ...base, kind: 'club' }, 'kind', 'invalid_value'],
      [{ ...base, code: 'has space' }, 'code', 'invalid_format'],
      [{ ...base, contactPhone: 'call me' }, 'contactPhone', 'invalid_format'],
    ];
    for (const [body, field, code] of cases) {
      const res = await as.cadmin!.post('/api/organizations', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details[0]).toMatchObject({ field, code });
    }
  });

  it('states the rule of a phone number or code it refuses (issue 7 §1.10)', async () => {
    const base = { code: 'V2', name: '校验党支部', kind: 'branch', parentId: tree.unitA.id };
    const phone = await as.cadmin!.post('/api/organizations', { ...base, contactPhone: '电话 12345' });
    expect(phone.json().error.details).toEqual([
      {
        field: 'contactPhone',
        code: 'invalid_format',
        message: '电话号码只能由数字、“+”、“-”和空格组成，5–20 位（如 010-12345678 或 13800138000）',
      },
    ]);
    const code = await as.cadmin!.post(
      '/api/organizations',
      { ...base, code: 'V 2' },
      { 'accept-language': 'en' },
    );
    expect(code.json().error.details).toEqual([
      {
        field: 'code',
        code: 'invalid_format',
        message: 'An organisation code has letters, digits, “.”, “-” and “_” only, at most 32',
      },
    ]);
  });

  it('refuses roles without organizations.write with 403, and writes nothing', async () => {
    for (const c of [as.appl!, as.rev!, as.audadmin!]) {
      const res = await c.post('/api/organizations', {
        code: 'NOPE',
        name: '无权党支部',
        kind: 'branch',
        parentId: tree.unitA.id,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await env.db.select().from(organizations).where(eq(organizations.code, 'NOPE'))).length).toBe(0);
  });
});

describe('PATCH /api/organizations/:id', () => {
  it('updates the fields sent, bumps the version and audits exactly the changed fields', async () => {
    const before = await rowOf(tree.unitB.id);
    env.clock.advance(60_000);
    const res = await as.cadmin!.patch(`/api/organizations/${tree.unitB.id}`, {
      name: '市总工会机关委员会',
      contactPhone: '13900000000',
      secretary: '张三',
      version: before.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '市总工会机关委员会',
      contactPhone: '13900000000',
      secretary: '张三',
      memberCount: 0,
      code: 'B',
      version: before.version + 1,
      updatedAt: env.clock.now.toISOString(),
    });
    const events = (await eventsOf(tree.unitB.id)).filter((e) => e.action === 'organizations.update');
    expect(events).toHaveLength(1);
    expect(events[0]!.unitId).toBe(tree.unitB.id);
    expect(events[0]!.changes).toEqual({
      name: { before: '市总工会机关党委', after: '市总工会机关委员会' },
      secretary: { before: null, after: '张三' },
      contactPhone: { before: '138****1234', after: '139****0000' },
    });
  });

  it('answers 409 VERSION_CONFLICT with the current version for a stale version, and changes nothing', async () => {
    const current = await rowOf(tree.unitB.id);
    const res = await as.cadmin!.patch(`/api/organizations/${tree.unitB.id}`, {
      name: '过期修改',
      version: current.version - 1,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      currentVersion: current.version,
      updatedAt: current.updatedAt.toISOString(),
    });
    expect((await rowOf(tree.unitB.id)).name).toBe(current.name);
  });

  it('re-checks the kind rules against the parent and the children', async () => {
    const unitA = await rowOf(tree.unitA.id);
    const toBranch = await as.cadmin!.patch(`/api/organizations/${tree.unitA.id}`, {
      kind: 'branch',
      version: unitA.version,
    });
    expect(toBranch.statusCode).toBe(422);
    expect(toBranch.json().error.details[0]).toMatchObject({ field: 'kind', code: 'child_kind_not_allowed' });
    const a1 = await rowOf(tree.a1.id);
    const toGroup = await as.cadmin!.patch(`/api/organizations/${tree.a1.id}`, {
      kind: 'party_group',
      version: a1.version,
    });
    expect(toGroup.json().error.details[0]).toMatchObject({ code: 'parent_kind_not_allowed' });
    const toWc = await as.cadmin!.patch(`/api/organizations/${tree.a1.id}`, {
      kind: 'working_committee',
      version: a1.version,
    });
    expect(toWc.statusCode).toBe(422);
    const b1 = await rowOf(tree.b1.id);
    const ok = await as.cadmin!.patch(`/api/organizations/${tree.b1.id}`, {
      kind: 'party_committee',
      version: b1.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().kind).toBe('party_committee');
  });

  it('answers 409 DUPLICATE for a code taken by another organisation', async () => {
    const a1 = await rowOf(tree.a1.id);
    const res = await as.cadmin!.patch(`/api/organizations/${tree.a1.id}`, {
      code: 'B1',
      version: a1.version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe('code');
  });

  it('answers 404 to a unit admin for another unit and for the working committee; the committee edits the root', async () => {
    for (const id of [tree.b1.id, tree.root.id]) {
      const res = await as.uadmin!.patch(`/api/organizations/${id}`, { name: '越权', version: 1 });
      expect(res.statusCode).toBe(404);
    }
    const root = await as.cadmin!.patch(`/api/organizations/${tree.root.id}`, {
      shortName: '工委',
      version: (await rowOf(tree.root.id)).version,
    });
    expect(root.statusCode).toBe(200);
    expect(root.json()).toMatchObject({ shortName: '工委', kind: 'working_committee', parentId: null });
  });

  it('refuses a parentId or an unknown field in a patch (moves go through /move)', async () => {
    const res = await as.cadmin!.patch(`/api/organizations/${tree.a1.id}`, {
      parentId: tree.unitB.id,
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'parentId', code: 'unknown_field' });
    const missing = await as.cadmin!.patch(`/api/organizations/${tree.a1.id}`, { name: '缺版本' });
    expect(missing.json().error.details[0]).toMatchObject({ field: 'version', code: 'required' });
  });

  it('writes no audit event when a patch is refused', async () => {
    const refused = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, tree.a1.id), eq(auditEvents.action, 'organizations.update')));
    expect(refused).toEqual([]);
  });
});
