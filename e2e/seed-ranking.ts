/**
 * Seeds a data directory for the leave-page guard of the unit's rank order (`defects-guard.e2e.ts`, issue
 * #7 §1.6): the demo data, with the current campaign's recommendation deadline moved a few days ahead so
 * the demo unit may still reorder its recommended list. Run by `startSeededServer` before the server starts.
 */
import { and, eq } from 'drizzle-orm';
import { openSeedDatabase } from './seed-database';
import { applications, campaigns, campaignUnitCaps, organizations } from '../server/src/db/schema';
import { seedDemo } from '../server/src/demo/seed';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-ranking.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
const now = new Date();
await seedDemo(database.db, now);
const DAY = 24 * 3600_000;
const [open] = await database.db.select().from(campaigns).where(eq(campaigns.status, 'open'));
if (!open) throw new Error('the demo has no open campaign');
const later = (d: Date, min: number) => new Date(Math.max(d.getTime(), now.getTime() + min * DAY));
await database.db
  .update(campaigns)
  .set({
    recommendationDeadline: later(open.recommendationDeadline, 3),
    reviewStartsAt: later(open.reviewStartsAt, 4),
    reviewEndsAt: later(open.reviewEndsAt, 30),
    publicityStartsAt: later(open.publicityStartsAt, 35),
    publicityEndsAt: later(open.publicityEndsAt, 42),
  })
  .where(eq(campaigns.id, open.id));
// Two movable entries in the unit's site list: recommend submitted ones of the demo unit at the next ranks.
const [unit] = await database.db
  .select()
  .from(organizations)
  .where(eq(organizations.name, '市水务局机关党委'));
const mine = await database.db
  .select()
  .from(applications)
  .where(
    and(
      eq(applications.campaignId, open.id),
      eq(applications.unitId, unit!.id),
      eq(applications.trackCode, 'site'),
    ),
  );
const recommended = mine.filter((a) => a.status === 'recommended').length;
let rank = Math.max(0, ...mine.map((a) => a.unitRank ?? 0));
for (const a of mine.filter((x) => x.status === 'submitted').slice(0, Math.max(0, 2 - recommended))) {
  await database.db
    .update(applications)
    .set({ status: 'recommended', unitRank: ++rank, recommendedAt: now, unitOpinion: '同意推荐。' })
    .where(eq(applications.id, a.id));
}
await database.db
  .update(campaignUnitCaps)
  .set({ cap: rank + 2 })
  .where(and(eq(campaignUnitCaps.campaignId, open.id), eq(campaignUnitCaps.unitId, unit!.id)));
await database.close();
console.log(JSON.stringify({ campaignId: open.id }));
