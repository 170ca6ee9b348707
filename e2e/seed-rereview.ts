/**
 * Seeds a data directory for `rereview.e2e.ts`: the test tree and users, a title certified through the
 * titles test kit (branch A1, 2026) and three more of 2026 copied from it. Prints the four titles
 * `{ titles: [{ id, serial, holderName, verifyToken }] }` (the award year's pool).
 */
import { openSeedDatabase } from './seed-database';
import { seedTree, seedUsers } from '../server/test/helpers';
import { actorOf } from '../server/src/modules/decisions/test-kit';
import { seedCertified } from '../server/src/modules/titles/test-kit';
import { cloneTitle } from '../server/src/modules/rereviews/test-kit';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-rereview.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
try {
  const tree = await seedTree(database.db);
  const users = await seedUsers(database.db, tree);
  const c = await seedCertified(
    database.db,
    { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB },
    actorOf(users.committee_admin),
  );
  const more = [];
  for (let i = 0; i < 3; i++)
    more.push(
      await cloneTitle(database.db, c.title.id, { organizationId: tree.a1.id, unitId: tree.unitA.id }),
    );
  const all = [c.title, ...more].map((t) => ({
    id: t.id,
    serial: t.serial,
    holderName: t.holderName,
  }));
  console.log(JSON.stringify({ titles: all }));
} finally {
  await database.close();
}
