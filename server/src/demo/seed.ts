import { count } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organizations, users, venues } from '../db/schema';
import type { Ctx } from '../core/context';
import { writeAudit } from '../modules/audit/write';
import { hashPassword } from '../core/passwords';
import { buildDemo } from './build';
import { demoEpoch, seedCampaigns } from './campaigns';
import { DEMO_PASSWORD } from './data';
import { EXPERTS, seedExperts } from './experts';
import { seedHonours } from './honours';
import { yearOf } from '../../../shared/src/domain/campaign-rules';

export { DEMO_PASSWORD } from './data';

export interface DemoSummary {
  organizations: number;
  units: number;
  grassroots: number;
  venues: number;
  accounts: number;
  campaigns: number;
  applications: number;
  cultivations: number;
  notifications: number;
  /** The closed years' evaluation: stages, stage entrants, locked reviews. */
  stages: number;
  entrants: number;
  reviews: number;
  /** The working-day calendar's years; the closed years' publicities, objections and titles. */
  calendarYears: number;
  publicities: number;
  objections: number;
  titles: number;
  /** The closed years' honours (honours.ts). */
  honours: number;
}

/**
 * Seeds the demo data set into an empty database: 天津市级机关工委 with its units and grassroots
 * organisations, venues, one account per role (password `Demo-2026-shifan`, no forced change), the expert
 * pool (`experts.ts`: twelve more reviewers through the reviewers service, same password), then the
 * campaigns (`campaigns.ts`: three yearly campaigns with their applications, cultivation pools, inboxes;
 * the two closed ones evaluated, decided, published and certified by the services, with their titles)
 * and a few `demo.seed` audit events — all in one transaction. Deterministic apart from the password hash,
 * the secrets the services draw (objection receipt codes, the titles' verification tokens) and the current
 * campaign's dates, which follow `now`. Records are dated from `demoEpoch(now)`, before
 * the first campaign, so no application is older than its organisation.
 */
export async function seedDemo(db: Db, now: Date): Promise<DemoSummary> {
  const [existing] = await db.select({ n: count() }).from(organizations);
  if ((existing?.n ?? 0) > 0) throw new Error('The demo seed needs an empty database.');
  const data = buildDemo();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const since = demoEpoch(now);
  const stamps = { createdAt: since, updatedAt: since };
  const summary: DemoSummary = {
    organizations: data.orgs.length,
    units: data.orgs.filter((o) => o.depth === 1).length,
    grassroots: data.orgs.filter((o) => o.depth > 1).length,
    venues: data.venues.length,
    accounts: data.accounts.length + EXPERTS.length,
    campaigns: 0,
    applications: 0,
    cultivations: 0,
    notifications: 0,
    stages: 0,
    entrants: 0,
    reviews: 0,
    calendarYears: 0,
    publicities: 0,
    objections: 0,
    titles: 0,
    honours: 0,
  };
  const ctx: Ctx = { actor: null, ip: null, requestId: 'demo-seed', lang: 'zh-CN', now };
  const seeder = { id: null, name: 'demo', role: null };

  await db.transaction(async (tx) => {
    // Parents come before children in `orgs`, and the foreign key is checked at the end of the statement.
    await tx.insert(organizations).values(data.orgs.map((o) => ({ ...o, ...stamps })));
    await tx.insert(venues).values(data.venues.map((v) => ({ ...v, ...stamps })));
    await tx.insert(users).values(
      data.accounts.map((a) => ({
        ...a,
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: now,
        ...stamps,
      })),
    );
    const root = data.orgs[0]!;
    await writeAudit(tx, ctx, {
      action: 'demo.seed',
      objectType: 'organization',
      objectId: root.id,
      actorOverride: seeder,
      detail: `${summary.organizations} 个党组织：${summary.units} 个直属党组织，${summary.grassroots} 个基层党组织`,
    });
    await writeAudit(tx, ctx, {
      action: 'demo.seed',
      objectType: 'venue',
      actorOverride: seeder,
      detail: `${summary.venues} 个阵地`,
    });
    for (const a of data.accounts) {
      await writeAudit(tx, ctx, {
        action: 'demo.seed',
        objectType: 'user',
        objectId: a.id,
        unitId: a.unitId,
        actorOverride: seeder,
        changes: { username: { before: null, after: a.username }, role: { before: null, after: a.role } },
        detail: '演示账号',
      });
    }
    await seedExperts(tx, data, since, { passwordHash, now });
    const c = await seedCampaigns(tx, ctx, data, seeder);
    Object.assign(summary, { ...c, venues: summary.venues + c.venues });
    const year = yearOf(now);
    summary.honours = await seedHonours(tx as unknown as Db, data, [year - 2, year - 1]);
  });
  return summary;
}
