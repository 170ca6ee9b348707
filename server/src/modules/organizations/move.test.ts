import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import {
  applicationEvents,
  applications,
  auditEvents,
  cultivations,
  organizations,
  selfAssessments,
  users,
  venues,
} from '../../db/schema';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
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

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
const as: Record<string, ReturnType<typeof client>> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin']) as[u] = client(env.app, await login(env.app, u));
});
afterAll(() => env.close());

const rowOf = async (id: string) =>
  (await env.db.select().from(organizations).where(eq(organizations.id, id)))[0]!;
const eventsOf = (objectId: string, action: string) =>
  env.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.objectId, objectId))
    .then((rows) => rows.filter((e) => e.action === action));

/** Unit A → committee P → general branch G → branch G1, with a venue and an account at G1. */
async function subtree(tag: string) {
  const p = await insertOrg(env.db, {
    code: `P${tag}`,
    name: `排水党委${tag}`,
    kind: 'party_committee',
    parent: tree.unitA,
  });
  const g = await insertOrg(env.db, {
    code: `G${tag}`,
    name: `排水党总支${tag}`,
    kind: 'general_branch',
    parent: p,
  });
  const g1 = await insertOrg(env.db, {
    code: `G1${tag}`,
    name: `排水一支部${tag}`,
    kind: 'branch',
    parent: g,
  });
  const [venue] = await env.db
    .insert(venues)
    .values({ organizationId: g1.id, unitId: tree.unitA.id, name: `党员活动室${tag}` })
    .returning();
  const user = await insertUser(env.db, {
    username: `g1user${tag}`,
    role: 'applicant',
    organizationId: g1.id,
    unitId: tree.unitA.id,
  });
  return { p, g, g1, venue: venue!, user };
}

describe('POST /api/organizations/:id/move', () => {
  it('moves a subtree to another unit, rewriting path, depth and unit of every descendant, venue and account', async () => {
    const s = await subtree('m1');
    const res = await as.cadmin!.post(`/api/organizations/${s.p.id}/move`, {
      parentId: tree.unitB.id,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: s.p.id,
      parentId: tree.unitB.id,
      unitId: tree.unitB.id,
      unitName: '市总工会机关党委',
      depth: 2,
      version: 2,
    });
    const rows = await env.db
      .select({
        id: organizations.id,
        path: organizations.path,
        depth: organizations.depth,
        unitId: organizations.unitId,
        version: organizations.version,
      })
      .from(organizations)
      .where(inArray(organizations.id, [s.p.id, s.g.id, s.g1.id]));
    const base = `/${tree.root.id}/${tree.unitB.id}/`;
    expect(Object.fromEntries(rows.map((r) => [r.id, r]))).toEqual({
      [s.p.id]: { id: s.p.id, path: `${base}${s.p.id}/`, depth: 2, unitId: tree.unitB.id, version: 2 },
      [s.g.id]: {
        id: s.g.id,
        path: `${base}${s.p.id}/${s.g.id}/`,
        depth: 3,
        unitId: tree.unitB.id,
        version: 1,
      },
      [s.g1.id]: {
        id: s.g1.id,
        path: `${base}${s.p.id}/${s.g.id}/${s.g1.id}/`,
        depth: 4,
        unitId: tree.unitB.id,
        version: 1,
      },
    });
    expect((await env.db.select().from(venues).where(eq(venues.id, s.venue.id)))[0]!.unitId).toBe(
      tree.unitB.id,
    );
    expect((await env.db.select().from(users).where(eq(users.id, s.user.id)))[0]!.unitId).toBe(tree.unitB.id);
    // Untouched neighbours keep their unit.
    expect((await rowOf(tree.a1.id)).unitId).toBe(tree.unitA.id);
    const events = await eventsOf(s.p.id, 'organizations.move');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ unitId: tree.unitB.id, detail: 'subtree of 3' });
    expect(events[0]!.changes).toEqual({
      parentId: { before: tree.unitA.id, after: tree.unitB.id },
      unitId: { before: tree.unitA.id, after: tree.unitB.id },
    });
  });

  it('moves the campaign records of the subtree to the new unit: applications, their history and self-assessments, cultivations', async () => {
    const s = await subtree('c9');
    const { campaign, standards } = await seedOpenCampaign(env.db, env.clock.now, { year: 2031 });
    const app = await insertApplication(env.db, {
      campaignId: campaign.id,
      organization: s.g1,
      standardVersionId: standards.branch.versionId,
    });
    const criterion = standards.branch.criteria[0]!;
    await env.db
      .insert(selfAssessments)
      .values({ applicationId: app.id, criterionId: criterion.id, unitId: tree.unitA.id, score: 18 });
    await env.db.insert(applicationEvents).values({
      applicationId: app.id,
      unitId: tree.unitA.id,
      at: env.clock.now,
      action: 'create',
      toStatus: 'draft',
    });
    const [cult] = await env.db
      .insert(cultivations)
      .values({ unitId: tree.unitA.id, trackCode: 'site', organizationId: s.g1.id, subjectId: s.g1.id })
      .returning();
    const res = await as.cadmin!.post(`/api/organizations/${s.p.id}/move`, {
      parentId: tree.unitB.id,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    const unitOf = async (table: typeof applications | typeof cultivations, id: string) =>
      (await env.db.select({ unitId: table.unitId }).from(table).where(eq(table.id, id)))[0]!.unitId;
    expect(await unitOf(applications, app.id)).toBe(tree.unitB.id);
    expect(await unitOf(cultivations, cult!.id)).toBe(tree.unitB.id);
    expect(
      (await env.db.select().from(selfAssessments).where(eq(selfAssessments.applicationId, app.id)))[0]!
        .unitId,
    ).toBe(tree.unitB.id);
    expect(
      (await env.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app.id)))[0]!
        .unitId,
    ).toBe(tree.unitB.id);
  });

  it('makes a subtree moved under the working committee a unit of its own', async () => {
    const s = await subtree('m2');
    const res = await as.cadmin!.post(`/api/organizations/${s.g.id}/move`, {
      parentId: tree.root.id,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ depth: 1, unitId: s.g.id, unitName: `排水党总支m2` });
    expect(await rowOf(s.g1.id)).toMatchObject({
      path: `/${tree.root.id}/${s.g.id}/${s.g1.id}/`,
      depth: 2,
      unitId: s.g.id,
    });
    expect((await env.db.select().from(users).where(eq(users.id, s.user.id)))[0]!.unitId).toBe(s.g.id);
    expect((await rowOf(s.p.id)).unitId).toBe(tree.unitA.id);
  });

  it('refuses a cycle, the root, a kind rule and an inactive parent with 422 ORG_RULE, changing nothing', async () => {
    const s = await subtree('m3');
    const cases = [
      [s.p.id, s.g.id, 'move_into_own_subtree'],
      [s.p.id, s.p.id, 'move_into_own_subtree'],
      [tree.root.id, tree.unitA.id, 'root_cannot_move'],
      [s.g1.id, tree.a1.id, 'parent_kind_not_allowed'],
      [s.g.id, s.g.id, 'move_into_own_subtree'],
    ] as const;
    for (const [id, parentId, code] of cases) {
      const version = (await rowOf(id)).version;
      const res = await as.cadmin!.post(`/api/organizations/${id}/move`, { parentId, version });
      expect(res.statusCode, code).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'ORG_RULE', details: [{ field: 'parentId', code }] });
    }
    const inactive = await insertOrg(env.db, {
      code: 'OFF',
      name: '停用党委',
      kind: 'party_committee',
      parent: tree.unitA,
    });
    await env.db.update(organizations).set({ active: false }).where(eq(organizations.id, inactive.id));
    const res = await as.cadmin!.post(`/api/organizations/${s.g1.id}/move`, {
      parentId: inactive.id,
      version: 1,
    });
    expect(res.json().error.details[0].code).toBe('parent_inactive');
    expect((await rowOf(s.p.id)).path).toBe(s.p.path);
    expect((await rowOf(s.g1.id)).path).toBe(s.g1.path);
    expect(await eventsOf(s.p.id, 'organizations.move')).toEqual([]);
  });

  it('keeps a unit admin inside its unit: 404 for an org or a new parent outside it', async () => {
    const s = await subtree('m4');
    const out = await as.uadmin!.post(`/api/organizations/${tree.b1.id}/move`, {
      parentId: tree.unitA.id,
      version: 1,
    });
    expect(out.statusCode).toBe(404);
    const toB = await as.uadmin!.post(`/api/organizations/${s.g1.id}/move`, {
      parentId: tree.unitB.id,
      version: 1,
    });
    expect(toB.statusCode).toBe(404);
    expect(toB.json().error.details[0].field).toBe('parentId');
    const inside = await as.uadmin!.post(`/api/organizations/${s.g1.id}/move`, {
      parentId: tree.unitA.id,
      version: 1,
    });
    expect(inside.statusCode).toBe(200);
    expect(inside.json()).toMatchObject({ parentId: tree.unitA.id, depth: 2, unitId: tree.unitA.id });
  });

  it('answers 409 VERSION_CONFLICT for a stale version', async () => {
    const s = await subtree('m5');
    const res = await as.cadmin!.post(`/api/organizations/${s.g1.id}/move`, {
      parentId: tree.unitB.id,
      version: 7,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
  });
});

describe('deactivate and activate', () => {
  it('deactivates a leaf and activates it again, one audit event each, no account touched', async () => {
    const s = await subtree('d1');
    const off = await as.uadmin!.post(`/api/organizations/${s.g1.id}/deactivate`, { version: 1 });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await env.db.select().from(users).where(eq(users.id, s.user.id)))[0]!.disabled).toBe(false);
    const on = await as.uadmin!.post(`/api/organizations/${s.g1.id}/activate`, { version: 2 });
    expect(on.json()).toMatchObject({ active: true, version: 3 });
    const deactivated = await eventsOf(s.g1.id, 'organizations.deactivate');
    const activated = await eventsOf(s.g1.id, 'organizations.activate');
    expect(deactivated.map((e) => [e.unitId, e.changes])).toEqual([
      [tree.unitA.id, { active: { before: true, after: false } }],
    ]);
    expect(activated.map((e) => e.changes)).toEqual([{ active: { before: false, after: true } }]);
  });

  it('refuses to deactivate an organisation with active children, and to activate or create under an inactive parent', async () => {
    const s = await subtree('d2');
    const busy = await as.cadmin!.post(`/api/organizations/${s.g.id}/deactivate`, { version: 1 });
    expect(busy.statusCode).toBe(422);
    expect(busy.json().error.details[0].code).toBe('has_active_children');
    expect(
      (await as.cadmin!.post(`/api/organizations/${s.g1.id}/deactivate`, { version: 1 })).statusCode,
    ).toBe(200);
    expect(
      (await as.cadmin!.post(`/api/organizations/${s.g.id}/deactivate`, { version: 1 })).statusCode,
    ).toBe(200);
    const orphan = await as.cadmin!.post(`/api/organizations/${s.g1.id}/activate`, { version: 2 });
    expect(orphan.statusCode).toBe(422);
    expect(orphan.json().error.details[0]).toMatchObject({ field: 'parentId', code: 'parent_inactive' });
    const again = await as.cadmin!.post(`/api/organizations/${s.g.id}/deactivate`, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: [{ code: 'already_inactive' }] });
    const child = await as.cadmin!.post('/api/organizations', {
      code: 'UNDER-OFF',
      name: '停用总支下的新支部',
      kind: 'branch',
      parentId: s.g.id,
    });
    expect(child.statusCode).toBe(422);
    expect(child.json().error.details[0]).toMatchObject({ field: 'parentId', code: 'parent_inactive' });
    const root = await as.cadmin!.post(`/api/organizations/${tree.root.id}/deactivate`, {
      version: (await rowOf(tree.root.id)).version,
    });
    expect(root.json().error.details[0].code).toBe('root_cannot_deactivate');
  });

  it('answers 404 to a unit admin outside its unit and 409 for a stale version', async () => {
    expect(
      (await as.uadmin!.post(`/api/organizations/${tree.b1.id}/deactivate`, { version: 1 })).statusCode,
    ).toBe(404);
    expect(
      (await as.uadmin!.post(`/api/organizations/${tree.b1.id}/activate`, { version: 1 })).statusCode,
    ).toBe(404);
    const stale = await as.uadmin!.post(`/api/organizations/${tree.a1.id}/deactivate`, { version: 9 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await rowOf(tree.a1.id)).active).toBe(true);
  });
});
