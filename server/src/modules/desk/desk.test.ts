import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  applications,
  assignments,
  auditEvents,
  campaignUnitCaps,
  cultivationMilestones,
  cultivations,
  reviews,
  stages,
  users,
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
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';

const DAY = 86_400_000;
let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let people: Awaited<ReturnType<typeof seedUsers>>;
let campaign: Awaited<ReturnType<typeof seedOpenCampaign>>;
let stageId: string;
const as: Record<string, ReturnType<typeof client>> = {};
const ids: Record<string, string> = {};

async function seedApplications() {
  const { committee, branch } = campaign.standards;
  let n = 0;
  const site = async (
    unit: typeof tree.unitA,
    kind: OrgKind,
    status: ApplicationStatus,
    org?: typeof tree.a1,
  ) => {
    const o = org ?? (await insertOrg(env.db, { code: `D${++n}`, name: `测试组织${n}`, kind, parent: unit }));
    return insertApplication(env.db, {
      campaignId: campaign.campaign.id,
      organization: o,
      standardVersionId: kind === 'branch' ? branch.versionId : committee.versionId,
      status,
      brandName: `品牌${n}`,
    });
  };
  // Branch A1 (the applicant's organisation): a draft here, and a returned application in a second campaign.
  const draft = await site(tree.unitA, 'branch', 'draft', tree.a1);
  ids.draft = draft.id;
  await site(tree.unitA, 'party_committee', 'certified', tree.unitA);
  await site(tree.unitA, 'branch', 'submitted');
  await site(tree.unitA, 'branch', 'submitted');
  await site(tree.unitA, 'branch', 'accepted');
  await site(tree.unitA, 'general_branch', 'recommended');
  await site(tree.unitB, 'branch', 'accepted', tree.b1);
  await site(tree.unitB, 'branch', 'submitted');
  await site(tree.unitB, 'branch', 'proposed');
  await site(tree.unitB, 'branch', 'returned');
  // A second campaign for the applicant's returned application (one subject per campaign and track).
  const second = await seedOpenCampaign(env.db, env.clock.now, { year: 2027 });
  const [r] = await env.db
    .insert(applications)
    .values({
      campaignId: second.campaign.id,
      trackCode: 'site',
      subjectId: tree.a1.id,
      organizationId: tree.a1.id,
      unitId: tree.unitA.id,
      orgKind: 'branch',
      standardVersionId: second.standards.branch.versionId,
      status: 'returned',
      brandName: '红色驿站',
      returnedReason: '请补充佐证材料',
    })
    .returning();
  ids.returned = r!.id;
  ids.second = second.campaign.id;
  await env.db
    .insert(campaignUnitCaps)
    .values({ campaignId: campaign.campaign.id, trackCode: 'site', unitId: tree.unitA.id, cap: 5 });
}

async function seedCultivation() {
  const today = new Date(env.clock.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const plus = (days: number) =>
    new Date(new Date(`${today}T00:00:00Z`).getTime() + days * DAY).toISOString().slice(0, 10);
  const mk = async (code: string) => {
    const o = await insertOrg(env.db, { code, name: `培育${code}`, kind: 'branch', parent: tree.unitA });
    const [c] = await env.db
      .insert(cultivations)
      .values({ unitId: tree.unitA.id, trackCode: 'site', organizationId: o.id, subjectId: o.id })
      .returning();
    return c!.id;
  };
  const late = await mk('C1'); // overdue (and so due)
  const soon = await mk('C2'); // due in 10 days
  const later = await mk('C3'); // due in 30 days: not yet
  const done = await mk('C4'); // overdue but done
  await env.db.insert(cultivationMilestones).values([
    { cultivationId: late, title: '制定计划', dueOn: plus(-3) },
    { cultivationId: soon, title: '中期检查', dueOn: plus(10) },
    { cultivationId: later, title: '总结', dueOn: plus(30) },
    { cultivationId: done, title: '完成', dueOn: plus(-1), doneAt: env.clock.now },
  ]);
}

async function seedStage() {
  const [s] = await env.db
    .insert(stages)
    .values({
      campaignId: campaign.campaign.id,
      position: 1,
      nameZh: '材料评审',
      nameEn: 'Document review',
      method: 'criteria_scoring',
      opensAt: new Date(env.clock.now.getTime() - DAY),
      closesAt: new Date(env.clock.now.getTime() + 5 * DAY),
      weight: 1,
      status: 'open',
    })
    .returning();
  stageId = s!.id;
  const accepted = await env.db.select().from(applications).where(eq(applications.status, 'accepted'));
  for (const [i, a] of accepted.entries()) {
    const [as1] = await env.db
      .insert(assignments)
      .values({
        stageId,
        campaignId: campaign.campaign.id,
        applicationId: a.id,
        reviewerId: people.reviewer.id,
        unitId: a.unitId,
      })
      .returning();
    await env.db.insert(reviews).values({
      id: as1!.id,
      stageId,
      applicationId: a.id,
      reviewerId: people.reviewer.id,
      unitId: a.unitId,
      status: i === 0 ? 'locked' : 'pending',
    });
  }
}

async function seedAccounts() {
  await env.db
    .update(users)
    .set({ lockedUntil: new Date(env.clock.now.getTime() + 10 * 60_000) })
    .where(eq(users.id, people.applicant.id));
  await insertUser(env.db, {
    username: 'newbie',
    role: 'applicant',
    organizationId: tree.b1.id,
    unitId: tree.unitB.id,
    mustChangePassword: true,
  });
  await env.db
    .update(users)
    .set({ lockedUntil: new Date(env.clock.now.getTime() - 60_000) })
    .where(eq(users.username, 'newbie'));
  const event = (action: string, outcome: 'success' | 'failure' | 'denied', at: Date, extra = {}) => ({
    at,
    action,
    outcome,
    actorName: 'secadmin',
    ...extra,
  });
  const now = env.clock.now; // 2026-11-29T08:00Z = 16:00 in Beijing
  const yesterday = new Date(now.getTime() - 17 * 3600_000); // 23:00 the day before in Beijing
  await env.db.insert(auditEvents).values([
    event('authz.denied', 'denied', now),
    event('authz.denied', 'denied', yesterday),
    event('auth.login', 'failure', now),
    event('auth.login', 'success', now),
    event('accounts.update', 'success', now, {
      objectType: 'user',
      objectId: people.unit_admin.id,
      changes: {
        role: { before: 'applicant', after: 'unit_admin' },
        username: { before: 'uadmin', after: 'uadmin' },
      },
    }),
    event('accounts.reset_password', 'success', now, { objectType: 'user', objectId: people.applicant.id }),
  ]);
}

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  people = await seedUsers(env.db, tree);
  for (const u of ['cadmin', 'uadmin', 'appl', 'rev', 'secadmin', 'audadmin'])
    as[u] = client(env.app, await login(env.app, u));
  campaign = await seedOpenCampaign(env.db, env.clock.now);
  await seedApplications();
  await seedCultivation();
  await seedStage();
  await seedAccounts();
});
afterAll(() => env.close());

const c = () => campaign.campaign;
const at = (d: Date) => d.toISOString();

describe('GET /api/me/desk', () => {
  it('shows the applicant its returned applications with the reason, drafts with what is missing and deadlines', async () => {
    const res = await as.appl!.get('/api/me/desk');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.returned).toEqual({
      total: 1,
      items: [
        {
          id: ids.returned,
          title: '红色驿站',
          campaignName: '2027年度“双示范”创建',
          reason: '请补充佐证材料',
        },
      ],
    });
    expect(body.drafts.total).toBe(1);
    expect(body.drafts.items).toHaveLength(1);
    // The seed's branch standard: 2 fields + a self-score per criterion + evidence where asked = 12
    // required; only the brand is filled.
    expect(body.drafts.items).toEqual([
      { id: ids.draft, title: '品牌0', campaignName: c().name, missing: 11, required: 12 },
    ]);
    expect(body.submitted).toBe(0);
    expect(body.deadlines).toEqual(
      [
        {
          campaignId: c().id,
          campaignName: c().name,
          kind: 'application_closes',
          at: at(c().applicationClosesAt),
        },
        {
          campaignId: ids.second,
          campaignName: '2027年度“双示范”创建',
          kind: 'application_closes',
          at: at(c().applicationClosesAt),
        },
      ].sort((a, b) => a.campaignName.localeCompare(b.campaignName)),
    );
    // Equal to the lists the desk links to.
    const list = await as.appl!.get('/api/applications?status=returned');
    expect(list.json().total).toBe(1);
  });

  it("counts the unit admin's pending checks, caps, due milestones and deadlines in its unit", async () => {
    const body = (await as.uadmin!.get('/api/me/desk')).json();
    expect(body.role).toBe('unit_admin');
    expect(body.pendingReview).toBe(2);
    expect(body.caps).toEqual(
      expect.arrayContaining([
        {
          campaignId: c().id,
          campaignName: c().name,
          track: 'site',
          trackNameZh: '基层党建工作示范点',
          trackNameEn: expect.any(String),
          cap: 5,
          // recommended + accepted + certified
          used: 3,
        },
      ]),
    );
    expect(body.caps).toHaveLength(4);
    expect(body.milestonesDue).toBe(2);
    expect(body.milestonesOverdue).toBe(1);
    expect(body.deadlines.map((d: { kind: string }) => d.kind)).toEqual([
      'application_closes',
      'application_closes',
      'recommendation_deadline',
      'recommendation_deadline',
    ]);
    expect((await as.uadmin!.get('/api/applications?status=submitted')).json().total).toBe(2);
    expect((await as.uadmin!.get('/api/cultivations?milestones=due')).json().total).toBe(2);
    expect((await as.uadmin!.get('/api/cultivations?milestones=overdue')).json().total).toBe(1);
  });

  it('gives the committee intake, waiting units, stage progress and quota fill per active campaign', async () => {
    const body = (await as.cadmin!.get('/api/me/desk')).json();
    expect(body.role).toBe('committee_admin');
    const first = body.campaigns.find((x: { id: string }) => x.id === c().id);
    expect(first.pendingIntake).toBe(1);
    expect(first.waitingUnits).toEqual([
      { unitId: tree.unitA.id, unitName: '市水务局机关党委', waiting: 2 },
      { unitId: tree.unitB.id, unitName: '市总工会机关党委', waiting: 1 },
    ]);
    expect(first.stages).toEqual([
      {
        id: stageId,
        nameZh: '材料评审',
        nameEn: 'Document review',
        status: 'open',
        opensAt: at(new Date(env.clock.now.getTime() - DAY)),
        closesAt: at(new Date(env.clock.now.getTime() + 5 * DAY)),
        assigned: 2,
        locked: 1,
      },
    ]);
    expect(
      first.quotas.map((q: Record<string, unknown>) => [q.orgKind, q.quota, q.accepted, q.selected]),
    ).toEqual([
      ['party_committee', 4, 1, 1],
      ['general_branch', 3, 0, 0],
      ['branch', 30, 3, 1],
      [null, 32, 0, 0],
    ]);
    const list = await as.cadmin!.get(`/api/applications?campaignId=${c().id}&status=recommended`);
    expect(list.json().total).toBe(1);
  });

  it('shows the security admin locked accounts, pending password changes and privilege changes', async () => {
    const body = (await as.secadmin!.get('/api/me/desk')).json();
    expect(body).toEqual({
      role: 'security_admin',
      locked: 1,
      mustChangePassword: 1,
      privilegeChanges: {
        total: 1,
        items: [
          {
            at: at(env.clock.now),
            actorName: 'secadmin',
            action: 'accounts.update',
            accountId: people.unit_admin.id,
            accountName: 'uadmin',
            roleBefore: 'applicant',
            roleAfter: 'unit_admin',
          },
        ],
      },
      integrityFailures: { total: 0, items: [] },
    });
    expect((await as.secadmin!.get('/api/accounts?state=locked')).json().total).toBe(1);
    expect((await as.secadmin!.get('/api/accounts?state=must_change_password')).json().total).toBe(1);
  });

  it("counts the audit admin's events since Beijing midnight", async () => {
    const body = (await as.audadmin!.get('/api/me/desk')).json();
    // 2026-11-29T08:00Z is 16:00 in Beijing: the day began at 2026-11-28T16:00Z.
    expect(body.since).toBe('2026-11-28T16:00:00.000Z');
    // The logins of this file's setup succeeded; one failure and one denial were seeded today.
    expect(body).toMatchObject({
      role: 'audit_admin',
      deniedRequests: 1,
      failedLogins: 1,
      accountChanges: 2,
    });
    // The week's trend, oldest first: yesterday's 23:00 denial is the 28th's, today's counts are the cards'.
    const zero = { denied: 0, failedLogins: 0, accountChanges: 0 };
    expect(body.days).toEqual([
      { day: '2026-11-23', ...zero },
      { day: '2026-11-24', ...zero },
      { day: '2026-11-25', ...zero },
      { day: '2026-11-26', ...zero },
      { day: '2026-11-27', ...zero },
      { day: '2026-11-28', ...zero, denied: 1 },
      { day: '2026-11-29', denied: 1, failedLogins: 1, accountChanges: 2 },
    ]);
    const q = new URLSearchParams({ from: body.since, outcome: 'denied' });
    expect((await as.audadmin!.get(`/api/audit-events?${q}`)).json().total).toBe(1);
  });

  it("lists the reviewer's stages with its assignments and deadlines", async () => {
    const body = (await as.rev!.get('/api/me/desk')).json();
    expect(body).toEqual({
      role: 'reviewer',
      stages: [
        {
          id: stageId,
          nameZh: '材料评审',
          nameEn: 'Document review',
          status: 'open',
          opensAt: at(new Date(env.clock.now.getTime() - DAY)),
          closesAt: at(new Date(env.clock.now.getTime() + 5 * DAY)),
          assigned: 2,
          locked: 1,
          campaignName: c().name,
        },
      ],
    });
  });

  it('answers 401 without a session', async () => {
    expect((await client(env.app, null).get('/api/me/desk')).statusCode).toBe(401);
  });
});
