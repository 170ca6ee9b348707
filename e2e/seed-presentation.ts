/**
 * Seeds a data directory for `presentation.e2e.ts` (run by `startSeededServer` before the server starts):
 * the test tree and users (`cadmin` chairs, `rev` sits on the panel), two more experts (`judge2`, `judge3`),
 * a campaign in review and an open presentation stage (现场讲述, one overall score 0–100) whose three
 * entrants are branches of three units and whose panel is the three experts. The journey creates the
 * session through the pages. Prints `{ campaignId, stageId }`.
 */
import { eq } from 'drizzle-orm';
import { openSeedDatabase } from './seed-database';
import { campaigns, reviewerProfiles, stageReviewers, users } from '../server/src/db/schema';
import { insertUser, seedTree, seedUsers } from '../server/test/helpers';
import { seedOpenCampaign } from '../server/test/campaign-fixtures';
import { enter, insertStage, member } from '../server/src/modules/peer/test-kit';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-presentation.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
try {
  const db = database.db;
  const now = new Date();
  const tree = await seedTree(db);
  const seeded = await seedUsers(db, tree);
  const { campaign, standards } = await seedOpenCampaign(db, now);
  await db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, campaign.id));
  const c = { id: campaign.id, standardVersionId: standards.branch.versionId };
  const stage = await insertStage(db, now, campaign.id, 'presentation', { minReviews: 3 });
  const presenters = [];
  for (const name of ['市河道管理处党支部', '市总工会权益保障部党支部', '市商务局外资处党支部'])
    presenters.push(await member(db, c, tree.root, { unit: true, name }));
  await enter(
    db,
    stage,
    presenters.map((p) => p.application),
    now,
  );
  const judges = [
    { user: seeded.reviewer, name: '陈思远', affiliation: '天津大学' },
    {
      user: await insertUser(db, { username: 'judge2', role: 'reviewer' }),
      name: '李明哲',
      affiliation: '南开大学',
    },
    {
      user: await insertUser(db, { username: 'judge3', role: 'reviewer' }),
      name: '王慧敏',
      affiliation: '市委党校',
    },
  ];
  for (const j of judges) {
    await db.update(users).set({ displayName: j.name }).where(eq(users.id, j.user.id));
    await db
      .insert(reviewerProfiles)
      .values({ userId: j.user.id, externalAffiliation: j.affiliation, title: '教授' });
    await db.insert(stageReviewers).values({ stageId: stage.id, reviewerId: j.user.id });
  }
  console.log(JSON.stringify({ campaignId: campaign.id, stageId: stage.id }));
} finally {
  await database.close();
}
