/**
 * Seeds a data directory for `titles.e2e.ts`: the test tree and users, and a publicity of a confirmed
 * decision (branch A1 listed, brand 「清水先锋」) published on 2026-09-30 through the titles test kit, so its
 * window ended on 2026-10-12 and it waits to be certified. Prints `{ publicityId, campaignId }`.
 */
import { openSeedDatabase } from './seed-database';
import { seedTree, seedUsers } from '../server/test/helpers';
import { actorOf } from '../server/src/modules/decisions/test-kit';
import { seedEnded } from '../server/src/modules/titles/test-kit';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-titles.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
try {
  const tree = await seedTree(database.db);
  const users = await seedUsers(database.db, tree);
  const s = await seedEnded(
    database.db,
    { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB },
    actorOf(users.committee_admin),
  );
  console.log(JSON.stringify({ publicityId: s.publicity.id, campaignId: s.campaignId }));
} finally {
  await database.close();
}
