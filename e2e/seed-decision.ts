/**
 * Seeds a data directory for `decision.e2e.ts` (run by `startSeededServer` before the server starts): the
 * test tree and users (`cadmin` is the committee), and a campaign in `deciding` with four shortlisted
 * branches scored 90 / 85 / 80 / 70 against a quota of 2, through the decisions module's test kit (the
 * API has no way to produce closed stages with locked reviews in one go). Prints `{ campaignId }`.
 */
import { openSeedDatabase } from './seed-database';
import { seedTree, seedUsers } from '../server/test/helpers';
import { seedDeciding } from '../server/src/modules/decisions/test-kit';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-decision.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
try {
  const tree = await seedTree(database.db);
  await seedUsers(database.db, tree);
  const s = await seedDeciding(database.db, new Date(), {
    branchQuota: 2,
    apps: [
      { key: '排水先锋', scores: [90, 92, 88], org: tree.a1, unit: tree.unitA, submittedMinute: 1 },
      { key: '职工之家', scores: [85, 84, 86], org: tree.b1, unit: tree.unitB, submittedMinute: 2 },
      { key: '清水河', scores: [80, 81, 79], unit: tree.unitA, submittedMinute: 3 },
      { key: '同心圆', scores: [70, 72, 68], unit: tree.unitB, submittedMinute: 4 },
    ],
  });
  console.log(JSON.stringify({ campaignId: s.campaignId }));
} finally {
  await database.close();
}
