import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditEvents, cultivationMilestones, cultivations } from '../../db/schema';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { defaultStandard } from '../../../test/campaign-fixtures';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let ua: ReturnType<typeof client>;
let branch: Awaited<ReturnType<typeof defaultStandard>>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  ua = client(env.app, await login(env.app, 'uadmin'));
  branch = await defaultStandard(env.db, 'SITE-BRANCH');
});
afterAll(() => env.close());

let n = 0;
async function freshBranch() {
  n++;
  return insertOrg(env.db, {
    code: `P${n}`,
    name: `测试支部${n}`,
    kind: 'branch',
    parent: tree.unitA,
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

describe('milestones and notes', () => {
  it('adds, completes and deletes milestones, counted on the candidate', async () => {
    const c = await cultivate(ua, (await freshBranch()).id);
    const m1 = (
      await ua.post(`/api/cultivations/${c.id}/milestones`, { title: '完成阵地改造', dueOn: '2027-03-31' })
    ).json();
    const m2res = await ua.post(`/api/cultivations/${c.id}/milestones`, { title: '形成品牌材料' });
    expect(m2res.statusCode).toBe(201);
    const m2 = m2res.json();
    expect([m1.position, m2.position]).toEqual([1, 2]);
    expect(m1).toMatchObject({ title: '完成阵地改造', dueOn: '2027-03-31', done: false, doneAt: null });

    // An empty change (found by the OpenAPI fuzzer: it answered 500) answers the milestone as it is.
    const same = await ua.patch(`/api/cultivations/${c.id}/milestones/${m1.id}`, {});
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({
      title: '完成阵地改造',
      dueOn: '2027-03-31',
      done: false,
      doneAt: null,
    });
    const done = await ua.patch(`/api/cultivations/${c.id}/milestones/${m1.id}`, { done: true });
    expect(done.json()).toMatchObject({ done: true, doneAt: env.clock.now.toISOString() });
    let detail = (await ua.get(`/api/cultivations/${c.id}`)).json();
    expect([detail.milestonesDone, detail.milestonesTotal]).toEqual([1, 2]);
    expect(detail.milestones.map((m: { title: string }) => m.title)).toEqual([
      '完成阵地改造',
      '形成品牌材料',
    ]);

    const other = await cultivate(ua, (await freshBranch()).id);
    expect((await ua.delete(`/api/cultivations/${other.id}/milestones/${m2.id}`)).statusCode).toBe(404);
    expect((await ua.delete(`/api/cultivations/${c.id}/milestones/${m2.id}`)).statusCode).toBe(204);
    detail = (await ua.get(`/api/cultivations/${c.id}`)).json();
    expect([detail.milestonesDone, detail.milestonesTotal]).toEqual([1, 1]);
    const [left] = await env.db
      .select({ n: count() })
      .from(cultivationMilestones)
      .where(eq(cultivationMilestones.cultivationId, c.id));
    expect(left!.n).toBe(1);
    expect(await auditCount('cultivations.milestone.create', c.id)).toBe(2);
    expect(await auditCount('cultivations.milestone.update', c.id)).toBe(1);
    expect(await auditCount('cultivations.milestone.delete', c.id)).toBe(1);
  });

  it('refuses a bad due date', async () => {
    const c = await cultivate(ua, (await freshBranch()).id);
    const res = await ua.post(`/api/cultivations/${c.id}/milestones`, { title: 'x', dueOn: '2027-02-30x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('dueOn');
  });

  it('records progress notes with their author, newest first', async () => {
    const c = await cultivate(ua, (await freshBranch()).id);
    await ua.post(`/api/cultivations/${c.id}/notes`, { body: '召开推进会' });
    env.clock.advance(60_000);
    const res = await ua.post(`/api/cultivations/${c.id}/notes`, { body: '走访调研' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ body: '走访调研', authorName: 'uadmin' });
    const detail = (await ua.get(`/api/cultivations/${c.id}`)).json();
    expect(detail.notes.map((x: { body: string }) => x.body)).toEqual(['走访调研', '召开推进会']);
    expect(await auditCount('cultivations.note.create', c.id)).toBe(2);
  });
});

describe('readiness self-check', () => {
  it('scores against the current standard and answers per-criterion scores, max, gaps and totals', async () => {
    const c = await cultivate(ua, (await freshBranch()).id);
    const [k1, k2, , , , bonus] = branch.criteria;
    const res = await ua.put(`/api/cultivations/${c.id}/readiness`, {
      items: [
        { criterionId: k1!.id, score: 18, gap: null },
        { criterionId: k2!.id, score: 12.5, gap: '学习台账不完整' },
        { criterionId: bonus!.id, score: 6 },
      ],
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      standardVersionId: branch.versionId,
      standardCode: 'SITE-BRANCH',
      current: true,
      scored: 3,
      criteriaCount: 6,
      total: 36.5,
      max: 100,
      percentage: 36.5,
    });
    expect(
      r.items.map((i: { maxPoints: number; score: number | null; gap: string | null }) => [
        i.maxPoints,
        i.score,
        i.gap,
      ]),
    ).toEqual([
      [20, 18, null],
      [20, 12.5, '学习台账不完整'],
      [20, null, null],
      [20, null, null],
      [20, null, null],
      [10, 6, null],
    ]);
    const listed = (await ua.get('/api/cultivations?pageSize=200'))
      .json()
      .items.find((x: { id: string }) => x.id === c.id);
    expect(listed.readinessPercentage).toBe(36.5);
    expect((await ua.get(`/api/cultivations/${c.id}`)).json().readiness.total).toBe(36.5);
    expect(await auditCount('cultivations.readiness.update', c.id)).toBe(1);
  });

  it('refuses unknown criteria and scores off the 0.5 grid or above the maximum, writing nothing', async () => {
    const c = await cultivate(ua, (await freshBranch()).id);
    const venue = await defaultStandard(env.db, 'VENUE');
    const res = await ua.put(`/api/cultivations/${c.id}/readiness`, {
      items: [
        { criterionId: venue.criteria[0]!.id, score: 1 },
        { criterionId: branch.criteria[0]!.id, score: 20.5 },
        { criterionId: branch.criteria[1]!.id, score: 3.3 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(
      res.json().error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`),
    ).toEqual([
      'items.0.criterionId:unknown_criterion',
      'items.1.score:invalid_score',
      'items.2.score:invalid_score',
    ]);
    const [row] = await env.db.select().from(cultivations).where(eq(cultivations.id, c.id));
    expect(row!.readiness).toBeNull();
  });
});
