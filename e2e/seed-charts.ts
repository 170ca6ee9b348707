/**
 * Seeds a data directory for `charts.e2e.ts` (run by `startSeededServer` before the server starts): the
 * test tree with four more directly-affiliated units, the users (`cadmin` is the committee), and this
 * year's campaign in `deciding` through the decisions test kit — ten shortlisted branches scored by five
 * experts, one lenient (+7) and one severe (−7) — plus applications that stopped earlier (not selected,
 * returned, withdrawn, drafts) and two closed earlier years. Prints `{ campaignId, stageId }`.
 */
import { eq } from 'drizzle-orm';
import { openSeedDatabase } from './seed-database';
import { applications, campaigns, stages, users } from '../server/src/db/schema';
import { insertOrg, seedTree, seedUsers } from '../server/test/helpers';
import { defaultStandard, seedOpenCampaign } from '../server/test/campaign-fixtures';
import { seedDeciding } from '../server/src/modules/decisions/test-kit';
import type { ApplicationStatus } from '../shared/src/domain/application-workflow';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seed-charts.ts <dataDir>');
const database = await openSeedDatabase(dataDir);
const db = database.db;
const MINUTE = 60_000;

type Org = Awaited<ReturnType<typeof insertOrg>>;
const STAMPS: Partial<Record<ApplicationStatus, ('submittedAt' | 'recommendedAt' | 'acceptedAt')[]>> = {
  submitted: ['submittedAt'],
  recommended: ['submittedAt', 'recommendedAt'],
  returned: ['submittedAt'],
  withdrawn: ['submittedAt', 'recommendedAt'],
  not_selected: ['submittedAt', 'recommendedAt', 'acceptedAt'],
  certified: ['submittedAt', 'recommendedAt', 'acceptedAt'],
};

let n = 0;
async function addApplications(
  campaignId: string,
  unit: Org,
  status: ApplicationStatus,
  count: number,
  at: Date,
) {
  const branch = await defaultStandard(db, 'SITE-BRANCH');
  for (let i = 0; i < count; i++) {
    const org = await insertOrg(db, {
      code: `CH${++n}`,
      name: `示例${n}党支部`,
      kind: 'branch',
      parent: unit,
    });
    const stamps = Object.fromEntries((STAMPS[status] ?? []).map((f) => [f, at]));
    await db.insert(applications).values({
      campaignId,
      trackCode: 'site',
      subjectId: org.id,
      organizationId: org.id,
      unitId: org.unitId!,
      orgKind: 'branch',
      standardVersionId: branch.versionId,
      status,
      ...stamps,
    });
  }
}

try {
  const tree = await seedTree(db);
  await seedUsers(db, tree);
  const more: Org[] = [];
  for (const [code, name] of [
    ['C', '市交通运输委机关党委'],
    ['D', '市教委机关党委'],
    ['E', '市卫生健康委机关党委'],
    ['F', '市财政局机关党委'],
  ] as const)
    more.push(await insertOrg(db, { code, name, kind: 'party_committee', parent: tree.root }));
  const units = [tree.unitA, tree.unitB, ...more];

  // Five experts: biases +7, +1, 0, −2, −7 on a base per application, a little noise.
  const bias = [7, 1, 0, -2, -7];
  const base = [88, 85, 83, 81, 80, 78, 76, 74, 72, 70];
  const keys = [
    '排水先锋',
    '职工之家',
    '清水河',
    '同心圆',
    '红色驿站',
    '书香机关',
    '先锋岗',
    '连心桥',
    '暖心站',
    '聚力坊',
  ];
  const s = await seedDeciding(db, new Date(), {
    branchQuota: 4,
    apps: keys.map((key, i) => ({
      key,
      scores: bias.map((b, j) => Math.min(100, base[i]! + b + (((i + 1) * (j + 2)) % 5) - 2)),
      unit: units[i % units.length]!,
      submittedMinute: i + 1,
    })),
  });
  const experts = ['张建国', '李红梅', '王志强', '刘晓燕', '陈立新'];
  const reviewerRows = await db
    .select()
    .from(users)
    .where(eq(users.role, 'reviewer'))
    .orderBy(users.username);
  for (const [i, r] of reviewerRows.filter((u) => u.username.startsWith('exp')).entries())
    await db
      .update(users)
      .set({ displayName: experts[i] ?? r.displayName })
      .where(eq(users.id, r.id));
  const [c] = await db.select().from(campaigns).where(eq(campaigns.id, s.campaignId));
  const at = new Date(c!.applicationOpensAt.getTime() + 30 * MINUTE);
  await addApplications(s.campaignId, tree.unitA, 'not_selected', 3, at);
  await addApplications(s.campaignId, more[0]!, 'not_selected', 2, at);
  await addApplications(s.campaignId, tree.unitB, 'returned', 2, at);
  await addApplications(s.campaignId, more[1]!, 'withdrawn', 1, at);
  await addApplications(s.campaignId, more[2]!, 'draft', 2, at);

  // Two closed earlier years of the same campaign.
  for (const [year, certified, notSelected] of [
    [2024, 6, 9],
    [2025, 8, 12],
  ] as const) {
    const earlier = await seedOpenCampaign(db, new Date(Date.UTC(year, 3, 1)), { year });
    await db.update(campaigns).set({ status: 'closed' }).where(eq(campaigns.id, earlier.campaign.id));
    const t = new Date(Date.UTC(year, 3, 2));
    for (const [i, u] of units.entries()) {
      await addApplications(
        earlier.campaign.id,
        u,
        'certified',
        Math.ceil(certified / units.length) - (i % 2),
        t,
      );
      await addApplications(earlier.campaign.id, u, 'not_selected', Math.ceil(notSelected / units.length), t);
    }
    await addApplications(earlier.campaign.id, tree.unitA, 'returned', 2, t);
  }

  const stageRows = await db.select().from(stages).where(eq(stages.campaignId, s.campaignId));
  const stageId = stageRows.find((x) => x.method === 'criteria_scoring')!.id;
  console.log(JSON.stringify({ campaignId: s.campaignId, stageId }));
} finally {
  await database.close();
}
