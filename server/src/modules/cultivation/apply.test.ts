import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import {
  applicationEvents,
  applications,
  auditEvents,
  criteria,
  cultivations,
  selfAssessments,
  standards,
  standardVersions,
} from '../../db/schema';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { defaultStandard, insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let ua: ReturnType<typeof client>;
let open: Awaited<ReturnType<typeof seedOpenCampaign>>;
let branch: Awaited<ReturnType<typeof defaultStandard>>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  ua = client(env.app, await login(env.app, 'uadmin'));
  open = await seedOpenCampaign(env.db, env.clock.now);
  branch = await defaultStandard(env.db, 'SITE-BRANCH');
});
afterAll(() => env.close());

let n = 0;
async function candidate(plan: string | null = '三年创建计划') {
  n++;
  const org = await insertOrg(env.db, {
    code: `AP${n}`,
    name: `申报测试支部${n}`,
    kind: 'branch',
    parent: tree.unitA,
  });
  const res = await ua.post('/api/cultivations', { trackCode: 'site', organizationId: org.id, plan });
  expect(res.statusCode).toBe(201);
  return { org, c: res.json() };
}

async function applicationsOf(orgId: string) {
  return env.db.select().from(applications).where(eq(applications.organizationId, orgId));
}

describe('turning a candidate into an application in one step', () => {
  it('creates exactly one draft with the plan and the readiness scores, and marks the candidate applied', async () => {
    const { org, c } = await candidate('打造“清水先锋”党建品牌');
    await ua.put(`/api/cultivations/${c.id}/readiness`, {
      items: [
        { criterionId: branch.criteria[0]!.id, score: 18, gap: '还差述职材料' },
        { criterionId: branch.criteria[1]!.id, score: 17.5 },
        { criterionId: branch.criteria[2]!.id, score: null },
      ],
    });
    const res = await ua.post(`/api/cultivations/${c.id}/apply`, { campaignId: open.campaign.id });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      campaignId: open.campaign.id,
      status: 'draft',
      selfAssessmentsCopied: 2,
      cultivation: { status: 'applied', version: 2 },
    });
    expect(body.cultivation.applicationId).toBe(body.applicationId);

    const apps = await applicationsOf(org.id);
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({
      id: body.applicationId,
      status: 'draft',
      trackCode: 'site',
      subjectId: org.id,
      unitId: tree.unitA.id,
      orgKind: 'branch',
      standardVersionId: branch.versionId,
      cultivationId: c.id,
      summary: '打造“清水先锋”党建品牌',
    });
    const scores = await env.db
      .select({ criterionId: selfAssessments.criterionId, score: selfAssessments.score })
      .from(selfAssessments)
      .where(eq(selfAssessments.applicationId, body.applicationId));
    expect(scores.sort((a, b) => (a.score ?? 0) - (b.score ?? 0))).toEqual([
      { criterionId: branch.criteria[1]!.id, score: 17.5 },
      { criterionId: branch.criteria[0]!.id, score: 18 },
    ]);
    const history = await env.db
      .select({ action: applicationEvents.action, toStatus: applicationEvents.toStatus })
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, body.applicationId));
    expect(history).toEqual([{ action: 'create', toStatus: 'draft' }]);
    const events = await env.db
      .select({ action: auditEvents.action, objectId: auditEvents.objectId })
      .from(auditEvents)
      .where(eq(auditEvents.requestId, res.headers['x-request-id'] as string))
      .orderBy(asc(auditEvents.id));
    expect(events).toEqual([
      { action: 'applications.create', objectId: body.applicationId },
      { action: 'applications.from_cultivation', objectId: body.applicationId },
      { action: 'cultivations.apply', objectId: c.id },
    ]);
  });

  it('answers 409 to a second apply and writes nothing more', async () => {
    const { org, c } = await candidate();
    expect(
      (await ua.post(`/api/cultivations/${c.id}/apply`, { campaignId: open.campaign.id })).statusCode,
    ).toBe(201);
    const again = await ua.post(`/api/cultivations/${c.id}/apply`, { campaignId: open.campaign.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'TRANSITION_REFUSED',
      details: [{ field: 'status', code: 'already_applied' }],
    });
    expect(await applicationsOf(org.id)).toHaveLength(1);
  });

  it('rolls everything back when the campaign is not open', async () => {
    const draft = await seedOpenCampaign(env.db, env.clock.now, { year: 2027, status: 'draft' });
    const { org, c } = await candidate();
    const res = await ua.post(`/api/cultivations/${c.id}/apply`, { campaignId: draft.campaign.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CAMPAIGN_NOT_OPEN');
    expect(await applicationsOf(org.id)).toHaveLength(0);
    const [row] = await env.db.select().from(cultivations).where(eq(cultivations.id, c.id));
    expect([row!.status, row!.version]).toEqual(['cultivating', 1]);
    const [audited] = await env.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'cultivations.apply'), eq(auditEvents.objectId, c.id)));
    expect(audited!.n).toBe(0);
  });

  it('answers 409 DUPLICATE when the subject already applied to the campaign, leaving the candidate as it was', async () => {
    const { org, c } = await candidate();
    await insertApplication(env.db, {
      campaignId: open.campaign.id,
      organization: org,
      standardVersionId: branch.versionId,
    });
    const res = await ua.post(`/api/cultivations/${c.id}/apply`, { campaignId: open.campaign.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
    const [row] = await env.db.select().from(cultivations).where(eq(cultivations.id, c.id));
    expect(row!.status).toBe('cultivating');
  });

  it('refuses a dropped candidate and an unknown campaign', async () => {
    const { c } = await candidate();
    const unknown = await ua.post(`/api/cultivations/${c.id}/apply`, { campaignId: crypto.randomUUID() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details[0].field).toBe('campaignId');
    await ua.patch(`/api/cultivations/${c.id}`, { status: 'dropped', version: 1 });
    const dropped = await ua.post(`/api/cultivations/${c.id}/apply`, { campaignId: open.campaign.id });
    expect(dropped.statusCode).toBe(409);
    expect(dropped.json().error.details[0].code).toBe('dropped');
  });

  it('answers 409 DEADLINE_PASSED after applications close', async () => {
    const { c } = await candidate();
    const saved = env.clock.now;
    env.clock.now = new Date(open.campaign.applicationClosesAt.getTime() + 1000);
    try {
      const later = client(env.app, await login(env.app, 'uadmin'));
      const res = await later.post(`/api/cultivations/${c.id}/apply`, { campaignId: open.campaign.id });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('DEADLINE_PASSED');
    } finally {
      env.clock.now = saved;
    }
  });

  // Last: it publishes a version 2 of the branch standard.
  it('copies no scores when the self-check used a newer standard version than the campaign', async () => {
    const [v1] = await env.db
      .select()
      .from(standardVersions)
      .where(eq(standardVersions.id, branch.versionId));
    const [v2] = await env.db
      .insert(standardVersions)
      .values({ standardId: v1!.standardId, version: 2, note: '第二版' })
      .returning();
    const v2criteria = await env.db
      .insert(criteria)
      .values(
        branch.criteria.map(({ id: _id, standardVersionId: _v, ...k }) => ({
          ...k,
          standardVersionId: v2!.id,
        })),
      )
      .returning();
    await env.db.update(standards).set({ latestVersion: 2 }).where(eq(standards.id, v1!.standardId));

    const { org, c } = await candidate(null);
    const check = await ua.put(`/api/cultivations/${c.id}/readiness`, {
      items: [{ criterionId: v2criteria[0]!.id, score: 18 }],
    });
    expect(check.json()).toMatchObject({ version: 2, standardVersionId: v2!.id, total: 18 });
    const res = await ua.post(`/api/cultivations/${c.id}/apply`, { campaignId: open.campaign.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().selfAssessmentsCopied).toBe(0);
    const [app] = await applicationsOf(org.id);
    expect([app!.standardVersionId, app!.summary]).toEqual([branch.versionId, null]);
    const [copied] = await env.db
      .select({ n: count() })
      .from(selfAssessments)
      .where(eq(selfAssessments.applicationId, app!.id));
    expect(copied!.n).toBe(0);
  });
});
