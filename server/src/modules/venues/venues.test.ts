import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, notLike } from 'drizzle-orm';
import { auditEvents, organizations, venues } from '../../db/schema';
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
let b1Venue: string;
const as: Record<string, ReturnType<typeof client>> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin', 'appl', 'rev', 'secadmin', 'audadmin'])
    as[u] = client(env.app, await login(env.app, u));
  const rows = await env.db
    .insert(venues)
    .values([
      {
        organizationId: tree.unitA.id,
        unitId: tree.unitA.id,
        name: '水务局党员教育基地',
        openedYear: 2019,
        areaM2: 300,
      },
      {
        organizationId: tree.a1.id,
        unitId: tree.unitA.id,
        name: '排水五所党员活动室',
        address: '河西区友谊路1号',
        openedYear: 2021,
        areaM2: 80,
      },
      {
        organizationId: tree.b1.id,
        unitId: tree.unitB.id,
        name: '工会职工书屋',
        openedYear: 2020,
        areaM2: 120,
      },
      { organizationId: tree.b1.id, unitId: tree.unitB.id, name: '旧活动室', active: false },
    ])
    .returning();
  b1Venue = rows[2]!.id;
});
afterAll(() => env.close());

const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((v) => v.name);

describe('GET /api/venues', () => {
  it('lists active venues by name for the committee with the owning organisation', async () => {
    const res = await as.cadmin!.get('/api/venues');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(3);
    expect(names(res)).toEqual(['工会职工书屋', '排水五所党员活动室', '水务局党员教育基地']);
    expect(res.json().items[1]).toEqual({
      id: expect.any(String),
      organizationId: tree.a1.id,
      organizationName: '市水务局排水五所党支部',
      unitId: tree.unitA.id,
      name: '排水五所党员活动室',
      address: '河西区友谊路1号',
      areaM2: 80,
      capacity: null,
      facilities: null,
      openedYear: 2021,
      active: true,
      version: 1,
      updatedAt: expect.stringMatching(/Z$/),
    });
    expect((await as.cadmin!.get('/api/venues?active=all')).json().total).toBe(4);
  });

  it('limits a unit admin to its unit and an applicant to its organisation', async () => {
    expect(names(await as.uadmin!.get('/api/venues'))).toEqual(['排水五所党员活动室', '水务局党员教育基地']);
    expect(names(await as.appl!.get('/api/venues'))).toEqual(['排水五所党员活动室']);
    expect((await as.uadmin!.get(`/api/venues?unitId=${tree.unitB.id}`)).json()).toEqual({
      items: [],
      total: 0,
    });
  });

  it('searches name and address, filters by organisation and unit, sorts and pages', async () => {
    expect(names(await as.cadmin!.get(`/api/venues?q=${encodeURIComponent('友谊路')}`))).toEqual([
      '排水五所党员活动室',
    ]);
    expect(names(await as.cadmin!.get(`/api/venues?organizationId=${tree.b1.id}`))).toEqual(['工会职工书屋']);
    expect(names(await as.cadmin!.get(`/api/venues?unitId=${tree.unitA.id}&sort=-openedYear`))).toEqual([
      '排水五所党员活动室',
      '水务局党员教育基地',
    ]);
    const page = await as.cadmin!.get('/api/venues?sort=areaM2&page=2&pageSize=2');
    expect(page.json().total).toBe(3);
    expect(names(page)).toEqual(['水务局党员教育基地']);
    const bad = await as.cadmin!.get('/api/venues?sort=capacity');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('query.sort');
  });

  it('refuses roles without venues.read with 403', async () => {
    for (const c of [as.rev!, as.secadmin!, as.audadmin!])
      expect((await c.get('/api/venues')).statusCode).toBe(403);
  });
});

describe('GET /api/venues/:id', () => {
  it('answers 404 outside the scope', async () => {
    expect((await as.uadmin!.get(`/api/venues/${b1Venue}`)).statusCode).toBe(404);
    expect((await as.appl!.get(`/api/venues/${b1Venue}`)).statusCode).toBe(404);
    const ok = await as.cadmin!.get(`/api/venues/${b1Venue}`);
    expect(ok.json()).toMatchObject({ name: '工会职工书屋', organizationName: '市总工会权益保障部党支部' });
  });
});

describe('POST /api/venues', () => {
  it('creates a venue with the unit of its organisation and one audit event', async () => {
    const res = await as.uadmin!.post('/api/venues', {
      organizationId: tree.a1.id,
      name: '排水五所党建长廊',
      address: '',
      capacity: 40,
      facilities: '投影、党建书架',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json()).toEqual({
      id,
      organizationId: tree.a1.id,
      organizationName: '市水务局排水五所党支部',
      unitId: tree.unitA.id,
      name: '排水五所党建长廊',
      address: null,
      areaM2: null,
      capacity: 40,
      facilities: '投影、党建书架',
      openedYear: null,
      active: true,
      version: 1,
      updatedAt: '2026-11-29T08:00:00.000Z',
    });
    const events = await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, id));
    expect(events.map((e) => [e.action, e.objectType, e.unitId])).toEqual([
      ['venues.create', 'venue', tree.unitA.id],
    ]);
    expect(events[0]!.changes).toEqual({
      organizationId: { before: null, after: tree.a1.id },
      unitId: { before: null, after: tree.unitA.id },
      name: { before: null, after: '排水五所党建长廊' },
      capacity: { before: null, after: 40 },
      facilities: { before: null, after: '投影、党建书架' },
      active: { before: null, after: true },
    });
  });

  it('answers 404 on organizationId outside the write scope and 422 for an inactive organisation', async () => {
    const out = await as.uadmin!.post('/api/venues', { organizationId: tree.b1.id, name: '越权活动室' });
    expect(out.statusCode).toBe(404);
    expect(out.json().error.details[0].field).toBe('organizationId');
    const off = await insertOrg(env.db, { code: 'A9', name: '停用支部', kind: 'branch', parent: tree.unitA });
    await env.db.update(organizations).set({ active: false }).where(eq(organizations.id, off.id));
    const inactive = await as.uadmin!.post('/api/venues', { organizationId: off.id, name: '停用活动室' });
    expect(inactive.statusCode).toBe(422);
    expect(inactive.json().error.details[0]).toMatchObject({
      field: 'organizationId',
      code: 'organization_inactive',
    });
    expect(
      (await as.appl!.post('/api/venues', { organizationId: tree.a1.id, name: '申报人' })).statusCode,
    ).toBe(403);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ organizationId: tree.a1.id, name: 'x', unitId: tree.unitB.id }, 'unitId'],
      [{ organizationId: tree.a1.id, name: 'x', openedYear: 1800 }, 'openedYear'],
      [{ organizationId: tree.a1.id, name: 'x'.repeat(101) }, 'name'],
      [{ organizationId: tree.a1.id, name: 'x', capacity: 1.5 }, 'capacity'],
      [{ organizationId: 'A1', name: 'x' }, 'organizationId'],
    ];
    for (const [body, field] of cases) {
      const res = await as.cadmin!.post('/api/venues', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
    }
  });
});

describe('PATCH /api/venues/:id', () => {
  it('updates with the version, can deactivate, and audits the changed fields', async () => {
    env.clock.advance(1000);
    const res = await as.cadmin!.patch(`/api/venues/${b1Venue}`, {
      name: '职工书屋',
      active: false,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '职工书屋', active: false, version: 2, openedYear: 2020 });
    const events = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, b1Venue), notLike(auditEvents.action, 'authz.%')));
    expect(events.map((e) => [e.action, e.unitId, e.changes])).toEqual([
      [
        'venues.update',
        tree.unitB.id,
        { name: { before: '工会职工书屋', after: '职工书屋' }, active: { before: true, after: false } },
      ],
    ]);
  });

  it('answers 409 for a stale version and 404 outside the scope', async () => {
    const stale = await as.cadmin!.patch(`/api/venues/${b1Venue}`, { name: '再改', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    expect((await as.uadmin!.patch(`/api/venues/${b1Venue}`, { name: '越权', version: 2 })).statusCode).toBe(
      404,
    );
    const row = (await env.db.select().from(venues).where(eq(venues.id, b1Venue)))[0]!;
    expect([row.name, row.version]).toEqual(['职工书屋', 2]);
  });
});
