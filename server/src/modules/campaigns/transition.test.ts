import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  applicationEvents,
  applications,
  auditEvents,
  campaigns,
  campaignStandards,
  decisions,
  stageResults,
  stages,
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
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';
import { LAPSE_REASON } from './transition';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let cadmin: ReturnType<typeof client>;
let uadmin: ReturnType<typeof client>;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  cadmin = client(env.app, await login(env.app, 'cadmin'));
  uadmin = client(env.app, await login(env.app, 'uadmin'));
});
afterAll(() => env.close());

const transitionsOf = async (id: string) =>
  (
    await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, 'campaigns.transition')))
      .orderBy(auditEvents.id)
  ).map((e) => e.changes);
const statusOf = async (id: string) =>
  (await env.db.select().from(campaigns).where(eq(campaigns.id, id)))[0]!.status;
const move = (id: string, to: string, version: number) =>
  cadmin.post(`/api/campaigns/${id}/transition`, { to, version });
const refusal = (res: Awaited<ReturnType<typeof move>>) => {
  expect(res.statusCode).toBe(409);
  expect(res.json().error.code).toBe('TRANSITION_REFUSED');
  return res.json().error.details;
};

const DAYS = (d: number) => new Date(env.clock.now.getTime() + d * DAY);
async function closedStage(
  campaignId: string,
  position: number,
  method: 'gate' | 'criteria_scoring',
  weight: number,
  tracks: string[] = [],
  status: 'draft' | 'open' | 'closed' = 'closed',
) {
  const [row] = await env.db
    .insert(stages)
    .values({
      campaignId,
      position,
      nameZh: `环节${position}`,
      nameEn: `Stage ${position}`,
      method,
      tracks,
      weight,
      opensAt: DAYS(36),
      closesAt: DAYS(60),
      status,
    })
    .returning();
  return row!;
}
const decision = (campaignId: string, status: 'draft' | 'confirmed') =>
  env.db.insert(decisions).values({ campaignId, status });

describe('POST /api/campaigns/:id/transition', () => {
  it('walks draft → open → reviewing → deciding → publicity → closed, one audit event each', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const opened = await move(campaign.id, 'open', 1);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      status: 'open',
      nextStatus: 'reviewing',
      openedAt: '2026-11-29T08:00:00.000Z',
      version: 2,
    });

    const early = await move(campaign.id, 'reviewing', 2);
    expect(refusal(early)).toEqual([
      {
        field: 'to',
        code: 'too_early',
        message: '直属党组织推荐截止时间未到，不能进入评审',
      },
    ]);
    expect(await statusOf(campaign.id)).toBe('open');

    env.clock.advance(27 * DAY); // past the recommendation deadline (26 days ahead)
    cadmin = client(env.app, await login(env.app, 'cadmin')); // the old session has expired
    try {
      let version = 2;
      for (const to of ['reviewing', 'deciding', 'publicity', 'closed']) {
        // What each later move needs: every stage closed, then a confirmed decision.
        if (to === 'deciding') await closedStage(campaign.id, 1, 'gate', 0);
        if (to === 'publicity') await decision(campaign.id, 'confirmed');
        const res = await move(campaign.id, to, version);
        expect(res.statusCode).toBe(200);
        expect(res.json().status).toBe(to);
        version = res.json().version;
      }
      expect(version).toBe(6);
      const closed = await move(campaign.id, 'open', 6);
      expect(refusal(closed)).toEqual([
        { field: 'to', code: 'closed', message: '活动已结束，不能再变更状态' },
      ]);
    } finally {
      env.clock.advance(-27 * DAY);
      cadmin = client(env.app, await login(env.app, 'cadmin'));
    }
    expect(await transitionsOf(campaign.id)).toEqual([
      {
        status: { before: 'draft', after: 'open' },
        openedAt: { before: null, after: '2026-11-29T08:00:00.000Z' },
      },
      { status: { before: 'open', after: 'reviewing' } },
      { status: { before: 'reviewing', after: 'deciding' } },
      { status: { before: 'deciding', after: 'publicity' } },
      { status: { before: 'publicity', after: 'closed' } },
    ]);
  });

  it('refuses skipping a step or going back, writing nothing', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const expected = [
      {
        field: 'to',
        code: 'not_next',
        message: '活动只能按 草稿→申报中→评审中→决定中→公示中→已结束 的顺序逐步推进',
      },
    ];
    for (const to of ['draft', 'reviewing', 'deciding', 'publicity', 'closed'])
      expect(refusal(await move(campaign.id, to, 1))).toEqual(expected);
    const { campaign: open } = await seedOpenCampaign(env.db, env.clock.now);
    for (const to of ['draft', 'open', 'deciding', 'closed'])
      expect(refusal(await move(open.id, to, 1))).toEqual(expected);
    expect(await statusOf(campaign.id)).toBe('draft');
    expect(await statusOf(open.id)).toBe('open');
    expect(await transitionsOf(campaign.id)).toEqual([]);
    expect(await transitionsOf(open.id)).toEqual([]);
  });

  it('opens only with a standard for every eligible track × kind', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    await env.db
      .delete(campaignStandards)
      .where(and(eq(campaignStandards.campaignId, campaign.id), eq(campaignStandards.orgKind, 'branch')));
    expect(refusal(await move(campaign.id, 'open', 1))).toEqual([
      {
        field: 'to',
        code: 'missing_standards',
        message: '有类别和党组织类型尚未指定创建标准，不能开启申报',
      },
      { field: 'standards', code: 'missing_standard', message: '缺少创建标准：site / branch' },
    ]);
    expect(await statusOf(campaign.id)).toBe('draft');
  });

  it('opens only with a forward timeline', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    await env.db
      .update(campaigns)
      .set({ reviewEndsAt: new Date(env.clock.now.getTime() + 30 * DAY) })
      .where(eq(campaigns.id, campaign.id));
    const res = await cadmin.post(
      `/api/campaigns/${campaign.id}/transition`,
      { to: 'open', version: 1 },
      { 'accept-language': 'en' },
    );
    expect(refusal(res)).toEqual([
      { field: 'to', code: 'bad_timeline', message: 'The timeline runs backwards; the campaign cannot open' },
      {
        field: 'timeline.reviewEndsAt',
        code: 'out_of_order',
        message: 'Review ends cannot come before Review starts',
      },
    ]);
  });

  it('refuses a stale version, an unknown status and an unknown campaign', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const stale = await move(campaign.id, 'open', 7);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    const bad = await move(campaign.id, 'archived', 1);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'to', code: 'invalid_value' });
    expect((await move('00000000-0000-4000-8000-000000000000', 'open', 1)).statusCode).toBe(404);
    expect(await statusOf(campaign.id)).toBe('draft');
  });

  it('is for committee admins only', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const res = await uadmin.post(`/api/campaigns/${campaign.id}/transition`, { to: 'open', version: 1 });
    expect(res.statusCode).toBe(403);
    expect(await statusOf(campaign.id)).toBe('draft');
  });

  describe('keeps the applications in step', () => {
    let n = 0;
    /** A campaign in `status` with site applications named by kind and status. */
    async function withApps(status: 'open' | 'reviewing', apps: [string, OrgKind, ApplicationStatus][]) {
      const { campaign, standards } = await seedOpenCampaign(env.db, env.clock.now);
      await env.db.update(campaigns).set({ status }).where(eq(campaigns.id, campaign.id));
      const ids: Record<string, string> = {};
      for (const [name, kind, st] of apps) {
        const org = await insertOrg(env.db, { code: `T${++n}`, name: `支部${n}`, kind, parent: tree.unitA });
        ids[name] = (
          await insertApplication(env.db, {
            campaignId: campaign.id,
            organization: org,
            standardVersionId: standards.branch.versionId,
            status: st,
          })
        ).id;
      }
      return { id: campaign.id, ids };
    }
    const statuses = async (ids: Record<string, string>) =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(ids).map(async ([k, v]) => [
            k,
            (await env.db.select().from(applications).where(eq(applications.id, v)))[0]!.status,
          ]),
        ),
      );
    const historyOf = async (id: string) =>
      (await env.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id))).map(
        (e) => [e.action, e.fromStatus, e.toStatus, e.role],
      );
    const appAudit = async (id: string) =>
      (await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, id))).map((e) => [
        e.action,
        e.changes,
      ]);
    const late = async <T>(f: () => Promise<T>) => {
      env.clock.advance(27 * DAY);
      cadmin = client(env.app, await login(env.app, 'cadmin'));
      try {
        return await f();
      } finally {
        env.clock.advance(-27 * DAY);
        cadmin = client(env.app, await login(env.app, 'cadmin'));
      }
    };

    it('→ reviewing: every accepted application into review, one history row and audit event each', async () => {
      const c = await withApps('open', [
        ['A', 'branch', 'accepted'],
        ['B', 'branch', 'accepted'],
        ['R', 'branch', 'recommended'],
        ['W', 'branch', 'withdrawn'],
        ['D', 'branch', 'draft'],
        ['S', 'branch', 'submitted'],
        ['T', 'branch', 'returned'],
      ]);
      const res = await late(() => move(c.id, 'reviewing', 1));
      expect(res.statusCode).toBe(200);
      // What intake left unfinished lapses (issue #7.17); the committee still decides on R.
      expect(await statuses(c.ids)).toEqual({
        A: 'in_review',
        B: 'in_review',
        R: 'recommended',
        W: 'withdrawn',
        D: 'withdrawn',
        S: 'withdrawn',
        T: 'withdrawn',
      });
      expect(await historyOf(c.ids.S!)).toEqual([['lapse', 'submitted', 'withdrawn', 'committee_admin']]);
      const [lapsed] = await env.db
        .select()
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, c.ids.D!));
      expect(lapsed!.reason).toBe(LAPSE_REASON);
      expect(await appAudit(c.ids.T!)).toEqual([
        ['applications.lapse', { status: { before: 'returned', after: 'withdrawn' } }],
      ]);
      expect(await historyOf(c.ids.A!)).toEqual([
        ['start_review', 'accepted', 'in_review', 'committee_admin'],
      ]);
      expect(await historyOf(c.ids.R!)).toEqual([]);
      expect(await appAudit(c.ids.B!)).toEqual([
        ['applications.start_review', { status: { before: 'accepted', after: 'in_review' } }],
      ]);
      const [event] = await env.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectId, c.id), eq(auditEvents.action, 'campaigns.transition')));
      expect(event!.detail).toBe('start_review 2, lapse 3');
    });

    it('→ deciding: refused until there are stages and all have closed, writing nothing', async () => {
      const c = await withApps('reviewing', [['A', 'branch', 'in_review']]);
      const none = await move(c.id, 'deciding', 1);
      expect(none.statusCode).toBe(409);
      expect(none.json().error.code).toBe('STAGES_INCOMPLETE');
      expect(none.json().error.details).toEqual([
        { field: 'to', code: 'stages_incomplete', message: '评审环节尚未全部结束，不能进入集体评审决定' },
        { field: 'stages', code: 'no_stages', message: '本活动尚未设置评审环节' },
      ]);
      await closedStage(c.id, 1, 'criteria_scoring', 0.5);
      await closedStage(c.id, 2, 'criteria_scoring', 0.3, [], 'open');
      await closedStage(c.id, 3, 'criteria_scoring', 0.2, [], 'draft');
      const open = await cadmin.post(
        `/api/campaigns/${c.id}/transition`,
        { to: 'deciding', version: 1 },
        { 'accept-language': 'en' },
      );
      expect(open.json().error.details).toEqual([
        {
          field: 'to',
          code: 'stages_incomplete',
          message: 'Not every stage has closed; the campaign cannot move to the decision',
        },
        { field: 'stages.2', code: 'stage_open', message: 'Stage 2 "Stage 2" has not closed' },
        { field: 'stages.3', code: 'stage_not_opened', message: 'Stage 3 "Stage 3" has not opened' },
      ]);
      expect(await statusOf(c.id)).toBe('reviewing');
      expect(await statuses(c.ids)).toEqual({ A: 'in_review' });
      expect(await transitionsOf(c.id)).toEqual([]);
    });

    it('→ deciding: shortlists who entered the last stage of its track and failed no gate', async () => {
      const c = await withApps('reviewing', [
        ['A', 'branch', 'in_review'],
        ['B', 'branch', 'in_review'],
        ['G', 'branch', 'in_review'],
        ['N', 'general_branch', 'in_review'],
        ['X', 'branch', 'accepted'],
      ]);
      const gate = await closedStage(c.id, 1, 'gate', 0);
      const s2 = await closedStage(c.id, 2, 'criteria_scoring', 0.6);
      const s3 = await closedStage(c.id, 3, 'criteria_scoring', 0.4, ['site']);
      const entered = (stageId: string, name: string, gatePassed: boolean | null = null) =>
        env.db.insert(stageResults).values({
          stageId,
          applicationId: c.ids[name]!,
          campaignId: c.id,
          trackCode: 'site',
          orgKind: name === 'N' ? 'general_branch' : 'branch',
          unitId: tree.unitA.id,
          gatePassed,
          enteredAt: env.clock.now,
          updatedAt: env.clock.now,
        });
      for (const x of ['A', 'B', 'N']) await entered(gate.id, x, true);
      await entered(gate.id, 'G', false);
      for (const x of ['A', 'B', 'N', 'G']) await entered(s2.id, x);
      for (const x of ['A', 'N', 'G']) await entered(s3.id, x);
      const res = await move(c.id, 'deciding', 1);
      expect(res.statusCode).toBe(200);
      expect(await statuses(c.ids)).toEqual({
        A: 'shortlisted',
        B: 'not_selected',
        G: 'not_selected',
        N: 'shortlisted',
        X: 'accepted',
      });
      expect(await historyOf(c.ids.B!)).toEqual([
        ['not_select', 'in_review', 'not_selected', 'committee_admin'],
      ]);
      expect(await appAudit(c.ids.A!)).toEqual([
        ['applications.shortlist', { status: { before: 'in_review', after: 'shortlisted' } }],
      ]);
      const [event] = await env.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectId, c.id), eq(auditEvents.action, 'campaigns.transition')));
      expect(event!.detail).toBe('shortlist 2, not_select 2');
    });

    it('→ publicity and closed: refused until the decision is confirmed', async () => {
      const { campaign } = await seedOpenCampaign(env.db, env.clock.now);
      await env.db.update(campaigns).set({ status: 'deciding' }).where(eq(campaigns.id, campaign.id));
      const none = await move(campaign.id, 'publicity', 1);
      expect(none.statusCode).toBe(409);
      expect(none.json().error).toMatchObject({
        code: 'DECISION_INCOMPLETE',
        details: [{ field: 'decision', code: 'no_decision', message: '尚未形成集体评审决定' }],
      });
      await decision(campaign.id, 'draft');
      expect((await move(campaign.id, 'publicity', 1)).json().error.details).toEqual([
        { field: 'decision', code: 'not_confirmed', message: '集体评审决定尚未确认' },
      ]);
      expect(await statusOf(campaign.id)).toBe('deciding');
      await env.db
        .update(decisions)
        .set({ status: 'confirmed' })
        .where(eq(decisions.campaignId, campaign.id));
      expect((await move(campaign.id, 'publicity', 1)).statusCode).toBe(200);
      await env.db.update(decisions).set({ status: 'draft' }).where(eq(decisions.campaignId, campaign.id));
      expect((await move(campaign.id, 'closed', 2)).json().error.code).toBe('DECISION_INCOMPLETE');
      expect(await statusOf(campaign.id)).toBe('publicity');
    });
  });
});

describe('POST /api/campaigns/:id/close-intake (issue #7.17)', () => {
  it('ends the application window now, audited, keeping the later dates; a second close is refused', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now);
    const before = (await env.db.select().from(campaigns).where(eq(campaigns.id, campaign.id)))[0]!;
    const res = await cadmin.post(`/api/campaigns/${campaign.id}/close-intake`, { version: before.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().timeline.applicationClosesAt).toBe(env.clock.now.toISOString());
    expect(res.json().timeline.recommendationDeadline).toBe(before.recommendationDeadline.toISOString());
    expect(res.json().version).toBe(before.version + 1);
    const events = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, campaign.id), eq(auditEvents.action, 'campaigns.close_intake')));
    expect(events.map((e) => [e.actorName, e.changes])).toEqual([
      [
        'cadmin',
        {
          applicationClosesAt: {
            before: before.applicationClosesAt.toISOString(),
            after: env.clock.now.toISOString(),
          },
        },
      ],
    ]);
    // Again: already closed, refused with the rule, nothing written.
    const again = await cadmin.post(`/api/campaigns/${campaign.id}/close-intake`, {
      version: before.version + 1,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'TRANSITION_REFUSED',
      details: [{ field: 'applicationClosesAt', code: 'already_closed', message: '申报已经截止' }],
    });
    const after = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, campaign.id), eq(auditEvents.action, 'campaigns.close_intake')));
    expect(after).toHaveLength(1);
    expect((await env.db.select().from(campaigns).where(eq(campaigns.id, campaign.id)))[0]!.version).toBe(
      before.version + 1,
    );
  });

  it('refuses a draft campaign, a stale version (409) and the unit admin (403)', async () => {
    const { campaign: draft } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const d = await cadmin.post(`/api/campaigns/${draft.id}/close-intake`, { version: 1 });
    expect(d.statusCode).toBe(409);
    expect(d.json().error.details[0].code).toBe('not_open');
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now);
    const stale = await cadmin.post(`/api/campaigns/${campaign.id}/close-intake`, { version: 99 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const unit = await uadmin.post(`/api/campaigns/${campaign.id}/close-intake`, { version: 1 });
    expect(unit.statusCode).toBe(403);
    const bad = await cadmin.post(`/api/campaigns/${campaign.id}/close-intake`, { version: 'x' });
    expect(bad.statusCode).toBe(400);
  });
});
