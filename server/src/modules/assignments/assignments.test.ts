import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { applications, assignments, auditEvents, draws, reviews, stageReviewers } from '../../db/schema';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';
import { enter, seedEntrant, seedReviewer, seedStage } from '../reviewers/test-kit';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let committee: ReturnType<typeof client>;
let seeded: Awaited<ReturnType<typeof seedOpenCampaign>>;
let stage: Awaited<ReturnType<typeof seedStage>>;
const apps: Record<string, { id: string; unitId: string; campaignId: string }> = {};
const rev: Record<string, string> = {};
type Pair = { applicationId: string; reviewerId: string };
let committed: { drawId: string; assignments: Pair[] };

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  seeded = await seedOpenCampaign(env.db, env.clock.now);
  stage = await seedStage(env.db, seeded.campaign.id, env.clock.now);
  const unitC = await insertOrg(env.db, {
    code: 'C',
    name: '市教委机关党委',
    kind: 'party_committee',
    parent: tree.root,
  });
  const c1 = await insertOrg(env.db, {
    code: 'C1',
    name: '市教委办公室党支部',
    kind: 'branch',
    parent: unitC,
  });
  const a2 = await insertOrg(env.db, {
    code: 'A2',
    name: '市水务局办公室党支部',
    kind: 'branch',
    parent: tree.unitA,
  });
  const b2 = await insertOrg(env.db, {
    code: 'B2',
    name: '市总工会办公室党支部',
    kind: 'branch',
    parent: tree.unitB,
  });
  for (const [k, org] of [
    ['a1', tree.a1],
    ['a2', a2],
    ['b1', tree.b1],
    ['b2', b2],
    ['c1', c1],
  ] as const)
    apps[k] = await seedEntrant(env.db, stage, org, seeded.standards.branch.versionId, `品牌${k}`);
  rev.unitA = (await seedReviewer(env.db, 'zhang', tree.unitA)).id;
  rev.b1 = (await seedReviewer(env.db, 'zhao', tree.b1)).id;
  rev.c1 = (await seedReviewer(env.db, 'sun', c1)).id;
  rev.ext1 = (await seedReviewer(env.db, 'wang', null)).id;
  rev.ext2 = (await seedReviewer(env.db, 'chen', null)).id;
  committee = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

const written = async () => ({
  assignments: (await env.db.select({ n: count() }).from(assignments))[0]!.n,
  reviews: (await env.db.select({ n: count() }).from(reviews))[0]!.n,
  draws: (await env.db.select({ n: count() }).from(draws))[0]!.n,
  events: (await env.db.select({ n: count() }).from(auditEvents))[0]!.n,
});

describe('assignments by hand', () => {
  it('refuses a conflicted pair (403 CONFLICT_OF_INTEREST) with nothing written, accepts it once waived', async () => {
    const url = `/api/stages/${stage.id}/assignments`;
    const before = await written();
    const refused = await committee.post(
      url,
      { applicationId: apps.a1!.id, reviewerId: rev.unitA },
      { 'accept-language': 'en' },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CONFLICT_OF_INTEREST');
    expect(refused.json().error.details[0].message).toContain('superior organisation');
    expect(await written()).toEqual(before);
    const waiver = await committee.post('/api/conflicts/overrides', {
      reviewerId: rev.unitA,
      applicationId: apps.a1!.id,
      reason: '机关党委纪检委员，与该支部无业务往来，经工委研究同意',
    });
    expect(waiver.statusCode).toBe(201);
    const ok = await committee.post(url, { applicationId: apps.a1!.id, reviewerId: rev.unitA });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      applicationId: apps.a1!.id,
      reviewerId: rev.unitA,
      reviewerName: 'zhang',
      source: 'manual',
      reviewStatus: 'pending',
      conflicted: false,
    });
    const [review] = await env.db.select().from(reviews).where(eq(reviews.id, ok.json().id));
    expect(review).toMatchObject({ status: 'pending', reviewerId: rev.unitA, applicationId: apps.a1!.id });
    const [e] = await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, ok.json().id));
    expect(e).toMatchObject({ action: 'assignments.create', unitId: tree.unitA.id });
    const panel = await env.db.select().from(stageReviewers).where(eq(stageReviewers.stageId, stage.id));
    expect(panel.map((p) => p.reviewerId)).toEqual([rev.unitA]);
    expect(
      (await committee.post(url, { applicationId: apps.a1!.id, reviewerId: rev.unitA })).json().error.code,
    ).toBe('DUPLICATE');
    const other = await seedStage(env.db, seeded.campaign.id, env.clock.now);
    const notIn = await committee.post(`/api/stages/${other.id}/assignments`, {
      applicationId: apps.a1!.id,
      reviewerId: rev.ext1,
    });
    expect(notIn.statusCode).toBe(404);
    expect(notIn.json().error.details[0].code).toBe('not_entrant');
  });

  it('removes an assignment only while its review is pending', async () => {
    const made = await committee.post(`/api/stages/${stage.id}/assignments`, {
      applicationId: apps.c1!.id,
      reviewerId: rev.ext2,
    });
    await env.db.update(reviews).set({ status: 'draft' }).where(eq(reviews.id, made.json().id));
    const before = await written();
    const busy = await committee.delete(`/api/assignments/${made.json().id}`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.details[0].code).toBe('review_started');
    expect(await written()).toEqual(before);
    await env.db.update(reviews).set({ status: 'pending' }).where(eq(reviews.id, made.json().id));
    expect((await committee.delete(`/api/assignments/${made.json().id}`)).statusCode).toBe(204);
    expect(await written()).toEqual({
      ...before,
      assignments: before.assignments - 1,
      reviews: before.reviews - 1,
      events: before.events + 1,
    });
    expect((await committee.delete(`/api/assignments/${made.json().id}`)).statusCode).toBe(404);
  });
});

describe('automatic assignment', () => {
  it('previews k per application with no conflict, even load and spread units; the same seed, the same result', async () => {
    for (const id of [rev.b1, rev.c1, rev.ext1, rev.ext2])
      await committee.post(`/api/stages/${stage.id}/panel`, { reviewerId: id });
    const before = await written();
    const url = `/api/stages/${stage.id}/assignments/auto`;
    const a = await committee.post(url, { perApplication: 2, seed: 11, preview: true });
    expect(a.statusCode).toBe(200);
    const b = await committee.post(url, { perApplication: 2, seed: 11, preview: true });
    expect(b.json()).toEqual(a.json());
    expect(await written()).toEqual(before);
    const r = a.json();
    expect(r).toMatchObject({ preview: true, seed: 11, drawId: null, shortfalls: [], sharedUnits: [] });
    // 5 applications × 2 = 10 places, one taken by hand (zhang on a1): 9 new.
    expect(r.assignments).toHaveLength(9);
    const perApp = new Map<string, number>([[apps.a1!.id, 1]]);
    for (const p of r.assignments as Pair[])
      perApp.set(p.applicationId, (perApp.get(p.applicationId) ?? 0) + 1);
    expect([...perApp.values()]).toEqual([2, 2, 2, 2, 2]);
    const loads = (r.loads as { load: number }[]).map((l) => l.load);
    expect(loads.reduce((x, y) => x + y, 0)).toBe(10);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const conflicts = (await committee.get(`/api/stages/${stage.id}/conflicts?reviewers=pool`)).json()
      .items as (Pair & {
      conflicted: boolean;
    })[];
    const blocked = new Set(
      conflicts.filter((c) => c.conflicted).map((c) => `${c.reviewerId}:${c.applicationId}`),
    );
    expect(blocked.size).toBeGreaterThan(0);
    for (const p of r.assignments as Pair[])
      expect(blocked.has(`${p.reviewerId}:${p.applicationId}`)).toBe(false);
  });

  it('commits with the seed: the previewed assignments, their reviews and a recorded draw that verifies', async () => {
    const url = `/api/stages/${stage.id}/assignments/auto`;
    const preview = (await committee.post(url, { perApplication: 2, seed: 11, preview: true })).json();
    const before = await written();
    const res = await committee.post(url, { perApplication: 2, seed: 11, preview: false });
    expect(res.statusCode).toBe(200);
    committed = res.json();
    expect(res.json()).toEqual({ ...preview, preview: false, drawId: committed.drawId });
    expect(await written()).toEqual({
      assignments: before.assignments + 9,
      reviews: before.reviews + 9,
      draws: before.draws + 1,
      events: before.events + 1,
    });
    const [d] = await env.db.select().from(draws).where(eq(draws.id, committed.drawId));
    expect(d).toMatchObject({ kind: 'assignment', seed: 11 });
    expect(d!.result).toEqual({
      assignments: committed.assignments.map((p) => ({
        applicationId: p.applicationId,
        reviewerId: p.reviewerId,
      })),
    });
    const verify = await committee.post(`/api/draws/${committed.drawId}/verify`, { seed: 11 });
    expect(verify.json()).toMatchObject({ reproduced: true, rerun: true });
    const after = await written();
    const wrong = await committee.post(`/api/draws/${committed.drawId}/verify`, { seed: 12 });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('DRAW_MISMATCH');
    expect(await written()).toEqual(after);
    // Everyone has k now: a second run assigns nothing more.
    const again = (await committee.post(url, { perApplication: 2, seed: 5, preview: true })).json();
    expect(again.assignments).toEqual([]);
    const list = (await committee.get(`/api/stages/${stage.id}/assignments`)).json();
    expect(list.total).toBe(10);
    expect(list.items.filter((i: { source: string }) => i.source === 'auto')).toHaveLength(9);
    expect(list.loads.map((l: { load: number }) => l.load).reduce((x: number, y: number) => x + y, 0)).toBe(
      10,
    );
    expect(list.short).toHaveLength(5); // the stage's minimum is 3 reviews
  });

  it('refuses a commit without the seed and an empty panel', async () => {
    const before = await written();
    const noSeed = await committee.post(`/api/stages/${stage.id}/assignments/auto`, {
      perApplication: 2,
      preview: false,
    });
    expect(noSeed.statusCode).toBe(400);
    const empty = await seedStage(env.db, seeded.campaign.id, env.clock.now);
    const none = await committee.post(`/api/stages/${empty.id}/assignments/auto`, {
      perApplication: 2,
      preview: true,
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.details[0].code).toBe('empty_panel');
    expect(await written()).toEqual(before);
  });
});

describe('my assignments', () => {
  it('lists a reviewer its own, hiding the applicant on a blind stage', async () => {
    const blind = await seedStage(env.db, seeded.campaign.id, env.clock.now, {
      blind: true,
      nameZh: '现场考核',
    });
    const [appRow] = await env.db.select().from(applications).where(eq(applications.id, apps.b2!.id));
    await enter(env.db, blind.id, appRow!);
    await committee.post(`/api/stages/${blind.id}/assignments`, {
      applicationId: apps.b2!.id,
      reviewerId: rev.ext1,
    });
    const me = client(env.app, await login(env.app, 'wang'));
    const res = await me.get('/api/me/assignments');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      stageId: string;
      organizationName: string | null;
      title: string | null;
    }[];
    const mine = committed.assignments.filter((p) => p.reviewerId === rev.ext1);
    expect(items.filter((i) => i.stageId === stage.id)).toHaveLength(mine.length);
    expect(
      items
        .filter((i) => i.stageId === stage.id)
        .every((i) => i.organizationName && i.title?.startsWith('品牌')),
    ).toBe(true);
    expect(items.find((i) => i.stageId === blind.id)).toMatchObject({
      stageNameZh: '现场考核',
      blind: true,
      organizationName: null,
      title: null,
      reviewStatus: 'pending',
      conflicted: false,
    });
    const other = client(env.app, await login(env.app, 'rev'));
    expect((await other.get('/api/me/assignments')).json()).toEqual({ items: [], total: 0 });
  });
});

describe('assignment export', () => {
  it('exports the stage list as .xlsx with Chinese headers, one row per assignment, audited', async () => {
    const res = await committee.get(`/api/stages/${stage.id}/assignments/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('assignments-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('评审分配表');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '申报单位',
      '评审专家',
      '分配方式',
      '评分状态',
      '利益冲突',
      '分配时间',
    ]);
    expect(ws.rowCount).toBe(1 + 10);
    const sources = new Set<string>();
    for (let i = 2; i <= ws.rowCount; i++) sources.add(String(ws.getRow(i).getCell(5).value));
    expect([...sources].sort()).toEqual(['手工分配', '自动分配']);
    const [e] = await env.db.select().from(auditEvents).where(eq(auditEvents.action, 'assignments.export'));
    expect(e).toMatchObject({ objectId: stage.id, detail: '10 rows' });
  });
});

describe('assignment import', () => {
  const upload = (csv: string, dryRun: boolean, stageId = stage.id) => {
    const boundary = '----shifanimport';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="分配.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(`\uFEFF${csv}`),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return committee.post(`/api/stages/${stageId}/assignments/import?dryRun=${dryRun}`, payload, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': 'en',
    });
  };

  it('checks every row and writes nothing when one is bad; then writes all rows with one audit event', async () => {
    const target = await seedStage(env.db, seeded.campaign.id, env.clock.now);
    for (const k of ['a2', 'b1', 'c1']) {
      const [row] = await env.db.select().from(applications).where(eq(applications.id, apps[k]!.id));
      await enter(env.db, target.id, row!);
    }
    const bad = [
      '申报编号,专家用户名',
      `${apps.a2!.id},wang`,
      `${apps.a2!.id},zhang`, // superior of a2: conflict
      `${apps.a1!.id},wang`, // a1 is not in this stage
      `${apps.b1!.id},nobody`,
      `${apps.a2!.id},WANG`, // the same pair twice
    ].join('\n');
    const before = await written();
    for (const dryRun of [true, false]) {
      const res = await upload(bad, dryRun, target.id);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('IMPORT_INVALID');
      expect(res.json().error.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`)).toEqual(
        ['3:conflict', '4:not_entrant', '5:unknown_reviewer', '6:duplicate'],
      );
    }
    expect(await written()).toEqual(before);
    const good = [
      '申报编号,专家用户名',
      `${apps.a2!.id},wang`,
      `${apps.b1!.id},chen`,
      `${apps.c1!.id},wang`,
    ].join('\n');
    const dry = await upload(good, true, target.id);
    expect(dry.json()).toEqual({ dryRun: true, total: 3, created: 0 });
    expect(await written()).toEqual(before);
    const real = await upload(good, false, target.id);
    expect(real.json()).toEqual({ dryRun: false, total: 3, created: 3 });
    expect(await written()).toEqual({
      ...before,
      assignments: before.assignments + 3,
      reviews: before.reviews + 3,
      events: before.events + 1,
    });
    const list = (await committee.get(`/api/stages/${target.id}/assignments`)).json();
    expect(list.items.map((i: { source: string }) => i.source)).toEqual(['import', 'import', 'import']);
    expect(
      list.loads.map((l: { reviewerName: string; load: number }) => `${l.reviewerName}:${l.load}`),
    ).toEqual(['chen:1', 'wang:2']);
  });
});
