/**
 * Seeds a data directory for `peer.e2e.ts` (run by `startSeededServer` before the server starts): the test
 * tree and users (`appl` is the applicant of 市水务局排水五所党支部), a campaign in review and an open peer
 * stage (互比互评, rank mode, own unit excluded) whose entrants are five branches: `appl`'s, another of its
 * unit (市水务局) and three of other units. The committee draws the groups through the API in the journey.
 * Prints `{ stageId }`.
 */
import { eq } from 'drizzle-orm';
import { openSeedDatabase } from './seed-database';
import { campaigns } from '../server/src/db/schema';
import { seedTree, seedUsers } from '../server/test/helpers';
import { insertApplication, seedOpenCampaign } from '../server/test/campaign-fixtures';
import { enter, insertStage, member } from '../server/src/modules/peer/test-kit';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-peer.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
try {
  const db = database.db;
  const now = new Date();
  const tree = await seedTree(db);
  await seedUsers(db, tree);
  const { campaign, standards } = await seedOpenCampaign(db, now);
  await db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, campaign.id));
  const c = { id: campaign.id, standardVersionId: standards.branch.versionId };
  const stage = await insertStage(db, now, campaign.id, 'peer', { peerMode: 'rank', excludeOwnUnit: true });
  const own = await insertApplication(db, {
    campaignId: campaign.id,
    organization: tree.a1,
    standardVersionId: c.standardVersionId,
    status: 'in_review',
  });
  const others = [
    await member(db, c, tree.unitA, { name: '市水务局供水三所党支部' }),
    await member(db, c, tree.unitB, {
      name: '市总工会权益保障部党支部二',
    }),
    await member(db, c, tree.root, { unit: true, name: '市商务局外资处党支部' }),
    await member(db, c, tree.root, { unit: true, name: '市教委基础教育处党支部' }),
  ];
  await enter(db, stage, [own, ...others.map((o) => o.application)], now);
  console.log(JSON.stringify({ stageId: stage.id }));
} finally {
  await database.close();
}
