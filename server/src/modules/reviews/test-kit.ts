/**
 * Fixtures for the reviews and results tests: a campaign in review, stages, applications, reviewer accounts
 * and assignments inserted directly (the assignments module's API is not needed to test scoring).
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  assignments,
  campaigns,
  conflictOverrides,
  declaredConflicts,
  reviewerProfiles,
  reviews,
  stages,
} from '../../db/schema';
import {
  client,
  insertOrg,
  insertUser,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';

const DAY = 24 * 3600_000;
export type Client = ReturnType<typeof client>;
export type StageValues = Partial<typeof stages.$inferInsert>;

export async function reviewSetup() {
  const env: TestEnv = await makeTestEnv();
  const tree = await seedTree(env.db);
  const users = await seedUsers(env.db, tree);
  const seeded = await seedOpenCampaign(env.db, env.clock.now);
  await env.db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, seeded.campaign.id));
  const campaignId = seeded.campaign.id;
  const committee = client(env.app, await login(env.app, 'cadmin'));
  let n = 0;
  const uniq = () => `${++n}${crypto.randomBytes(2).toString('hex')}`;
  let position = 0;

  /** An open stage (window from a day ago to ten days ahead) with the given settings. */
  const stage = async (v: StageValues = {}) => {
    const now = env.clock.now.getTime();
    const [row] = await env.db
      .insert(stages)
      .values({
        campaignId,
        position: ++position,
        nameZh: `环节${position}`,
        nameEn: `Stage ${position}`,
        method: 'criteria_scoring',
        opensAt: new Date(now - DAY),
        closesAt: new Date(now + 10 * DAY),
        weight: 1,
        status: 'open',
        minReviews: 1,
        ...v,
      })
      .returning();
    return row!;
  };

  /** An `in_review` site branch application of a new branch under unit A (or B). */
  const application = async (unit: 'A' | 'B' = 'A', inCampaign: string = campaignId) => {
    const org = await insertOrg(env.db, {
      code: `R${uniq()}`,
      name: `评审测试支部${n}`,
      kind: 'branch',
      parent: unit === 'A' ? tree.unitA : tree.unitB,
    });
    const app = await insertApplication(env.db, {
      campaignId: inCampaign,
      organization: org,
      standardVersionId: seeded.standards.branch.versionId,
      status: 'in_review',
      brandName: `品牌${n}`,
    });
    return { ...app, org };
  };

  /** A reviewer account (external expert, or affiliated with an organisation) and its logged-in client. */
  const reviewer = async (affiliation?: { id: string; path: string; unitId: string | null }) => {
    const u = await insertUser(env.db, { username: `rev${uniq()}`, role: 'reviewer' });
    await env.db.insert(reviewerProfiles).values({
      userId: u.id,
      affiliationOrgId: affiliation?.id ?? null,
      affiliationUnitId: affiliation?.unitId ?? null,
      affiliationPath: affiliation?.path ?? null,
      externalAffiliation: affiliation ? null : '天津大学',
    });
    return { user: u, c: client(env.app, await login(env.app, u.username)) };
  };

  /** An assignment (its id is the review's id). */
  const assign = async (
    s: { id: string; campaignId?: string },
    app: { id: string; unitId: string },
    reviewerId: string,
  ) => {
    const [row] = await env.db
      .insert(assignments)
      .values({
        stageId: s.id,
        campaignId: s.campaignId ?? campaignId,
        applicationId: app.id,
        reviewerId,
        unitId: app.unitId,
      })
      .returning();
    return row!;
  };

  /** A review row inserted directly (status and score as given), for the results tests. */
  const reviewRow = async (
    s: { id: string; campaignId?: string },
    app: { id: string; unitId: string },
    reviewerId: string,
    v: { score?: number | null; status?: 'draft' | 'locked'; vetoes?: Record<string, boolean> } = {},
  ) => {
    const a = await assign(s, app, reviewerId);
    await env.db.insert(reviews).values({
      id: a.id,
      stageId: s.id,
      applicationId: app.id,
      reviewerId,
      unitId: app.unitId,
      status: v.status ?? 'locked',
      score: v.score ?? null,
      vetoes: v.vetoes ?? {},
      lockedAt: (v.status ?? 'locked') === 'locked' ? env.clock.now : null,
    });
    return a;
  };

  const declare = (reviewerId: string, app: { id: string; unitId: string; campaignId: string }) =>
    env.db.insert(declaredConflicts).values({
      campaignId: app.campaignId,
      reviewerId,
      applicationId: app.id,
      unitId: app.unitId,
      reason: '亲属关系',
    });

  const override = (reviewerId: string, app: { id: string; unitId: string; campaignId: string }) =>
    env.db.insert(conflictOverrides).values({
      campaignId: app.campaignId,
      reviewerId,
      applicationId: app.id,
      unitId: app.unitId,
      reason: '该专家仅在该单位兼职讲课，经工委研究可以评审',
      overriddenByName: 'cadmin',
    });

  /** Another campaign in review (for tests that need a clean set of stages). */
  const campaign = async () => {
    const c = await seedOpenCampaign(env.db, env.clock.now);
    await env.db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, c.campaign.id));
    return c.campaign.id;
  };

  return {
    env,
    campaign,
    db: env.db as Db,
    tree,
    users,
    campaignId,
    standards: seeded.standards,
    committee,
    stage,
    application,
    reviewer,
    assign,
    reviewRow,
    declare,
    override,
  };
}
export type ReviewSetup = Awaited<ReturnType<typeof reviewSetup>>;
