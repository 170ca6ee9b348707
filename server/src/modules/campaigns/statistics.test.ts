import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applicationEvents, applications, campaigns } from '../../db/schema';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let campaign: Awaited<ReturnType<typeof seedOpenCampaign>>;
let earlier: Awaited<ReturnType<typeof seedOpenCampaign>>;
const as: Record<string, ReturnType<typeof client>> = {};
let n = 0;

type Stamp = 'submittedAt' | 'recommendedAt' | 'acceptedAt';
async function add(
  c: typeof campaign,
  unit: typeof tree.unitA,
  kind: OrgKind,
  status: ApplicationStatus,
  opts: { org?: typeof tree.a1; stamps?: Stamp[]; reached?: ApplicationStatus } = {},
) {
  const o =
    opts.org ?? (await insertOrg(env.db, { code: `S${++n}`, name: `统计组织${n}`, kind, parent: unit }));
  const row = await insertApplication(env.db, {
    campaignId: c.campaign.id,
    organization: o,
    standardVersionId: kind === 'branch' ? c.standards.branch.versionId : c.standards.committee.versionId,
    status,
  });
  const at = env.clock.now;
  if (opts.stamps?.length)
    await env.db
      .update(applications)
      .set(Object.fromEntries(opts.stamps.map((s) => [s, at])))
      .where(eq(applications.id, row.id));
  if (opts.reached)
    await env.db.insert(applicationEvents).values({
      applicationId: row.id,
      unitId: row.unitId,
      at,
      action: 'shortlist',
      fromStatus: 'in_review',
      toStatus: opts.reached,
    });
}

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin', 'appl', 'rev']) as[u] = client(env.app, await login(env.app, u));
  const year = env.clock.now.getUTCFullYear();
  campaign = await seedOpenCampaign(env.db, env.clock.now);
  // Unit A: reaches 8, 0, 1, 3, 2, 1 (returned), 2 (withdrawn after its unit recommended), 5 (history).
  await add(campaign, tree.unitA, 'party_committee', 'certified', { org: tree.unitA });
  await add(campaign, tree.unitA, 'branch', 'draft', { org: tree.a1 });
  await add(campaign, tree.unitA, 'branch', 'submitted');
  await add(campaign, tree.unitA, 'branch', 'accepted');
  await add(campaign, tree.unitA, 'general_branch', 'recommended');
  await add(campaign, tree.unitA, 'branch', 'returned');
  await add(campaign, tree.unitA, 'branch', 'withdrawn', { stamps: ['submittedAt', 'recommendedAt'] });
  await add(campaign, tree.unitA, 'branch', 'not_selected', { reached: 'shortlisted' });
  // Unit B: reaches 3, 4, 6.
  await add(campaign, tree.unitB, 'branch', 'accepted', { org: tree.b1 });
  await add(campaign, tree.unitB, 'branch', 'in_review');
  await add(campaign, tree.unitB, 'branch', 'proposed');

  // Last year's (closed) counts; a draft before it and next year's campaign are not compared.
  earlier = await seedOpenCampaign(env.db, env.clock.now, { year: year - 1 });
  await env.db.update(campaigns).set({ status: 'closed' }).where(eq(campaigns.id, earlier.campaign.id));
  await add(earlier, tree.unitA, 'branch', 'certified');
  await add(earlier, tree.unitB, 'branch', 'not_selected');
  const draft = await seedOpenCampaign(env.db, env.clock.now, { year: year - 2, status: 'draft' });
  await add(draft, tree.unitA, 'branch', 'submitted');
  const next = await seedOpenCampaign(env.db, env.clock.now, { year: year + 1 });
  await add(next, tree.unitA, 'branch', 'submitted');
});
afterAll(() => env.close());

const funnel = (counts: number[]) =>
  ['submitted', 'recommended', 'accepted', 'in_review', 'shortlisted', 'proposed', 'certified'].map(
    (step, i) => ({ step, count: counts[i] }),
  );

describe('GET /api/campaigns/:id/statistics', () => {
  it('counts how far applications came, per unit, quota use and the years before, for the committee', async () => {
    const res = await as.cadmin!.get(`/api/campaigns/${campaign.campaign.id}/statistics`);
    expect(res.statusCode).toBe(200);
    const year = campaign.campaign.year;
    expect(res.json()).toEqual({
      campaignId: campaign.campaign.id,
      year,
      scope: 'all',
      funnel: funnel([10, 8, 6, 4, 3, 2, 1]),
      byUnit: [
        { unitId: tree.unitA.id, unitName: '市水务局机关党委', submitted: 7, accepted: 3 },
        { unitId: tree.unitB.id, unitName: '市总工会机关党委', submitted: 3, accepted: 3 },
      ],
      quotas: [
        {
          track: 'site',
          trackName: '基层党建工作示范点',
          orgKind: 'party_committee',
          quota: 4,
          intake: 1,
          selected: 1,
          certified: 1,
        },
        {
          track: 'site',
          trackName: '基层党建工作示范点',
          orgKind: 'general_branch',
          quota: 3,
          intake: 0,
          selected: 0,
          certified: 0,
        },
        {
          track: 'site',
          trackName: '基层党建工作示范点',
          orgKind: 'branch',
          quota: 30,
          intake: 5,
          selected: 1,
          certified: 0,
        },
        {
          track: 'venue',
          trackName: '党员教育活动示范阵地',
          orgKind: null,
          quota: 32,
          intake: 0,
          selected: 0,
          certified: 0,
        },
      ],
      years: [
        {
          campaignId: earlier.campaign.id,
          year: year - 1,
          name: earlier.campaign.name,
          submitted: 2,
          accepted: 2,
          certified: 1,
        },
        {
          campaignId: campaign.campaign.id,
          year,
          name: campaign.campaign.name,
          submitted: 10,
          accepted: 6,
          certified: 1,
        },
      ],
    });
  });

  it("shows a unit admin its own unit's numbers only", async () => {
    const res = await as.uadmin!.get(`/api/campaigns/${campaign.campaign.id}/statistics`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scope).toBe('unit');
    expect(body.funnel).toEqual(funnel([7, 5, 3, 2, 2, 1, 1]));
    expect(body.byUnit).toEqual([
      { unitId: tree.unitA.id, unitName: '市水务局机关党委', submitted: 7, accepted: 3 },
    ]);
    expect(body.quotas.map((q: { intake: number }) => q.intake)).toEqual([1, 0, 2, 0]);
    expect(
      body.years.map((y: { submitted: number; accepted: number; certified: number }) => [
        y.submitted,
        y.accepted,
        y.certified,
      ]),
    ).toEqual([
      [1, 1, 1],
      [7, 3, 1],
    ]);
  });

  it('answers zeroes for a campaign without applications, 404 to a unit admin for a draft, 403 to others', async () => {
    const { campaign: draft } = await seedOpenCampaign(env.db, env.clock.now, {
      status: 'draft',
      year: 2001,
    });
    const res = await as.cadmin!.get(`/api/campaigns/${draft.id}/statistics`);
    expect(res.json()).toMatchObject({
      funnel: funnel([0, 0, 0, 0, 0, 0, 0]),
      byUnit: [
        { unitId: tree.unitA.id, submitted: 0, accepted: 0 },
        { unitId: tree.unitB.id, submitted: 0, accepted: 0 },
      ],
      years: [{ campaignId: draft.id, submitted: 0, accepted: 0, certified: 0 }],
    });
    expect(res.json().years).toHaveLength(1);
    expect((await as.uadmin!.get(`/api/campaigns/${draft.id}/statistics`)).statusCode).toBe(404);
    expect((await as.appl!.get(`/api/campaigns/${campaign.campaign.id}/statistics`)).statusCode).toBe(403);
    expect((await as.rev!.get(`/api/campaigns/${campaign.campaign.id}/statistics`)).statusCode).toBe(403);
  });
});
