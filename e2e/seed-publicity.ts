/**
 * Seeds a data directory for `publicity.e2e.ts`: the test tree and users, and a published publicity
 * (anonymous objections allowed) of a confirmed decision whose proposed branch is 「清水先锋」, through the
 * publicity module's test kit. Prints `{ publicityId, campaignId }`.
 */
import { openSeedDatabase } from './seed-database';
import { calendarDays } from '../server/src/db/schema';
import { seedTree, seedUsers } from '../server/test/helpers';
import { actorOf } from '../server/src/modules/decisions/test-kit';
import { seedPublished } from '../server/src/modules/publicity/test-kit';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-publicity.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
try {
  const tree = await seedTree(database.db);
  const users = await seedUsers(database.db, tree);
  const year = new Date().getFullYear();
  // The window needs the calendar of this year and the next: New Year's day of each.
  await database.db
    .insert(calendarDays)
    .values([year, year + 1].map((y) => ({ date: `${y}-01-01`, kind: 'holiday' as const, name: '元旦' })))
    .onConflictDoNothing();
  const s = await seedPublished(
    database.db,
    new Date(),
    { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB },
    actorOf(users.committee_admin),
  );
  console.log(JSON.stringify({ publicityId: s.publicity.id, campaignId: s.campaignId }));
} finally {
  await database.close();
}
