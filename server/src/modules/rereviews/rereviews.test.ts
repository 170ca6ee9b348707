/**
 * Re-review rounds (复评复审, issue #8 §3) through the API on PGlite: a round in each selection mode takes
 * exactly the titles it should (the seeded sample re-drawn from the recorded seed and pool), every
 * outcome and follow-up through the title table with its history, audit event and notification, the
 * round closing and freezing, the revoked plaque on the verification page, the refusals (each with its
 * code, nothing written), the expiry sweep (idempotent, one audit event with the count) and the 优进劣出
 * figures with exact numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, notLike } from 'drizzle-orm';
import {
  auditEvents,
  notifications,
  rereviewItems,
  rereviewRounds,
  titleEvents,
  titles,
} from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import type { RoundDetail, RoundList, TitleFiguresView } from '../../../../shared/src/contracts/rereviews';
import { sample } from '../../../../shared/src/domain/evaluation/draw';
import { actorOf } from '../decisions/test-kit';
import { seedCertified } from '../titles/test-kit';
import type { TitleRow } from '../titles/queries';
import { cloneTitle } from './test-kit';
import { expireTitles } from './service';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let committee: ReturnType<typeof client>;
let unitAdmin: ReturnType<typeof client>;
let baseId: string;

/** 2027-03-01 10:00 in China. */
const MARCH_2027 = new Date('2027-03-01T02:00:00.000Z');

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  env.clock.now = MARCH_2027;
  committee = client(env.app, await login(env.app, 'cadmin'));
  unitAdmin = client(env.app, await login(env.app, 'uadmin'));
  const c = await seedCertified(
    env.db,
    { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB },
    actorOf(users.committee_admin),
  );
  baseId = c.title.id;
});
afterAll(() => env.close());

/** `n` new active titles of an award year (branch A1 unless told). */
async function titlesOf(year: number, n: number, over: Parameters<typeof cloneTitle>[2] = {}) {
  const out: TitleRow[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      await cloneTitle(env.db, baseId, {
        year,
        status: 'active',
        organizationId: tree.a1.id,
        unitId: tree.unitA.id,
        ...over,
      }),
    );
  return out;
}

const serials = (ts: { serial: string }[]) => ts.map((t) => t.serial).sort();

async function statusOf(id: string) {
  return (await env.db.select().from(titles).where(eq(titles.id, id)))[0]!.status;
}

async function writes() {
  const n = async (
    t: typeof rereviewRounds | typeof rereviewItems | typeof titleEvents | typeof notifications,
  ) => (await env.db.select({ n: count() }).from(t))[0]!.n;
  return {
    rounds: await n(rereviewRounds),
    items: await n(rereviewItems),
    events: await n(titleEvents),
    notifications: await n(notifications),
    // Besides the trail of refusals itself (authz.not_found for a 404 to a signed-in user).
    audit: (
      await env.db.select({ n: count() }).from(auditEvents).where(notLike(auditEvents.action, 'authz.%'))
    )[0]!.n,
    titles: JSON.stringify(
      await env.db
        .select({ id: titles.id, status: titles.status, version: titles.version })
        .from(titles)
        .orderBy(titles.id),
    ),
    outcomes: JSON.stringify(
      await env.db
        .select({ id: rereviewItems.id, o: rereviewItems.outcome, f: rereviewItems.followUp })
        .from(rereviewItems)
        .orderBy(rereviewItems.id),
    ),
    roundStates: JSON.stringify(
      await env.db
        .select({ id: rereviewRounds.id, s: rereviewRounds.status, v: rereviewRounds.version })
        .from(rereviewRounds)
        .orderBy(rereviewRounds.id),
    ),
  };
}

async function open(selection: unknown, name = '2027 年度复评复审', standardBasis = 'awarded') {
  return committee.post('/api/rereview-rounds', { name, year: 2027, standardBasis, selection });
}

async function openList(ts: TitleRow[], name?: string): Promise<RoundDetail> {
  const res = await open({ mode: 'list', titleIds: ts.map((t) => t.id) }, name);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<RoundDetail>();
}

const outcome = (r: { id: string }, t: { id: string }, body: unknown) =>
  committee.post(`/api/rereview-rounds/${r.id}/titles/${t.id}/outcome`, body);
const followUp = (r: { id: string }, t: { id: string }, body: unknown) =>
  committee.post(`/api/rereview-rounds/${r.id}/titles/${t.id}/follow-up`, body);

describe('opening a round', () => {
  it('takes every active title of an award year, moves each under re-review, one audit event', async () => {
    const mine = await titlesOf(2031, 3);
    await titlesOf(2031, 1, { status: 'rectifying' });
    await titlesOf(2030, 1);
    const before = await writes();
    const res = await open({ mode: 'year', awardYear: 2031 }, '2031 届称号复评');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<RoundDetail>();
    expect(r).toMatchObject({
      name: '2031 届称号复评',
      year: 2027,
      status: 'open',
      mode: 'year',
      awardYear: 2031,
      standardBasis: 'awarded',
      titles: 3,
      decided: 0,
      createdByName: users.committee_admin.displayName,
      closedAt: null,
      draw: null,
    });
    expect(r.items.map((i) => i.serial)).toEqual(serials(mine));
    expect(r.items.every((i) => i.titleStatus === 'under_rereview' && i.outcome === null)).toBe(true);
    // The standard the titles were awarded under: the campaign's branch standard.
    expect(r.items[0]).toMatchObject({ standardName: expect.any(String), standardVersion: 1 });
    for (const t of mine) expect(await statusOf(t.id)).toBe('under_rereview');
    const after = await writes();
    expect(after.rounds).toBe(before.rounds + 1);
    expect(after.items).toBe(before.items + 3);
    expect(after.events).toBe(before.events + 3);
    expect(after.audit).toBe(before.audit + 1);
    const [a] = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'rereview.open'), eq(auditEvents.objectId, r.id)));
    expect(a).toMatchObject({
      objectType: 'rereview_round',
      detail: '2031 届称号复评：3 个称号进入复评复审（命名时标准）',
      changes: {
        titles: { before: null, after: 3 },
        mode: { before: null, after: 'year' },
        standardBasis: { before: null, after: 'awarded' },
      },
    });
    const ev = await env.db.select().from(titleEvents).where(eq(titleEvents.titleId, mine[0]!.id));
    expect(ev.map((e) => [e.action, e.fromStatus, e.toStatus, e.reason])).toEqual([
      ['certify', null, 'active', 'fixture'],
      ['start_rereview', 'active', 'under_rereview', '2027 年度复评复审（2031 届称号复评）'],
    ]);
  });

  it('draws a seeded sample that the recorded seed and pool reproduce exactly', async () => {
    const pool = await titlesOf(2032, 6);
    const res = await open({ mode: 'sample', awardYear: 2032, size: 2, seed: 20270301 }, '抽查');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<RoundDetail>();
    const drawn = sample(
      pool.map((t) => t.id),
      2,
      20270301,
    );
    const bySerial = new Map(pool.map((t) => [t.id, t.serial]));
    expect(r.items.map((i) => i.serial)).toEqual(drawn.map((id) => bySerial.get(id)!).sort());
    expect(r.draw).toEqual({
      seed: 20270301,
      size: 2,
      algorithm: 'xoroshiro128plus-uniformint-fisher-yates/1',
      pool: serials(pool),
    });
    // The order the pool is read in never matters: a shuffled pool draws the same titles.
    expect(
      sample(
        [...pool].reverse().map((t) => t.id),
        2,
        20270301,
      ).sort(),
    ).toEqual([...drawn].sort());

    // Without a seed the server draws one, records it, and the record re-draws the same titles.
    const rest = pool.filter((t) => !drawn.includes(t.id));
    const res2 = await open({ mode: 'sample', awardYear: 2032, size: 3 }, '抽查二');
    expect(res2.statusCode, res2.body).toBe(201);
    const r2 = res2.json<RoundDetail>();
    expect(r2.draw!.pool).toEqual(serials(rest));
    const again = sample(
      rest.map((t) => t.id),
      3,
      r2.draw!.seed,
    ).map((id) => bySerial.get(id)!);
    expect(r2.items.map((i) => i.serial)).toEqual(again.sort());
    const [a] = await env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'rereview.open'), eq(auditEvents.objectId, r2.id)));
    expect(a!.changes).toMatchObject({ seed: { after: r2.draw!.seed }, pool: { after: 4 } });
  });

  it('takes an explicit list, of any unit and year, against the current standard', async () => {
    const [a] = await titlesOf(2028, 1);
    const [b] = await titlesOf(2029, 1, { organizationId: tree.b1.id, unitId: tree.unitB.id });
    const res = await open({ mode: 'list', titleIds: [b!.id, a!.id] }, '点名复审', 'current');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<RoundDetail>();
    expect(r).toMatchObject({ mode: 'list', awardYear: null, standardBasis: 'current', titles: 2 });
    expect(r.items.map((i) => i.serial)).toEqual(serials([a!, b!]));
  });
});

describe('outcomes', () => {
  it('keeps, rectifies (deadline, the unit told) and revokes (the plaque withdrawn), then closes and freezes', async () => {
    const [k, rc, rv] = await titlesOf(2033, 3);
    const r = await openList([k!, rc!, rv!], '2033 届复评');
    const audit = async (action: string, id: string) =>
      env.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.objectId, id)));

    const kept = await outcome(r, k!, { outcome: 'keep' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json<RoundDetail>()).toMatchObject({ status: 'open', decided: 1 });
    expect(await statusOf(k!.id)).toBe('active');
    expect(await audit('rereview.keep', k!.id)).toHaveLength(1);

    const notesBefore = (await env.db.select({ n: count() }).from(notifications))[0]!.n;
    const rect = await outcome(r, rc!, {
      outcome: 'rectify',
      reason: '阵地活动记录不全',
      deadline: '2027-06-30',
    });
    expect(rect.statusCode, rect.body).toBe(200);
    expect(rect.json<RoundDetail>().items.find((i) => i.titleId === rc!.id)).toMatchObject({
      outcome: 'rectify',
      reason: '阵地活动记录不全',
      deadline: '2027-06-30',
      titleStatus: 'rectifying',
      decidedByName: users.committee_admin.displayName,
      decidedAt: MARCH_2027.toISOString(),
    });
    const notes = await env.db.select().from(notifications).where(eq(notifications.kind, 'rereview.rectify'));
    expect(notes.map((n) => n.userId).sort()).toEqual([users.unit_admin.id, users.applicant.id].sort());
    expect(notes[0]).toMatchObject({
      titleZh: `复评复审结论：限期整改（${rc!.holderName}）`,
      bodyZh: `称号 ${rc!.serial}；理由：阵地活动记录不全；整改期限：2027-06-30`,
    });
    expect((await env.db.select({ n: count() }).from(notifications))[0]!.n).toBe(notesBefore + 2);
    expect((await audit('rereview.rectify', rc!.id))[0]!.changes).toEqual({
      status: { before: 'under_rereview', after: 'rectifying' },
      deadline: { before: null, after: '2027-06-30' },
    });

    const verify = () => env.app.inject({ method: 'GET', url: `/api/public/verify/${rv!.verifyToken}` });
    expect((await verify()).json().verdict).toBe('valid');
    const rev = await outcome(r, rv!, { outcome: 'revoke', reason: '发生违纪问题' });
    expect(rev.statusCode, rev.body).toBe(200);
    const closed = rev.json<RoundDetail>();
    expect(closed).toMatchObject({ status: 'closed', decided: 3, closedAt: MARCH_2027.toISOString() });
    expect(await statusOf(rv!.id)).toBe('revoked');
    expect((await verify()).json()).toMatchObject({ verdict: 'revoked', serial: rv!.serial });
    expect((await audit('rereview.revoke', rv!.id))[0]!.changes).toEqual({
      status: { before: 'under_rereview', after: 'revoked' },
      round: { before: 'open', after: 'closed' },
    });
    const hist = await env.db.select().from(titleEvents).where(eq(titleEvents.titleId, rv!.id));
    expect(hist.at(-1)).toMatchObject({
      action: 'revoke',
      fromStatus: 'under_rereview',
      toStatus: 'revoked',
      reason: '2033 届复评：撤销称号；发生违纪问题',
    });

    // Frozen: no outcome changes once the round is closed.
    const before = await writes();
    const late = await outcome(r, k!, { outcome: 'revoke', reason: '改判' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('REREVIEW_FROZEN');
    expect(await writes()).toEqual(before);

    // The follow-up of the rectification comes after the round closed: passed → active.
    env.clock.now = new Date('2027-07-02T02:00:00.000Z');
    const later = client(env.app, await login(env.app, 'cadmin'));
    const followUpLater = (t: { id: string }, body: unknown) =>
      later.post(`/api/rereview-rounds/${r.id}/titles/${t.id}/follow-up`, body);
    const pass = await followUpLater(rc!, { result: 'passed', reason: '整改到位' });
    expect(pass.statusCode, pass.body).toBe(200);
    expect(pass.json<RoundDetail>().items.find((i) => i.titleId === rc!.id)).toMatchObject({
      outcome: 'rectify',
      followUp: 'passed',
      followUpReason: '整改到位',
      titleStatus: 'active',
    });
    expect(await audit('rereview.pass_rectification', rc!.id)).toHaveLength(1);
    const twice = await followUpLater(rc!, { result: 'revoked', reason: '再查' });
    expect(twice.json().error.code).toBe('REREVIEW_NOT_RECTIFYING');
    env.clock.now = MARCH_2027;
  });

  it('revokes a title whose rectification failed', async () => {
    const [t, other] = await titlesOf(2034, 2);
    const r = await openList([t!, other!]);
    await outcome(r, t!, { outcome: 'rectify', reason: '整改', deadline: '2027-03-02' });
    const noReason = await followUp(r, t!, { result: 'revoked' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details).toEqual([
      { field: 'reason', code: 'reason_required', message: '请填写理由' },
    ]);
    const res = await followUp(r, t!, { result: 'revoked', reason: '逾期未整改' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await statusOf(t!.id)).toBe('revoked');
    expect(res.json<RoundDetail>()).toMatchObject({ status: 'open', decided: 1 });
    const [a] = await env.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'rereview.revoke_after_rectification'), eq(auditEvents.objectId, t!.id)),
      );
    expect(a!.changes).toEqual({ status: { before: 'rectifying', after: 'revoked' } });
  });
});

describe('refusals write nothing', () => {
  let r: RoundDetail;
  let inRound: TitleRow;
  let kept: TitleRow;
  let outside: TitleRow;

  beforeAll(async () => {
    [inRound, kept] = (await titlesOf(2035, 2)) as [TitleRow, TitleRow];
    [outside] = (await titlesOf(2036, 1)) as [TitleRow];
    r = await openList([inRound!, kept!], '拒绝用例');
    expect((await outcome(r, kept!, { outcome: 'keep' })).statusCode).toBe(200);
  });

  type Res = ReturnType<ReturnType<typeof client>['post']>;
  const cases: [string, () => Res, number, string, unknown?][] = [
    [
      'revoke without a reason',
      () => outcome(r, inRound, { outcome: 'revoke', reason: '  ' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'reason', code: 'reason_required', message: '请填写理由' }],
    ],
    [
      'rectify without a reason',
      () => outcome(r, inRound, { outcome: 'rectify', deadline: '2027-05-01' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'reason', code: 'reason_required', message: '请填写理由' }],
    ],
    [
      'rectify without a deadline',
      () => outcome(r, inRound, { outcome: 'rectify', reason: '材料不全' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'deadline', code: 'deadline_required', message: '请选择整改期限' }],
    ],
    [
      'rectify with today as the deadline',
      () => outcome(r, inRound, { outcome: 'rectify', reason: '材料不全', deadline: '2027-03-01' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'deadline', code: 'deadline_past', message: '整改期限须晚于今天' }],
    ],
    [
      'rectify with a past deadline',
      () => outcome(r, inRound, { outcome: 'rectify', reason: '材料不全', deadline: '2026-12-31' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'deadline', code: 'deadline_past', message: '整改期限须晚于今天' }],
    ],
    [
      'rectify with an impossible date',
      () => outcome(r, inRound, { outcome: 'rectify', reason: '材料不全', deadline: '2027-02-30' }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an outcome on a title not in the round',
      () => outcome(r, outside, { outcome: 'keep' }),
      409,
      'REREVIEW_NOT_IN_ROUND',
    ],
    [
      'a second outcome on a title',
      () => outcome(r, kept, { outcome: 'revoke', reason: '改判' }),
      409,
      'REREVIEW_OUTCOME_RECORDED',
    ],
    [
      'an outcome in an unknown round',
      () => outcome({ id: crypto.randomUUID() }, inRound, { outcome: 'keep' }),
      404,
      'NOT_FOUND',
    ],
    ['an unknown outcome', () => outcome(r, inRound, { outcome: 'forgive' }), 400, 'VALIDATION_FAILED'],
    [
      'a follow-up of a title not sent to rectification',
      () => followUp(r, kept, { result: 'passed' }),
      409,
      'REREVIEW_NOT_RECTIFYING',
    ],
    [
      'a round over a title already under re-review (in another round)',
      () => open({ mode: 'list', titleIds: [inRound.id, outside.id] }),
      409,
      'REREVIEW_TITLES_NOT_ACTIVE',
    ],
    [
      'a round over an unknown title',
      () => open({ mode: 'list', titleIds: [outside.id, crypto.randomUUID()] }),
      404,
      'NOT_FOUND',
    ],
    [
      'a list naming a title twice',
      () => open({ mode: 'list', titleIds: [outside.id, outside.id] }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a year without active titles',
      () => open({ mode: 'year', awardYear: 2090 }),
      409,
      'REREVIEW_SELECTION_EMPTY',
      [{ field: 'selection.awardYear', code: 'empty', message: '2090 年度没有有效称号' }],
    ],
    [
      'a sample larger than the pool',
      () => open({ mode: 'sample', awardYear: 2036, size: 2, seed: 1 }),
      409,
      'REREVIEW_SAMPLE_TOO_LARGE',
      [{ field: 'selection.size', code: 'sample_too_large', message: '2036 年度有效称号共 1 个' }],
    ],
    [
      'a seed outside 32 bits',
      () => open({ mode: 'sample', awardYear: 2036, size: 1, seed: 2 ** 32 }),
      400,
      'VALIDATION_FAILED',
    ],
  ];

  it.each(cases)('refuses %s', async (_name, call, status, code, details) => {
    const before = await writes();
    const res = await call();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    if (details) expect(res.json().error.details).toEqual(details);
    expect(await writes()).toEqual(before);
  });

  it('names each title that is not active', async () => {
    const res = await open({ mode: 'list', titleIds: [inRound.id, outside.id] });
    expect(res.json().error.details).toEqual([
      {
        field: 'selection.titleIds',
        code: 'not_active',
        message: `${inRound.serial}（${inRound.holderName}）：复评复审中`,
      },
    ]);
  });

  it('refuses a unit admin (403) and hides other units’ rounds (404)', async () => {
    const res = await unitAdmin.post(`/api/rereview-rounds/${r.id}/titles/${inRound.id}/outcome`, {
      outcome: 'keep',
    });
    expect(res.statusCode).toBe(403);
    expect(await statusOf(inRound.id)).toBe('under_rereview');
    expect((await unitAdmin.post('/api/rereview-rounds', {})).statusCode).toBe(403);
    expect((await unitAdmin.get('/api/titles/figures')).statusCode).toBe(403);
  });
});

describe('reading rounds', () => {
  it('gives a unit admin its unit’s titles only, without the draw; another unit’s round is 404', async () => {
    const [a] = await titlesOf(2037, 1);
    const [b] = await titlesOf(2037, 1, { organizationId: tree.b1.id, unitId: tree.unitB.id });
    const [onlyB] = await titlesOf(2038, 1, { organizationId: tree.b1.id, unitId: tree.unitB.id });
    const mixed = await openList([a!, b!], '混合批次');
    const other = await openList([onlyB!], '他单位批次');
    const seen = (await unitAdmin.get(`/api/rereview-rounds/${mixed.id}`)).json<RoundDetail>();
    expect(seen).toMatchObject({ titles: 1, draw: null });
    expect(seen.items.map((i) => i.serial)).toEqual([a!.serial]);
    expect((await unitAdmin.get(`/api/rereview-rounds/${other.id}`)).statusCode).toBe(404);
    const list = (await unitAdmin.get('/api/rereview-rounds?pageSize=200')).json<RoundList>();
    expect(list.items.map((i) => i.id)).toContain(mixed.id);
    expect(list.items.map((i) => i.id)).not.toContain(other.id);
    expect(list.items.find((i) => i.id === mixed.id)).toMatchObject({ titles: 1, decided: 0 });
    const all = (await committee.get('/api/rereview-rounds?pageSize=200')).json<RoundList>();
    expect(all.items.find((i) => i.id === mixed.id)).toMatchObject({ titles: 2 });
    expect(all.total).toBe(list.total + 1);
  });
});

describe('the expiry sweep', () => {
  it('expires exactly the due titles once, settles their round, and audits the count once', async () => {
    const [waiting, decided] = await titlesOf(2039, 2, { validUntil: '2027-06-01' });
    const [plain] = await titlesOf(2039, 1, { validUntil: '2027-06-01' });
    const [later] = await titlesOf(2039, 1, { validUntil: '2027-06-02' });
    const r = await openList([waiting!, decided!], '到期前复评');
    await outcome(r, decided!, { outcome: 'keep' });
    const audits = async () =>
      (
        await env.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'titles.expire'))
      )[0]!.n;
    const before = await audits();
    // 2027-05-31 23:59:59 in China: nothing is due.
    expect(await expireTitles(env.db, new Date('2027-05-31T15:59:59.000Z'))).toBe(0);
    expect(await audits()).toBe(before);
    const at = new Date('2027-05-31T16:00:00.000Z');
    expect(await expireTitles(env.db, at)).toBe(3);
    expect(await audits()).toBe(before + 1);
    const [a] = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'titles.expire'))
      .orderBy(auditEvents.at);
    expect(a!.changes).toEqual({
      expired: { before: null, after: 3 },
      roundsClosed: { before: null, after: 1 },
    });
    expect(a!.detail).toBe(`3 个称号到期：${serials([waiting!, decided!, plain!]).join(', ')}`);
    const statuses = await env.db
      .select({ id: titles.id, s: titles.status })
      .from(titles)
      .where(inArray(titles.id, [waiting!.id, decided!.id, plain!.id, later!.id]));
    expect(Object.fromEntries(statuses.map((x) => [x.id, x.s]))).toEqual({
      [waiting!.id]: 'expired',
      [decided!.id]: 'expired',
      [plain!.id]: 'expired',
      [later!.id]: 'active',
    });
    const round = (await committee.get(`/api/rereview-rounds/${r.id}`)).json<RoundDetail>();
    expect(round).toMatchObject({ status: 'closed', decided: 2, closedAt: at.toISOString() });
    expect(round.items.find((i) => i.titleId === waiting!.id)).toMatchObject({
      outcome: 'expired',
      titleStatus: 'expired',
    });
    // Idempotent: the same sweep again changes and audits nothing.
    const w = await writes();
    expect(await expireTitles(env.db, at)).toBe(0);
    expect(await expireTitles(env.db, new Date('2027-05-31T18:00:00.000Z'))).toBe(0);
    expect(await writes()).toEqual(w);
    expect(await audits()).toBe(before + 1);
  });
});

describe('优进劣出 figures', () => {
  let fenv: TestEnv;
  afterAll(() => fenv?.close());

  it('counts per year added, kept, rectified, revoked, expired, the standing pool, turnover and freed places', async () => {
    fenv = await makeTestEnv();
    const ftree = await seedTree(fenv.db);
    const fusers = await seedUsers(fenv.db, ftree);
    fenv.clock.now = MARCH_2027;
    let c = client(fenv.app, await login(fenv.app, 'cadmin'));
    // 2026: the certified title and three more (one a general branch); 2027: two more, one expiring early.
    const base = await seedCertified(
      fenv.db,
      { a1: ftree.a1, unitA: ftree.unitA, unitB: ftree.unitB },
      actorOf(fusers.committee_admin),
    );
    const clone = (over: Parameters<typeof cloneTitle>[2]) => cloneTitle(fenv.db, base.title.id, over);
    const t2 = await clone({ year: 2026 });
    const t3 = await clone({ year: 2026, orgKind: 'general_branch' });
    const t4 = await clone({ year: 2026 });
    await clone({ year: 2027 });
    await clone({ year: 2027, validUntil: '2028-01-10' });

    const round = await c.post('/api/rereview-rounds', {
      name: '2026 届复评',
      year: 2027,
      standardBasis: 'awarded',
      selection: { mode: 'year', awardYear: 2026 },
    });
    expect(round.json().titles).toBe(4);
    const r = round.json<RoundDetail>();
    const post = (id: string, body: unknown) =>
      c.post(`/api/rereview-rounds/${r.id}/titles/${id}/outcome`, body);
    expect((await post(base.title.id, { outcome: 'keep' })).statusCode).toBe(200);
    expect(
      (await post(t2.id, { outcome: 'rectify', reason: '整改', deadline: '2027-09-30' })).statusCode,
    ).toBe(200);
    expect((await post(t3.id, { outcome: 'revoke', reason: '撤销' })).statusCode).toBe(200);
    expect((await post(t4.id, { outcome: 'revoke', reason: '撤销' })).statusCode).toBe(200);

    fenv.clock.now = new Date('2028-02-01T02:00:00.000Z');
    c = client(fenv.app, await login(fenv.app, 'cadmin'));
    expect(
      (
        await c.post(`/api/rereview-rounds/${r.id}/titles/${t2.id}/follow-up`, {
          result: 'revoked',
          reason: '逾期未整改',
        })
      ).statusCode,
    ).toBe(200);
    expect(await expireTitles(fenv.db, fenv.clock.now)).toBe(1);

    const res = await c.get('/api/titles/figures');
    expect(res.statusCode).toBe(200);
    expect(res.json<TitleFiguresView>()).toEqual({
      years: [
        { year: 2026, added: 4, kept: 0, rectified: 0, revoked: 0, expired: 0, standing: 4, turnover: 0 },
        {
          year: 2027,
          added: 2,
          kept: 1,
          rectified: 1,
          revoked: 2,
          expired: 0,
          standing: 4,
          turnover: 0.3333,
        },
        { year: 2028, added: 0, kept: 0, rectified: 0, revoked: 1, expired: 1, standing: 2, turnover: 0.5 },
      ],
      freed: [
        {
          year: 2027,
          campaignYear: 2028,
          trackCode: 'site',
          trackNameZh: '基层党建工作示范点',
          orgKind: 'branch',
          places: 1,
        },
        {
          year: 2027,
          campaignYear: 2028,
          trackCode: 'site',
          trackNameZh: '基层党建工作示范点',
          orgKind: 'general_branch',
          places: 1,
        },
        {
          year: 2028,
          campaignYear: 2029,
          trackCode: 'site',
          trackNameZh: '基层党建工作示范点',
          orgKind: 'branch',
          places: 1,
        },
      ],
    });
  });
});
