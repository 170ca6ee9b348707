import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, campaigns, stageResults, stages } from '../../db/schema';
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

let env: TestEnv;
let cadmin: ReturnType<typeof client>;
let tree: Awaited<ReturnType<typeof seedTree>>;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  cadmin = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

let n = 0;
/** A campaign in review with site applications named by `names` (kind and status per name). */
async function reviewing(apps: [string, OrgKind, ApplicationStatus][]) {
  const { campaign, standards } = await seedOpenCampaign(env.db, env.clock.now);
  await env.db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, campaign.id));
  const ids: Record<string, string> = {};
  for (const [name, kind, status] of apps) {
    const org = await insertOrg(env.db, { code: `M${++n}`, name: `组织${n}`, kind, parent: tree.unitA });
    const a = await insertApplication(env.db, {
      campaignId: campaign.id,
      organization: org,
      standardVersionId: standards.branch.versionId,
      status,
    });
    ids[name] = a.id;
  }
  const names = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return { id: campaign.id, ids, name: (id: string) => names.get(id)! };
}
const stagesOf = (campaignId: string) =>
  env.db.select().from(stages).where(eq(stages.campaignId, campaignId)).orderBy(asc(stages.position));
const entrantsOf = async (stageId: string, name: (id: string) => string) =>
  (await env.db.select().from(stageResults).where(eq(stageResults.stageId, stageId)))
    .map((r) => name(r.applicationId))
    .sort();
const score = (stageId: string, applicationId: string, value: number | null, reviewCount = 3) =>
  env.db
    .update(stageResults)
    .set({ score: value, reviewCount })
    .where(and(eq(stageResults.stageId, stageId), eq(stageResults.applicationId, applicationId)));
const eventsOf = async (objectId: string) =>
  (
    await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.objectId, objectId))
      .orderBy(asc(auditEvents.id))
  ).map((e) => [e.action, e.changes, e.detail]);
const details = (res: { json(): { error: { details: unknown } } }) => res.json().error.details;
const refusal = (field: string, code: string, message: string) => [{ field, code, message }];

describe('opening, closing and reopening stages', () => {
  it('fixes the entrants of each stage by its entry rule, stage after stage', async () => {
    const c = await reviewing([
      ['A', 'branch', 'in_review'],
      ['B', 'branch', 'in_review'],
      ['C', 'branch', 'in_review'],
      ['D', 'branch', 'in_review'],
      ['E', 'general_branch', 'in_review'],
      ['F', 'branch', 'accepted'],
    ]);
    await cadmin.post(`/api/campaigns/${c.id}/stages/template`, { template: 'seed' });
    const [s1, s2, s3] = await stagesOf(c.id);

    expect(details(await cadmin.post(`/api/stages/${s2!.id}/open`, {}))).toEqual(
      refusal('status', 'earlier_not_closed', '前面的评审环节尚未全部结束'),
    );
    const opened = await cadmin.post(`/api/stages/${s1!.id}/open`, { version: 1 });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      status: 'open',
      openedAt: '2026-11-29T08:00:00.000Z',
      entrants: 5,
      version: 2,
    });
    expect(await entrantsOf(s1!.id, c.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(await eventsOf(s1!.id)).toEqual([
      [
        'stages.open',
        { status: { before: 'draft', after: 'open' }, entrants: { before: 0, after: 5 } },
        'entry all_accepted',
      ],
    ]);

    // The results module writes the scores; D got none.
    await score(s1!.id, c.ids.A!, 90);
    await score(s1!.id, c.ids.B!, 85);
    await score(s1!.id, c.ids.C!, 85);
    await score(s1!.id, c.ids.E!, 70);
    // D has no counted review where the stage asks for 3: closing is refused, naming it, nothing written…
    const short = await cadmin.post(`/api/stages/${s1!.id}/close`, {}, { 'accept-language': 'en' });
    expect(short.statusCode).toBe(409);
    expect(short.json().error.code).toBe('STAGE_INCOMPLETE');
    expect(details(short)).toEqual(
      refusal(
        `applications.${c.ids.D}`,
        'below_min_reviews',
        "0 counted review(s), fewer than the stage's minimum of 3",
      ),
    );
    const zh = await cadmin.post(`/api/stages/${s1!.id}/close`, {});
    expect(details(zh)).toEqual(
      refusal(`applications.${c.ids.D}`, 'below_min_reviews', '计入的评分 0 份，少于本环节要求的 3 份'),
    );
    expect((await stagesOf(c.id))[0]).toMatchObject({ status: 'open', version: 2 });
    expect((await eventsOf(s1!.id)).map((e) => e[0])).toEqual(['stages.open']);
    // …unless the committee states why; the reason and what was missing are audited with the close.
    expect(
      (await cadmin.post(`/api/stages/${s1!.id}/close`, { reason: 'D 单位主动退出实地考察' })).json(),
    ).toMatchObject({
      status: 'closed',
      closedAt: '2026-11-29T08:00:00.000Z',
      version: 3,
    });
    expect((await eventsOf(s1!.id)).slice(-1)).toEqual([
      [
        'stages.close',
        {
          status: { before: 'open', after: 'closed' },
          belowMinReviews: { before: null, after: [c.ids.D] },
          unlockedReviews: { before: null, after: [] },
        },
        'D 单位主动退出实地考察',
      ],
    ]);
    expect((await cadmin.post(`/api/stages/${s2!.id}/open`, {})).json().entrants).toBe(4);
    expect(await entrantsOf(s2!.id, c.name)).toEqual(['A', 'B', 'C', 'E']);

    // Stage 3 takes the top 1 per track × kind on stage 2: B and C tie at 88, both enter.
    await cadmin.patch(`/api/stages/${s3!.id}`, { version: 1, entry: 'top_n', entryN: 1 });
    await score(s2!.id, c.ids.A!, 80, 5);
    await score(s2!.id, c.ids.B!, 88, 5);
    await score(s2!.id, c.ids.C!, 88, 5);
    await score(s2!.id, c.ids.E!, 60, 5);
    await cadmin.post(`/api/stages/${s2!.id}/close`, {});
    expect(details(await cadmin.post(`/api/stages/${s1!.id}/reopen`, { reason: '补评' }))).toEqual(
      refusal('status', 'later_stage_opened', '后面的评审环节已开启，不能重新开启本环节'),
    );
    const reopened = await cadmin.post(`/api/stages/${s2!.id}/reopen`, { reason: '一位专家漏评，补充评分' });
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null });
    expect((await eventsOf(s2!.id)).slice(-1)).toEqual([
      [
        'stages.reopen',
        {
          status: { before: 'closed', after: 'open' },
          closedAt: { before: '2026-11-29T08:00:00.000Z', after: null },
        },
        '一位专家漏评，补充评分',
      ],
    ]);
    await cadmin.post(`/api/stages/${s2!.id}/close`, {});
    expect((await cadmin.post(`/api/stages/${s3!.id}/open`, {})).json().entrants).toBe(3);
    expect(await entrantsOf(s3!.id, c.name)).toEqual(['B', 'C', 'E']);
  });

  it('refuses the first opening unless each track’s weights sum to 1, writing nothing', async () => {
    const c = await reviewing([['A', 'branch', 'in_review']]);
    const at = (d: number) => new Date(env.clock.now.getTime() + d * DAY).toISOString();
    const body = {
      nameZh: '集体评审',
      nameEn: 'Panel',
      method: 'criteria_scoring',
      opensAt: at(40),
      closesAt: at(50),
    };
    const one = (await cadmin.post(`/api/campaigns/${c.id}/stages`, { ...body, weight: 0.7 })).json();
    await cadmin.post(`/api/campaigns/${c.id}/stages`, { ...body, tracks: ['site'], weight: 0.3 });
    const res = await cadmin.post(`/api/stages/${one.id}/open`, {}, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('TRANSITION_REFUSED');
    expect(details(res)).toEqual(
      refusal('weights.venue', 'weights_sum', 'The weights of the stages of track venue sum to 0.7, not 1'),
    );
    expect((await stagesOf(c.id)).map((s) => s.status)).toEqual(['draft', 'draft']);
    expect(await env.db.select().from(stageResults).where(eq(stageResults.campaignId, c.id))).toEqual([]);
    expect((await eventsOf(one.id)).map((e) => e[0])).toEqual(['stages.create']);
  });

  it('refuses each wrong move with its code, writing nothing', async () => {
    const c = await reviewing([['A', 'branch', 'in_review']]);
    await cadmin.post(`/api/campaigns/${c.id}/stages/template`, { template: 'seed' });
    const [s1, s2] = await stagesOf(c.id);
    expect(details(await cadmin.post(`/api/stages/${s1!.id}/close`, {}))).toEqual(
      refusal('status', 'not_open', '该评审环节未在进行中，不能结束'),
    );
    expect(details(await cadmin.post(`/api/stages/${s1!.id}/reopen`, { reason: '理由' }))).toEqual(
      refusal('status', 'not_closed', '只有已结束的评审环节才能重新开启'),
    );
    const blank = await cadmin.post(`/api/stages/${s1!.id}/reopen`, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    const stale = await cadmin.post(`/api/stages/${s1!.id}/open`, { version: 9 });
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });

    await env.db.update(campaigns).set({ status: 'open' }).where(eq(campaigns.id, c.id));
    expect(details(await cadmin.post(`/api/stages/${s1!.id}/open`, {}))).toEqual(
      refusal('campaign', 'campaign_not_reviewing', '活动不在“评审中”状态'),
    );
    await env.db.update(campaigns).set({ status: 'reviewing' }).where(eq(campaigns.id, c.id));
    await env.db
      .update(stages)
      .set({ closesAt: new Date(env.clock.now.getTime() - DAY) })
      .where(eq(stages.id, s1!.id));
    expect(details(await cadmin.post(`/api/stages/${s1!.id}/open`, {}))).toEqual(
      refusal('closesAt', 'window_passed', '该评审环节的结束时间已过，请先修改时间'),
    );
    // A stage that takes those who passed an earlier one cannot come first.
    await cadmin.post(`/api/campaigns/${c.id}/stages/order`, {
      ids: (await stagesOf(c.id)).map((s) => s.id).reverse(),
    });
    expect(details(await cadmin.post(`/api/stages/${(await stagesOf(c.id))[0]!.id}/open`, {}))).toEqual([
      {
        field: 'tracks.site',
        code: 'no_previous_stage',
        message: '类别 site 没有更早的评审环节，本环节只能按“全部受理申报”入围',
      },
      {
        field: 'tracks.venue',
        code: 'no_previous_stage',
        message: '类别 venue 没有更早的评审环节，本环节只能按“全部受理申报”入围',
      },
    ]);
    expect((await stagesOf(c.id)).map((s) => s.status)).toEqual([
      'draft',
      'draft',
      'draft',
      'draft',
      'draft',
    ]);
    expect(await env.db.select().from(stageResults).where(eq(stageResults.campaignId, c.id))).toEqual([]);
    for (const s of [s1!, s2!])
      expect((await eventsOf(s.id)).filter((e) => String(e[0]).match(/open|close/))).toEqual([]);
    expect((await cadmin.post('/api/stages/00000000-0000-4000-8000-000000000000/open', {})).statusCode).toBe(
      404,
    );
  });
});
