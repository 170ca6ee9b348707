import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictOverrides, declaredConflicts, reviewerProfiles } from '../../db/schema';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import { insertOrg, insertUser, makeTestEnv, seedTree, type TestEnv } from '../../../test/helpers';
import { assertObject, objectRefusal } from '../../core/object-rules';
import type { Ctx } from '../../core/context';
import { conflictStatus, conflictStatuses } from './queries';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let apps: { a1: string; b1: string };
let reviewers: Record<'unitA' | 'a1' | 'sibling' | 'b1' | 'root' | 'external', string>;
let campaignId: string;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  const sibling = await insertOrg(env.db, {
    code: 'A2',
    name: '市水务局办公室党支部',
    kind: 'branch',
    parent: tree.unitA,
  });
  const { campaign, standards } = await seedOpenCampaign(env.db, env.clock.now);
  campaignId = campaign.id;
  const app = (org: typeof tree.a1) =>
    insertApplication(env.db, {
      campaignId,
      organization: org,
      standardVersionId: standards.branch.versionId,
      status: 'in_review',
    });
  apps = { a1: (await app(tree.a1)).id, b1: (await app(tree.b1)).id };
  const reviewer = async (name: string, org: { id: string; path: string; unitId: string | null } | null) => {
    const u = await insertUser(env.db, { username: name, role: 'reviewer' });
    await env.db.insert(reviewerProfiles).values({
      userId: u.id,
      affiliationOrgId: org?.id ?? null,
      affiliationPath: org?.path ?? null,
      affiliationUnitId: org?.unitId ?? null,
      externalAffiliation: org ? null : '天津大学',
    });
    return u.id;
  };
  reviewers = {
    unitA: await reviewer('r-unit-a', tree.unitA),
    a1: await reviewer('r-a1', tree.a1),
    sibling: await reviewer('r-a2', sibling),
    b1: await reviewer('r-b1', tree.b1),
    root: await reviewer('r-root', tree.root),
    external: await reviewer('r-ext', null),
  };
});
afterAll(() => env.close());

describe('conflict status of reviewer–application pairs', () => {
  it('derives conflicts from the tree: superior, same organisation or unit; none across units, at the root or outside', async () => {
    const pairs = Object.values(reviewers).map((reviewerId) => ({ reviewerId, applicationId: apps.a1 }));
    const got = await conflictStatuses(env.db, pairs);
    const view = Object.fromEntries(
      Object.entries(reviewers).map(([k, id]) => [k, got.get(`${id}:${apps.a1}`)]),
    );
    expect(view).toEqual({
      unitA: { conflicted: true, sources: ['superior'], override: null },
      a1: { conflicted: true, sources: ['same_unit'], override: null },
      sibling: { conflicted: true, sources: ['same_unit'], override: null },
      b1: { conflicted: false, sources: [], override: null },
      root: { conflicted: false, sources: [], override: null },
      external: { conflicted: false, sources: [], override: null },
    });
  });

  it('lets a written override waive a derived conflict, and a declaration add one', async () => {
    await env.db.insert(conflictOverrides).values({
      campaignId,
      reviewerId: reviewers.sibling,
      applicationId: apps.a1,
      unitId: tree.unitA.id,
      reason: '同单位不同处室，业务无交集，经工委研究同意',
      overriddenByName: '王建华',
      createdAt: new Date('2026-11-29T08:00:00Z'),
    });
    await env.db.insert(declaredConflicts).values({
      campaignId,
      reviewerId: reviewers.external,
      applicationId: apps.b1,
      unitId: tree.unitB.id,
      reason: '曾为该单位提供咨询',
    });
    expect(await conflictStatus(env.db, { reviewerId: reviewers.sibling, applicationId: apps.a1 })).toEqual({
      conflicted: false,
      sources: ['same_unit'],
      override: {
        id: expect.any(String),
        reason: '同单位不同处室，业务无交集，经工委研究同意',
        byName: '王建华',
        at: '2026-11-29T08:00:00.000Z',
      },
    });
    expect(await conflictStatus(env.db, { reviewerId: reviewers.external, applicationId: apps.b1 })).toEqual({
      conflicted: true,
      sources: ['declared'],
      override: null,
    });
  });
});

describe('object rules in a service', () => {
  const ctx = (userId: string): Ctx => ({
    actor: {
      userId,
      username: 'r',
      displayName: 'r',
      role: 'reviewer',
      organizationId: null,
      unitId: null,
      mustChangePassword: false,
    },
    ip: null,
    requestId: null,
    lang: 'zh-CN',
    now: new Date('2026-12-01T08:00:00Z'),
  });
  const stage = {
    status: 'open' as const,
    opensAt: new Date('2026-11-30T00:00:00Z'),
    closesAt: new Date('2026-12-02T00:00:00Z'),
  };
  it('maps the failing predicate to its error: 404, 403 or 409', () => {
    expect(() =>
      assertObject(ctx('r1'), 'reviews.write', { reviewerId: 'r1', conflicted: false, stage }),
    ).not.toThrow();
    expect(() =>
      assertObject(ctx('r1'), 'reviews.write', { reviewerId: 'r2', conflicted: false, stage }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() =>
      assertObject(ctx('r1'), 'reviews.write', { reviewerId: 'r1', conflicted: true, stage }),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT_OF_INTEREST' }));
    expect(
      objectRefusal(ctx('r1'), 'reviews.write', {
        reviewerId: 'r1',
        conflicted: false,
        stage: { ...stage, status: 'closed' },
      }),
    ).toBe('stage_open');
  });
});
