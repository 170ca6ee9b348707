import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications, campaigns, venues } from '../../db/schema';
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
const as: Record<string, ReturnType<typeof client>> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin', 'appl', 'rev']) as[u] = client(env.app, await login(env.app, u));
  campaign = await seedOpenCampaign(env.db, env.clock.now);
  const { committee, branch, venue } = campaign.standards;
  let n = 0;
  const site = async (
    unit: typeof tree.unitA,
    kind: OrgKind,
    status: ApplicationStatus,
    org?: typeof tree.a1,
  ) => {
    const o = org ?? (await insertOrg(env.db, { code: `D${++n}`, name: `测试组织${n}`, kind, parent: unit }));
    await insertApplication(env.db, {
      campaignId: campaign.campaign.id,
      organization: o,
      standardVersionId: kind === 'branch' ? branch.versionId : committee.versionId,
      status,
    });
  };
  // Unit A: five site applications.
  await site(tree.unitA, 'party_committee', 'certified', tree.unitA);
  await site(tree.unitA, 'branch', 'draft', tree.a1);
  await site(tree.unitA, 'branch', 'submitted');
  await site(tree.unitA, 'branch', 'accepted');
  await site(tree.unitA, 'general_branch', 'recommended');
  // Unit B: three site applications and a venue.
  await site(tree.unitB, 'branch', 'accepted', tree.b1);
  await site(tree.unitB, 'branch', 'in_review');
  await site(tree.unitB, 'branch', 'returned');
  const [v] = await env.db
    .insert(venues)
    .values({ organizationId: tree.b1.id, unitId: tree.unitB.id, name: '党员教育基地' })
    .returning();
  await env.db.insert(applications).values({
    campaignId: campaign.campaign.id,
    trackCode: 'venue',
    subjectId: v!.id,
    organizationId: tree.b1.id,
    venueId: v!.id,
    unitId: tree.unitB.id,
    orgKind: 'branch',
    standardVersionId: venue.versionId,
    status: 'shortlisted',
  });
});
afterAll(() => env.close());

const zeroes = {
  draft: 0,
  submitted: 0,
  recommended: 0,
  accepted: 0,
  returned: 0,
  withdrawn: 0,
  in_review: 0,
  shortlisted: 0,
  not_selected: 0,
  proposed: 0,
  in_publicity: 0,
  certified: 0,
};
const byStatus = (counts: Partial<typeof zeroes>) =>
  Object.entries({ ...zeroes, ...counts }).map(([status, count]) => ({ status, count }));

describe('GET /api/campaigns/:id/dashboard', () => {
  it('counts every unit for the committee', async () => {
    const res = await as.cadmin!.get(`/api/campaigns/${campaign.campaign.id}/dashboard`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      campaignId: campaign.campaign.id,
      scope: 'all',
      total: 9,
      byStatus: byStatus({
        draft: 1,
        submitted: 1,
        recommended: 1,
        accepted: 2,
        returned: 1,
        in_review: 1,
        shortlisted: 1,
        certified: 1,
      }),
      byTrack: [
        { track: 'site', count: 8 },
        { track: 'venue', count: 1 },
      ],
      byOrgKind: [
        { orgKind: 'party_committee', count: 1 },
        { orgKind: 'general_branch', count: 1 },
        { orgKind: 'branch', count: 7 },
      ],
      byTrackKind: [
        { track: 'site', orgKind: 'party_committee', count: 1 },
        { track: 'site', orgKind: 'general_branch', count: 1 },
        { track: 'site', orgKind: 'branch', count: 6 },
        { track: 'venue', orgKind: 'branch', count: 1 },
      ],
      byUnit: [
        { unitId: tree.unitA.id, unitName: '市水务局机关党委', count: 5 },
        { unitId: tree.unitB.id, unitName: '市总工会机关党委', count: 4 },
      ],
      quotas: [
        { track: 'site', orgKind: 'party_committee', quota: 4, accepted: 1, selected: 1 },
        { track: 'site', orgKind: 'general_branch', quota: 3, accepted: 0, selected: 0 },
        { track: 'site', orgKind: 'branch', quota: 30, accepted: 3, selected: 0 },
        { track: 'venue', orgKind: null, quota: 32, accepted: 1, selected: 0 },
      ],
    });
  });

  it("shows a unit admin its own unit's numbers only", async () => {
    const res = await as.uadmin!.get(`/api/campaigns/${campaign.campaign.id}/dashboard`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      campaignId: campaign.campaign.id,
      scope: 'unit',
      total: 5,
      byStatus: byStatus({ draft: 1, submitted: 1, recommended: 1, accepted: 1, certified: 1 }),
      byTrack: [
        { track: 'site', count: 5 },
        { track: 'venue', count: 0 },
      ],
      byOrgKind: [
        { orgKind: 'party_committee', count: 1 },
        { orgKind: 'general_branch', count: 1 },
        { orgKind: 'branch', count: 3 },
      ],
      byTrackKind: [
        { track: 'site', orgKind: 'party_committee', count: 1 },
        { track: 'site', orgKind: 'general_branch', count: 1 },
        { track: 'site', orgKind: 'branch', count: 3 },
      ],
      byUnit: [{ unitId: tree.unitA.id, unitName: '市水务局机关党委', count: 5 }],
      quotas: [
        { track: 'site', orgKind: 'party_committee', quota: 4, accepted: 1, selected: 1 },
        { track: 'site', orgKind: 'general_branch', quota: 3, accepted: 0, selected: 0 },
        { track: 'site', orgKind: 'branch', quota: 30, accepted: 1, selected: 0 },
        { track: 'venue', orgKind: null, quota: 32, accepted: 0, selected: 0 },
      ],
    });
  });

  it('compares a quota with the selected applications, the intake beside it: a closed campaign with more accepted than the quota is not over it', async () => {
    const { campaign: closed, standards } = await seedOpenCampaign(env.db, env.clock.now, { year: 2025 });
    await env.db.update(campaigns).set({ status: 'closed' }).where(eq(campaigns.id, closed.id));
    // 党总支: quota 3; four passed the intake, two were certified and two not selected.
    for (const [i, status] of (
      ['certified', 'certified', 'not_selected', 'not_selected'] as const
    ).entries()) {
      const org = await insertOrg(env.db, {
        code: `Q${i}`,
        name: `总支${i}`,
        kind: 'general_branch',
        parent: tree.unitA,
      });
      await insertApplication(env.db, {
        campaignId: closed.id,
        organization: org,
        standardVersionId: standards.committee.versionId,
        status,
      });
    }
    const res = await as.cadmin!.get(`/api/campaigns/${closed.id}/dashboard`);
    expect(res.json().quotas).toEqual([
      { track: 'site', orgKind: 'party_committee', quota: 4, accepted: 0, selected: 0 },
      { track: 'site', orgKind: 'general_branch', quota: 3, accepted: 4, selected: 2 },
      { track: 'site', orgKind: 'branch', quota: 30, accepted: 0, selected: 0 },
      { track: 'venue', orgKind: null, quota: 32, accepted: 0, selected: 0 },
    ]);
  });

  it('answers zeroes for a campaign without applications, and 404 to a unit admin for a draft', async () => {
    const { campaign: draft } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const res = await as.cadmin!.get(`/api/campaigns/${draft.id}/dashboard`);
    expect(res.json()).toMatchObject({ total: 0, byStatus: byStatus({}), byOrgKind: [], byUnit: [] });
    expect((await as.uadmin!.get(`/api/campaigns/${draft.id}/dashboard`)).statusCode).toBe(404);
  });

  it('is not for applicants or reviewers', async () => {
    expect((await as.appl!.get(`/api/campaigns/${campaign.campaign.id}/dashboard`)).statusCode).toBe(403);
    expect((await as.rev!.get(`/api/campaigns/${campaign.campaign.id}/dashboard`)).statusCode).toBe(403);
  });
});
