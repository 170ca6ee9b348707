/**
 * Seeds a data directory for `reviewer.e2e.ts` (run by `startSeededServer` before the server starts): the
 * test tree and users (`rev` is the reviewer), a campaign in review with two applications of branches of
 * unit A, and an open on-site inspection stage (实地考察) with both assigned to `rev` — what the committee's
 * stage, panel and assignment steps produce (their own journey is `evaluation-committee.e2e.ts`).
 * Prints `{ first, second }`: the two assignments' ids (a review's id is its assignment's).
 */
import { eq } from 'drizzle-orm';
import { openSeedDatabase } from './seed-database';
import {
  applications,
  assignments,
  campaigns,
  reviewerProfiles,
  stageResults,
  stages,
} from '../server/src/db/schema';
import { seedTree, seedUsers } from '../server/test/helpers';
import { insertApplication, seedOpenCampaign } from '../server/test/campaign-fixtures';

const DAY = 24 * 3600_000;
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-review.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
try {
  const db = database.db;
  const now = new Date();
  const tree = await seedTree(db);
  const users = await seedUsers(db, tree);
  await db
    .insert(reviewerProfiles)
    .values({ userId: users.reviewer.id, externalAffiliation: '天津大学', title: '教授' });
  const { campaign, standards } = await seedOpenCampaign(db, now);
  await db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, campaign.id));
  const [stage] = await db
    .insert(stages)
    .values({
      campaignId: campaign.id,
      position: 1,
      nameZh: '实地考察',
      nameEn: 'On-site inspection',
      method: 'criteria_scoring',
      opensAt: new Date(now.getTime() - DAY),
      closesAt: new Date(now.getTime() + 3 * DAY + 5 * 3600_000),
      weight: 1,
      status: 'open',
      minReviews: 1,
    })
    .returning();
  const ids: string[] = [];
  for (const [org, brand] of [
    [tree.a1, '“排水先锋”党建品牌'],
    [tree.b1, '“职工之家”服务品牌'],
  ] as const) {
    const app = await insertApplication(db, {
      campaignId: campaign.id,
      organization: org,
      standardVersionId: standards.branch.versionId,
      status: 'in_review',
      brandName: brand,
    });
    await db
      .update(applications)
      .set({ summary: '支部以“党建+业务”双融合为主线，建立党员责任区和先锋岗，年度完成重点攻坚任务12项。' })
      .where(eq(applications.id, app.id));
    await db.insert(stageResults).values({
      stageId: stage!.id,
      applicationId: app.id,
      campaignId: campaign.id,
      trackCode: 'site',
      orgKind: app.orgKind,
      unitId: app.unitId,
      enteredAt: now,
      updatedAt: now,
    });
    const [a] = await db
      .insert(assignments)
      .values({
        stageId: stage!.id,
        campaignId: campaign.id,
        applicationId: app.id,
        reviewerId: users.reviewer.id,
        unitId: app.unitId,
      })
      .returning();
    ids.push(a!.id);
  }
  console.log(JSON.stringify({ first: ids[0], second: ids[1] }));
} finally {
  await database.close();
}
