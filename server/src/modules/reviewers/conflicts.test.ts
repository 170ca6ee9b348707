import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, notLike } from 'drizzle-orm';
import { auditEvents, conflictOverrides, declaredConflicts } from '../../db/schema';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';
import { insertAssignment, seedEntrant, seedReviewer, seedStage } from './test-kit';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let committee: ReturnType<typeof client>;
let expert: ReturnType<typeof client>;
let stage: Awaited<ReturnType<typeof seedStage>>;
const apps: Record<string, { id: string; unitId: string; campaignId: string }> = {};
const rev: Record<string, { id: string }> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  const { campaign, standards } = await seedOpenCampaign(env.db, env.clock.now);
  stage = await seedStage(env.db, campaign.id, env.clock.now);
  const a2 = await insertOrg(env.db, {
    code: 'A2',
    name: '市水务局办公室党支部',
    kind: 'branch',
    parent: tree.unitA,
  });
  for (const [k, org] of [
    ['a1', tree.a1],
    ['a2', a2],
    ['b1', tree.b1],
  ] as const)
    apps[k] = await seedEntrant(env.db, stage, org, standards.branch.versionId);
  rev.unitA = await seedReviewer(env.db, 'zhang', tree.unitA);
  rev.a1 = await seedReviewer(env.db, 'li', tree.a1);
  rev.b1 = await seedReviewer(env.db, 'zhao', tree.b1);
  rev.ext = await seedReviewer(env.db, 'wang', null);
  rev.root = await seedReviewer(env.db, 'chen', tree.root);
  await insertAssignment(env.db, stage, apps.a1!, rev.ext.id);
  committee = client(env.app, await login(env.app, 'cadmin'));
  expert = client(env.app, await login(env.app, 'wang'));
});
afterAll(() => env.close());

const written = async () => ({
  declared: (await env.db.select({ n: count() }).from(declaredConflicts))[0]!.n,
  overrides: (await env.db.select({ n: count() }).from(conflictOverrides))[0]!.n,
  // Refusals are audited (authz.*); what must not be written is the change and its own event.
  events: (
    await env.db.select({ n: count() }).from(auditEvents).where(notLike(auditEvents.action, 'authz.%'))
  )[0]!.n,
});

type Item = { reviewerName: string; organizationName: string; sources: string[]; conflicted: boolean };
const brief = (items: Item[]) =>
  items.map(
    (i) => `${i.reviewerName}×${i.organizationName}:${i.sources.join('+')}:${i.conflicted ? 'X' : 'ok'}`,
  );

describe('conflicts of a stage', () => {
  it('derives conflicts live from the tree for the whole pool, and only the stage reviewers by default', async () => {
    const pool = await committee.get(`/api/stages/${stage.id}/conflicts?reviewers=pool`);
    expect(pool.statusCode).toBe(200);
    expect(brief(pool.json().items)).toEqual([
      'li×市水务局办公室党支部:same_unit:X',
      'li×市水务局排水五所党支部:same_unit:X',
      'zhang×市水务局办公室党支部:superior:X',
      'zhang×市水务局排水五所党支部:superior:X',
      'zhao×市总工会权益保障部党支部:same_unit:X',
    ]);
    const own = await committee.get(`/api/stages/${stage.id}/conflicts`);
    expect(own.json()).toEqual({ items: [], total: 0 });
    expect((await committee.get(`/api/stages/${crypto.randomUUID()}/conflicts`)).statusCode).toBe(404);
  });

  it('lets a reviewer declare for itself on its own assignment only, and the committee for any pair', async () => {
    const before = await written();
    const notAssigned = await expert.post('/api/conflicts', {
      applicationId: apps.b1!.id,
      reason: '曾在该单位挂职',
    });
    expect(notAssigned.statusCode).toBe(404);
    const forOther = await expert.post('/api/conflicts', {
      reviewerId: rev.a1!.id,
      applicationId: apps.a1!.id,
      reason: '代他人申报',
    });
    expect(forOther.statusCode).toBe(404);
    const noReason = await expert.post('/api/conflicts', { applicationId: apps.a1!.id, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    const noReviewer = await committee.post('/api/conflicts', {
      applicationId: apps.a1!.id,
      reason: '亲属关系',
    });
    expect(noReviewer.statusCode).toBe(400);
    expect(noReviewer.json().error.details[0]).toMatchObject({ field: 'reviewerId', code: 'required' });
    expect(await written()).toEqual(before);

    const own = await expert.post('/api/conflicts', { applicationId: apps.a1!.id, reason: '曾在该单位挂职' });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ reviewerId: rev.ext!.id, applicationId: apps.a1!.id, byName: 'wang' });
    const again = await expert.post('/api/conflicts', { applicationId: apps.a1!.id, reason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
    const byCommittee = await committee.post('/api/conflicts', {
      reviewerId: rev.b1!.id,
      applicationId: apps.a1!.id,
      reason: '配偶在该支部',
    });
    expect(byCommittee.statusCode).toBe(201);
    expect(await written()).toEqual({
      declared: before.declared + 2,
      overrides: before.overrides,
      events: before.events + 2,
    });
    const [e] = await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, own.json().id));
    expect(e).toMatchObject({ action: 'conflicts.declare', objectType: 'conflict', unitId: tree.unitA.id });
    // The stage list now shows the reviewers with declarations (wang is also assigned), all their pairs.
    const list = await committee.get(`/api/stages/${stage.id}/conflicts`);
    expect(brief(list.json().items)).toEqual([
      'wang×市水务局排水五所党支部:declared:X',
      'zhao×市水务局排水五所党支部:declared:X',
      'zhao×市总工会权益保障部党支部:same_unit:X',
    ]);
  });

  it('waives a derived conflict with a reason only; refuses others with nothing written', async () => {
    const before = await written();
    const noDerived = await committee.post(
      '/api/conflicts/overrides',
      { reviewerId: rev.root!.id, applicationId: apps.a1!.id, reason: '无' },
      { 'accept-language': 'en' },
    );
    expect(noDerived.statusCode).toBe(409);
    expect(noDerived.json().error.details[0]).toMatchObject({ field: 'applicationId', code: 'not_derived' });
    await committee.post('/api/conflicts', {
      reviewerId: rev.a1!.id,
      applicationId: apps.a1!.id,
      reason: '本单位',
    });
    const declaredToo = await committee.post('/api/conflicts/overrides', {
      reviewerId: rev.a1!.id,
      applicationId: apps.a1!.id,
      reason: '试图豁免',
    });
    expect(declaredToo.statusCode).toBe(409);
    expect(declaredToo.json().error.details[0].code).toBe('declared');
    const noReason = await committee.post('/api/conflicts/overrides', {
      reviewerId: rev.unitA!.id,
      applicationId: apps.a2!.id,
    });
    expect(noReason.statusCode).toBe(400);
    const after = await written();
    expect(after.overrides).toBe(before.overrides);

    const ok = await committee.post('/api/conflicts/overrides', {
      reviewerId: rev.unitA!.id,
      applicationId: apps.a2!.id,
      reason: '机关党委专职副书记，与办公室党支部无工作交集，经工委会议研究同意',
    });
    expect(ok.statusCode).toBe(201);
    const dup = await committee.post('/api/conflicts/overrides', {
      reviewerId: rev.unitA!.id,
      applicationId: apps.a2!.id,
      reason: '再次',
    });
    expect(dup.json().error.code).toBe('DUPLICATE');
    const pool = (await committee.get(`/api/stages/${stage.id}/conflicts?reviewers=pool`)).json();
    const waived = pool.items.find(
      (i: { reviewerId: string; applicationId: string }) =>
        i.reviewerId === rev.unitA!.id && i.applicationId === apps.a2!.id,
    );
    expect(waived).toMatchObject({
      sources: ['superior'],
      conflicted: false,
      override: { id: ok.json().id, byName: 'cadmin', reason: expect.stringContaining('经工委会议研究同意') },
    });
    const [e] = await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, ok.json().id));
    expect(e!.changes).toMatchObject({ sources: { after: ['superior'] } });

    const revoke = await committee.delete(`/api/conflicts/overrides/${ok.json().id}`);
    expect(revoke.statusCode).toBe(204);
    expect((await committee.delete(`/api/conflicts/overrides/${ok.json().id}`)).statusCode).toBe(404);
    const again = (await committee.get(`/api/stages/${stage.id}/conflicts?reviewers=pool`)).json();
    expect(brief(again.items)).toContain('zhang×市水务局办公室党支部:superior:X');
    const declared = await env.db
      .select()
      .from(declaredConflicts)
      .where(eq(declaredConflicts.reviewerId, rev.b1!.id));
    expect((await committee.delete(`/api/conflicts/${declared[0]!.id}`)).statusCode).toBe(204);
  });
});
