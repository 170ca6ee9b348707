import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertApplication, seedOpenCampaign } from './campaign-fixtures';
import { makeTestEnv, seedTree, type TestEnv } from './helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

it('seeds an open campaign on the default standards and a draft application', async () => {
  const tree = await seedTree(env.db);
  const { campaign, standards } = await seedOpenCampaign(env.db, env.clock.now);
  expect(campaign.status).toBe('open');
  expect(standards.branch.criteria.map((c) => [c.titleZh, c.maxPoints, c.bonus])).toEqual([
    ['支部班子好', 20, false],
    ['党员队伍好', 20, false],
    ['制度机制好', 20, false],
    ['工作业绩好', 20, false],
    ['群众反映好', 20, false],
    ['特色亮点创新点', 10, true],
  ]);
  const app = await insertApplication(env.db, {
    campaignId: campaign.id,
    organization: tree.a1,
    standardVersionId: standards.branch.versionId,
  });
  expect(app).toMatchObject({ status: 'draft', unitId: tree.unitA.id, orgKind: 'branch', trackCode: 'site' });
  await expect(
    insertApplication(env.db, {
      campaignId: campaign.id,
      organization: tree.a1,
      standardVersionId: standards.branch.versionId,
    }),
  ).rejects.toThrow();
});
