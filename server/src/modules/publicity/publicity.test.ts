/**
 * Publicity through the API: the calendar, publishing with its window across National Day, the refusals
 * (nothing written after one), the public page (exact fields, ETag, cache dropped on change) and its
 * canary, objections from the public and their handling with a substitution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, ne, sql } from 'drizzle-orm';
import {
  applicationEvents,
  applications,
  auditEvents,
  calendarDays,
  campaignQuotas,
  decisionLines,
  objectionNotes,
  objections,
  publicities,
  publicityItems,
} from '../../db/schema';
import {
  client,
  insertUser,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import type {
  ObjectionDetail,
  ObjectionSummary,
  PublicityDetail,
  PublicPublicity,
} from '../../../../shared/src/contracts/publicity';
import { RECEIPT_PATTERN } from '../../../../shared/src/domain/publicity';
import { actorOf, seedDeciding, seedDraft } from '../decisions/test-kit';
import { fileUpload } from '../evidence/test-kit';
import { seedCalendar, seedProposed, seedPublished } from './test-kit';

let env: TestEnv;
let committee: ReturnType<typeof client>;
let handler: ReturnType<typeof client>;
let anon: ReturnType<typeof client>;
let committeeCookie: string;
let tree: Awaited<ReturnType<typeof seedTree>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let handlerUser: Awaited<ReturnType<typeof insertUser>>;

/** 2026-09-30 10:00 in China, the day before National Day. */
const BEFORE_NATIONAL_DAY = new Date('2026-09-30T02:00:00.000Z');

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  handlerUser = await insertUser(env.db, { username: 'handler', role: 'committee_admin' });
  committeeCookie = await login(env.app, 'cadmin');
  committee = client(env.app, committeeCookie);
  handler = client(env.app, await login(env.app, 'handler'));
  anon = client(env.app, null);
});
afterAll(() => env.close());

const units = () => ({ a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB });
const admin = () => actorOf(users.committee_admin);

async function writes() {
  const n = async (
    t:
      | typeof publicities
      | typeof publicityItems
      | typeof objections
      | typeof auditEvents
      | typeof calendarDays
      | typeof objectionNotes
      | typeof applicationEvents,
  ) => (await env.db.select({ n: count() }).from(t))[0]!.n;
  const statuses = await env.db.execute(sql`select id, status, version from applications order by id`);
  return {
    publicities: await n(publicities),
    items: await n(publicityItems),
    objections: await n(objections),
    notes: await n(objectionNotes),
    audit: await n(auditEvents),
    calendar: await n(calendarDays),
    history: await n(applicationEvents),
    applications: JSON.stringify(statuses),
  };
}

let nextIp = 1;
/** Files from a fresh address each time (one address may file 3 a day). */
function fileObjection(publicityId: string, payload: unknown) {
  return env.app.inject({
    method: 'POST',
    url: `/api/public/publicity/${publicityId}/objections`,
    remoteAddress: `10.1.0.${nextIp++}`,
    headers: { 'x-shifan-csrf': '1' },
    payload: payload as never,
  });
}

async function statusOf(id: string) {
  const [a] = await env.db
    .select({ s: applications.status })
    .from(applications)
    .where(eq(applications.id, id));
  return a!.s;
}

describe('the working-day calendar', () => {
  it('sets, lists and removes days, each audited; a weekday as 调休 is refused with nothing written', async () => {
    let res = await committee.put('/api/calendar/days/2025-10-11', { kind: 'workday', name: '国庆节' });
    expect(res.statusCode).toBe(200);
    res = await committee.put('/api/calendar/days/2025-10-01', { kind: 'holiday', name: '国庆节' });
    expect(res.json()).toEqual({
      year: 2025,
      days: [
        { date: '2025-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2025-10-11', kind: 'workday', name: '国庆节' },
      ],
    });
    const before = await writes();
    res = await committee.put('/api/calendar/days/2025-10-10', { kind: 'workday', name: '国庆节' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'kind', code: 'workday_not_weekend' }),
    ]);
    res = await committee.put('/api/calendar/days/2025-02-29', { kind: 'holiday', name: '春节' });
    expect(res.statusCode).toBe(400);
    expect(await writes()).toEqual(before);
    res = await committee.delete('/api/calendar/days/2025-10-11');
    expect(res.json().days).toEqual([{ date: '2025-10-01', kind: 'holiday', name: '国庆节' }]);
    const events = await env.db
      .select({ action: auditEvents.action, objectId: auditEvents.objectId })
      .from(auditEvents)
      .where(sql`${auditEvents.action} like 'calendar.%'`)
      .orderBy(auditEvents.id);
    expect(events).toEqual([
      { action: 'calendar.update', objectId: '2025-10-11' },
      { action: 'calendar.update', objectId: '2025-10-01' },
      { action: 'calendar.delete', objectId: '2025-10-11' },
    ]);
    expect((await committee.delete('/api/calendar/days/2025-10-11')).statusCode).toBe(404);
  });

  it('refuses a date that is no day with a 400 on the path, not a database error (fuzzer, seed 2)', async () => {
    const before = await writes();
    for (const date of ['1047-81-38', '2025-02-30', '2026-02-29', '0000-01-01']) {
      for (const res of [
        await committee.delete(`/api/calendar/days/${date}`),
        await committee.put(`/api/calendar/days/${date}`, { kind: 'holiday', name: '春节' }),
      ]) {
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [expect.objectContaining({ field: 'params.date' })],
        });
      }
    }
    expect(await writes()).toEqual(before);
  });
});

describe('importing a year’s statutory holidays', () => {
  const upload = (year: number, dryRun: boolean, csv: string) => {
    const m = fileUpload(`${year}.csv`, Buffer.from(csv));
    return env.app.inject({
      method: 'POST',
      url: `/api/calendar/import?year=${year}&dryRun=${dryRun}`,
      payload: m.payload,
      headers: { ...m.headers, cookie: committeeCookie, 'x-shifan-csrf': '1' },
    });
  };
  // 2027 is invented here; only the shape of the notice matters.
  const GOOD = '日期,类型,名称\n2027-10-01,放假,国庆节\n2027/10/2,放假,国庆节\n2027-10-09,调休上班,国庆节\n';

  it('checks every row and writes nothing while any is bad (422 with the rows)', async () => {
    const before = await writes();
    const res = await upload(
      2027,
      false,
      '日期,类型,名称\n2027-10-01,放假,国庆节\n2027-10-08,调休上班,国庆节\n2026-10-01,放假,国庆节\n2027-10-01,调休,国庆节\n2027-02-30,放假,春节\n2027-10-01,放假,国庆节\n',
    );
    expect(res.statusCode).toBe(422);
    expect(
      (res.json().error.errors as { row: number; column: string; code: string }[]).map((e) => [
        e.row,
        e.column,
        e.code,
      ]),
    ).toEqual([
      [2, '日期', 'both_kinds'],
      [3, '类型', 'workday_not_weekend'],
      [4, '日期', 'wrong_year'],
      [5, '类型', 'bad_kind'],
      [6, '日期', 'bad_date'],
      [7, '日期', 'both_kinds'],
    ]);
    expect(await writes()).toEqual(before);
  });

  it('dry run answers the counts; the real run replaces the year with one audit event', async () => {
    await committee.put('/api/calendar/days/2027-05-01', { kind: 'holiday', name: '劳动节' });
    const before = await writes();
    let res = await upload(2027, true, GOOD);
    expect(res.json()).toEqual({ dryRun: true, year: 2027, holidays: 2, workdays: 1, replaced: 1 });
    expect(await writes()).toEqual(before);
    res = await upload(2027, false, GOOD);
    expect(res.json()).toEqual({ dryRun: false, year: 2027, holidays: 2, workdays: 1, replaced: 1 });
    expect((await committee.get('/api/calendar?year=2027')).json().days).toEqual([
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-09', kind: 'workday', name: '国庆节' },
    ]);
    const after = await writes();
    expect(after.audit - before.audit).toBe(1);
    const [e] = await env.db
      .select({ objectId: auditEvents.objectId, changes: auditEvents.changes, detail: auditEvents.detail })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'calendar.import'));
    expect(e).toEqual({
      objectId: '2027',
      changes: { days: { before: 1, after: 3 } },
      detail: '2027.csv: 2 holidays, 1 workdays',
    });
  });
});

describe('publishing', () => {
  it('refuses without a confirmed decision, and without the year’s calendar; nothing written', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const body = { contact: '组织部 022-23456789' };
    const none = await seedDeciding(env.db, env.clock.now, {
      branchQuota: 1,
      apps: [{ key: 'A', scores: [90], unit: tree.unitA, submittedMinute: 1 }],
    });
    const draft = await seedDraft(env.db, env.clock.now, units());
    const before = await writes();
    let res = await committee.post(`/api/campaigns/${none.campaignId}/publicity`, body);
    expect([res.statusCode, res.json().error.code, res.json().error.details[0].code]).toEqual([
      409,
      'DECISION_INCOMPLETE',
      'no_decision',
    ]);
    res = await committee.post(`/api/campaigns/${draft.campaignId}/publicity`, body);
    expect(res.json().error.details[0].code).toBe('not_confirmed');
    const proposed = await seedProposed(env.db, env.clock.now, units(), admin());
    await env.db.delete(calendarDays).where(sql`extract(year from ${calendarDays.date}) = 2026`);
    const mid = await writes();
    res = await committee.post(`/api/campaigns/${proposed.campaignId}/publicity`, body);
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'CALENDAR_MISSING']);
    expect(res.json().error.details[0].message).toBe('工作日历中没有 2026 年的节假日安排');
    expect(await writes()).toEqual(mid);
    expect(before.publicities).toBe(mid.publicities);
    expect(await statusOf(proposed.ids.A!)).toBe('proposed');
  });

  it('publishes for 5 working days across National Day (9-30, 10-08, 10-09, 10-10 调休, 10-12)', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedProposed(env.db, env.clock.now, units(), admin());
    const res = await committee.post(`/api/campaigns/${s.campaignId}/publicity`, {
      contact: '市级机关工委组织部，电话 022-23456789',
    });
    expect(res.statusCode).toBe(201);
    const p = res.json<PublicityDetail>();
    expect([p.firstDay, p.lastDay, p.startsAt, p.endsAt, p.workingDays, p.allowAnonymous, p.status]).toEqual([
      '2026-09-30',
      '2026-10-12',
      '2026-09-30T02:00:00.000Z',
      '2026-10-12T16:00:00.000Z',
      5,
      false,
      'open',
    ]);
    expect(p.title).toMatch(/拟命名名单公示$/);
    expect(
      p.items.map((i) => [i.applicationId, i.name, i.brandName, i.track, i.orgKind, i.rank, i.status]),
    ).toEqual([[s.ids.A, 'A党支部', '清水先锋', 'site', 'branch', 1, 'listed']]);
    expect(await statusOf(s.ids.A!)).toBe('in_publicity');
    expect(await statusOf(s.ids.B!)).toBe('not_selected');
    const history = await env.db
      .select({
        action: applicationEvents.action,
        from: applicationEvents.fromStatus,
        to: applicationEvents.toStatus,
      })
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, s.ids.A!))
      .orderBy(applicationEvents.at, applicationEvents.id);
    expect(history.at(-1)).toEqual({ action: 'publish', from: 'proposed', to: 'in_publicity' });
    const [audit] = await env.db
      .select({ changes: auditEvents.changes })
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'publicity.publish' and ${auditEvents.objectId} = ${p.id}`);
    expect(audit!.changes).toEqual({
      campaignId: { before: null, after: s.campaignId },
      entries: { before: null, after: 1 },
      window: { before: null, after: '2026-09-30 ~ 2026-10-12' },
      allowAnonymous: { before: null, after: false },
    });

    const before = await writes();
    const again = await committee.post(`/api/campaigns/${s.campaignId}/publicity`, { contact: 'x' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'PUBLICITY_OPEN']);
    expect(await writes()).toEqual(before);
  });

  it('is the committee’s only', async () => {
    const unit = client(env.app, await login(env.app, 'uadmin'));
    const res = await unit.post(`/api/campaigns/${tree.unitA.id}/publicity`, { contact: 'x' });
    expect(res.statusCode).toBe(403);
  });
});

describe('the public page', () => {
  it('shows only the listed entries, the window and how to object, without login; ETag and 304', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedPublished(env.db, env.clock.now, units(), admin());
    const res = await anon.get(`/api/public/publicity/${s.publicity.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json<PublicPublicity>()).toEqual({
      id: s.publicity.id,
      title: s.publicity.title,
      contact: '市级机关工委组织部，电话 022-23456789',
      allowAnonymous: true,
      workingDays: 5,
      firstDay: '2026-09-30',
      lastDay: '2026-10-12',
      startsAt: '2026-09-30T02:00:00.000Z',
      endsAt: '2026-10-12T16:00:00.000Z',
      groups: [
        {
          track: 'site',
          trackNameZh: expect.any(String),
          trackNameEn: expect.any(String),
          orgKind: 'branch',
          entries: [
            { id: s.publicity.items[0]!.id, name: 'A党支部', holderName: null, brandName: '清水先锋' },
          ],
        },
      ],
    });
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await anon.get(`/api/public/publicity/${s.publicity.id}`, { 'if-none-match': etag });
    expect([again.statusCode, again.body]).toEqual([304, '']);
    const list = await anon.get('/api/public/publicity');
    expect(list.json().items).toContainEqual({
      id: s.publicity.id,
      title: s.publicity.title,
      firstDay: '2026-09-30',
      lastDay: '2026-10-12',
      endsAt: '2026-10-12T16:00:00.000Z',
    });
    expect((await anon.get('/api/public/publicity/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('lists a publicity while its window is open and drops it when the window ends (cached list expires)', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedPublished(env.db, env.clock.now, units(), admin());
    const ids = async () =>
      ((await anon.get('/api/public/publicity')).json().items as { id: string }[]).map((i) => i.id);
    expect(await ids()).toContain(s.publicity.id);
    env.clock.now = new Date('2026-10-12T15:59:59.000Z');
    expect(await ids()).toContain(s.publicity.id);
    env.clock.now = new Date('2026-10-12T16:00:00.000Z');
    expect(await ids()).not.toContain(s.publicity.id);
    // The notice itself stays readable after its window.
    expect((await anon.get(`/api/public/publicity/${s.publicity.id}`)).statusCode).toBe(200);
  });

  it('canary: a planted phone number and internal note never appear in any public response', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const PHONE = '13912345678';
    const NOTE = 'CANARY-内部意见-7f3a';
    const s = await seedProposed(env.db, env.clock.now, units(), admin());
    await env.db
      .update(applications)
      .set({ summary: `联系人电话 ${PHONE}`, unitOpinion: NOTE, practices: NOTE, features: PHONE })
      .where(sql`${applications.campaignId} = ${s.campaignId}`);
    await env.db.update(decisionLines).set({ reason: NOTE }).where(eq(decisionLines.applicationId, s.ids.A!));
    const p = (
      await committee.post(`/api/campaigns/${s.campaignId}/publicity`, {
        contact: '组织部',
        allowAnonymous: false,
      })
    ).json<PublicityDetail>();
    const filed = await fileObjection(p.id, {
      name: '李某',
      phone: PHONE,
      body: '反映情况',
    });
    expect(filed.statusCode).toBe(201);
    const bodies = [
      (await anon.get(`/api/public/publicity/${p.id}`)).body,
      (await anon.get('/api/public/publicity')).body,
      (await anon.get(`/api/public/objections/${filed.json().receiptCode}`)).body,
      filed.body,
    ];
    for (const b of bodies) {
      expect(b).not.toContain(PHONE);
      expect(b).not.toContain(NOTE);
      expect(b).not.toContain('李某');
    }
  });
});

describe('objections', () => {
  it('takes a named objection and answers its receipt; text stays plain', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedPublished(env.db, env.clock.now, units(), admin(), { allowAnonymous: false });
    const entryId = s.publicity.items[0]!.id;
    const res = await fileObjection(s.publicity.id, {
      entryId,
      name: '王某',
      phone: '13800001111',
      body: '<script>alert(1)</script>该支部材料不实',
    });
    expect(res.statusCode).toBe(201);
    const { receiptCode, filedAt } = res.json();
    expect(receiptCode).toMatch(RECEIPT_PATTERN);
    expect(filedAt).toBe('2026-09-30T02:00:00.000Z');
    const status = await anon.get(`/api/public/objections/${receiptCode}`);
    expect(status.json()).toEqual({
      receiptCode,
      filedAt,
      status: 'received',
      outcome: null,
      reply: null,
      closedAt: null,
    });
    const [row] = await env.db.select().from(objections).where(eq(objections.receiptCode, receiptCode));
    expect([row!.body, row!.filerName, row!.filerPhone, row!.anonymous, row!.itemId]).toEqual([
      '<script>alert(1)</script>该支部材料不实',
      '王某',
      '13800001111',
      false,
      entryId,
    ]);
    const [audit] = await env.db
      .select({ changes: auditEvents.changes, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'objections.file' and ${auditEvents.objectId} = ${row!.id}`);
    expect(audit).toEqual({
      actorId: null,
      changes: {
        publicityId: { before: null, after: s.publicity.id },
        entryId: { before: null, after: entryId },
        anonymous: { before: null, after: false },
      },
    });
    expect((await anon.get('/api/public/objections/AAAA-AAAA-AAAA')).statusCode).toBe(404);
    expect((await anon.get('/api/public/objections/not-a-code')).statusCode).toBe(400);
  });

  it('refuses anonymity when not allowed, missing phone, unknown entries, and outside the window; nothing written', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedPublished(env.db, env.clock.now, units(), admin(), { allowAnonymous: false });
    const url = `/api/public/publicity/${s.publicity.id}/objections`;
    const before = await writes();
    const cases: [unknown, number, string, string][] = [
      [{ anonymous: true, body: '匿名反映' }, 400, 'VALIDATION_FAILED', 'anonymous_not_allowed'],
      [{ name: '王某', body: '反映' }, 400, 'VALIDATION_FAILED', 'required'],
      [{ name: '王某', phone: 'abc', body: '反映' }, 400, 'VALIDATION_FAILED', 'invalid_format'],
      [{ name: '王某', phone: '13800001111', body: '' }, 400, 'VALIDATION_FAILED', 'too_small'],
      [
        { name: '王某', phone: '13800001111', body: '反映', entryId: '00000000-0000-4000-8000-000000000000' },
        400,
        'VALIDATION_FAILED',
        'unknown_entry',
      ],
      [{ name: '王某', phone: '13800001111', body: 'x'.repeat(2001) }, 400, 'VALIDATION_FAILED', 'too_big'],
    ];
    for (const [body, status, code, detail] of cases) {
      const res = await anon.post(url, body);
      expect(
        [res.statusCode, res.json().error.code, res.json().error.details[0].code],
        JSON.stringify(body),
      ).toEqual([status, code, detail]);
    }
    env.clock.now = new Date('2026-10-12T16:00:00.000Z');
    const late = await anon.post(url, { name: '王某', phone: '13800001111', body: '反映' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'PUBLICITY_NOT_OPEN']);
    expect(await writes()).toEqual(before);
  });

  it('limits one address to 3 a day (the 4th is 429, nothing written); another address may still file', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedPublished(env.db, env.clock.now, units(), admin());
    const url = `/api/public/publicity/${s.publicity.id}/objections`;
    const from = (ip: string) =>
      env.app.inject({
        method: 'POST',
        url,
        remoteAddress: ip,
        headers: { 'x-shifan-csrf': '1' },
        payload: { anonymous: true, body: '反映情况' },
      });
    for (let i = 0; i < 3; i++) expect((await from('10.9.9.1')).statusCode).toBe(201);
    const before = await writes();
    const fourth = await from('10.9.9.1');
    expect([fourth.statusCode, fourth.json().error.code, fourth.json().error.details[0].code]).toEqual([
      429,
      'RATE_LIMITED',
      'per_address',
    ]);
    expect(await writes()).toEqual(before);
    expect((await from('10.9.9.2')).statusCode).toBe(201);
    const stored = await env.db.select({ h: objections.sourceHash }).from(objections);
    expect(stored.some((r) => r.h.includes('10.9.9.1'))).toBe(false);
  });

  it('offers as the next ranked the next of the struck entry’s quota group: its kind, or any kind under a whole-track quota', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedPublished(env.db, env.clock.now, units(), admin());
    // B, the next ranked, is now a general branch's line: not of A's group while the quota is per kind.
    await env.db
      .update(decisionLines)
      .set({ orgKind: 'general_branch' })
      .where(eq(decisionLines.applicationId, s.ids.B!));
    await fileObjection(s.publicity.id, {
      entryId: s.publicity.items[0]!.id,
      anonymous: true,
      body: '反映情况',
    });
    const { id } = (
      (await committee.get(`/api/publicities/${s.publicity.id}/objections`)).json()
        .items as ObjectionSummary[]
    )[0]!;
    const next = async () =>
      (await committee.get(`/api/objections/${id}`)).json<ObjectionDetail>().nextRanked;
    expect(await next()).toBeNull();
    // One quota for the whole site track (as the venues have): B is the next ranked again.
    const site = and(eq(campaignQuotas.campaignId, s.campaignId), eq(campaignQuotas.trackCode, 'site'));
    await env.db.delete(campaignQuotas).where(and(site, ne(campaignQuotas.orgKind, 'branch')));
    await env.db.update(campaignQuotas).set({ orgKind: null }).where(site);
    expect(await next()).toEqual({ applicationId: s.ids.B, name: 'B党支部', rank: 2 });
  });

  it('is handled: accepted to an assignee (who alone sees the filer), investigated, upheld with the next ranked substituted', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedPublished(env.db, env.clock.now, units(), admin());
    const entry = s.publicity.items[0]!;
    const filed = await fileObjection(s.publicity.id, {
      entryId: entry.id,
      name: '赵小明',
      phone: '13800002222',
      body: '该支部创建材料与实际不符',
    });
    const receipt = filed.json().receiptCode as string;
    const { id } = (
      (await committee.get(`/api/publicities/${s.publicity.id}/objections`)).json()
        .items as ObjectionSummary[]
    )[0]!;
    let o = (await committee.get(`/api/objections/${id}`)).json<ObjectionDetail>();
    expect([o.filerName, o.filerPhone, o.filerMasked, o.status]).toEqual([
      '赵**',
      '138****2222',
      true,
      'received',
    ]);

    let res = await committee.post(`/api/objections/${id}/accept`, {
      assigneeId: handlerUser.id,
      deadline: '2026-10-09',
      version: o.version,
    });
    expect(res.statusCode).toBe(200);
    o = res.json<ObjectionDetail>();
    expect([o.status, o.assigneeName, o.deadline, o.filerName]).toEqual([
      'investigating',
      'handler',
      '2026-10-09',
      '赵**',
    ]);
    o = (await handler.get(`/api/objections/${id}`)).json<ObjectionDetail>();
    expect([o.filerName, o.filerPhone, o.filerMasked]).toEqual(['赵小明', '13800002222', false]);
    expect(o.nextRanked).toEqual({ applicationId: s.ids.B, name: 'B党支部', rank: 2 });

    const before = await writes();
    res = await committee.post(`/api/objections/${id}/notes`, { body: '约谈', version: o.version });
    expect([res.statusCode, res.json().error.details[0].code]).toEqual([409, 'not_assignee']);
    res = await handler.post(`/api/objections/${id}/close`, {
      outcome: 'founded_substitute',
      reason: '经核查材料不实',
      substituteApplicationId: s.ids.A,
      version: o.version,
    });
    expect([res.statusCode, res.json().error.code, res.json().error.details[0].code]).toEqual([
      409,
      'OBJECTION_REFUSED',
      'not_next_ranked',
    ]);
    res = await handler.post(`/api/objections/${id}/close`, {
      outcome: 'founded_withdraw',
      reason: ' ',
      version: o.version,
    });
    expect(res.statusCode).toBe(400);
    expect(await writes()).toEqual(before);

    o = (
      await handler.post(`/api/objections/${id}/notes`, {
        body: '已约谈支部书记，核实材料',
        version: o.version,
      })
    ).json();
    expect(o.notes).toEqual([
      { at: '2026-09-30T02:00:00.000Z', authorName: 'handler', body: '已约谈支部书记，核实材料' },
    ]);
    const publicBefore = (await anon.get(`/api/public/publicity/${s.publicity.id}`)).json<PublicPublicity>();
    expect(publicBefore.groups[0]!.entries.map((e) => e.name)).toEqual(['A党支部']);

    res = await handler.post(`/api/objections/${id}/close`, {
      outcome: 'founded_substitute',
      reason: '经核查材料不实，撤销拟命名，由排名第二的B党支部递补',
      reply: '经核查，异议成立，已撤销拟命名并依次递补。',
      substituteApplicationId: s.ids.B,
      version: o.version,
    });
    expect(res.statusCode).toBe(200);
    o = res.json<ObjectionDetail>();
    expect([o.status, o.outcome, o.closedByName, o.entry?.status]).toEqual([
      'closed',
      'founded_substitute',
      'handler',
      'struck',
    ]);
    expect(await statusOf(s.ids.A!)).toBe('withdrawn');
    expect(await statusOf(s.ids.B!)).toBe('in_publicity');
    const p = (await committee.get(`/api/publicities/${s.publicity.id}`)).json<PublicityDetail>();
    expect(p.items.map((i) => [i.name, i.status, i.substituteFor, i.reason])).toEqual([
      ['A党支部', 'struck', null, '经核查材料不实，撤销拟命名，由排名第二的B党支部递补'],
      ['B党支部', 'listed', entry.id, '经核查材料不实，撤销拟命名，由排名第二的B党支部递补'],
    ]);
    expect(p.objections).toEqual({ open: 0, total: 1 });
    const after = (await anon.get(`/api/public/publicity/${s.publicity.id}`)).json<PublicPublicity>();
    expect(after.groups[0]!.entries.map((e) => e.name)).toEqual(['B党支部']);
    expect((await anon.get(`/api/public/objections/${receipt}`)).json()).toEqual({
      receiptCode: receipt,
      filedAt: '2026-09-30T02:00:00.000Z',
      status: 'closed',
      outcome: 'founded_substitute',
      reply: '经核查，异议成立，已撤销拟命名并依次递补。',
      closedAt: '2026-09-30T02:00:00.000Z',
    });
    const trail = await env.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        sql`${auditEvents.objectId} = ${id} or (${auditEvents.objectType} = 'application' and ${auditEvents.objectId} in (${s.ids.A}, ${s.ids.B}) and ${auditEvents.action} in ('applications.strike', 'applications.substitute'))`,
      )
      .orderBy(auditEvents.id);
    expect(trail.map((t) => t.action)).toEqual([
      'objections.file',
      'objections.accept',
      'objections.note',
      'applications.strike',
      'applications.substitute',
      'objections.close',
    ]);
    const audits = JSON.stringify(
      await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, id)),
    );
    expect(audits).not.toContain('13800002222');
    expect(audits).not.toContain('赵小明');
  });

  it('closes as unfounded and dismisses, leaving the list as it was', async () => {
    env.clock.now = BEFORE_NATIONAL_DAY;
    const s = await seedPublished(env.db, env.clock.now, units(), admin());
    const r1 = (
      await fileObjection(s.publicity.id, {
        anonymous: true,
        body: '反映一',
        entryId: s.publicity.items[0]!.id,
      })
    ).json();
    const r2 = (await fileObjection(s.publicity.id, { anonymous: true, body: '与公示无关的内容' })).json();
    const list = (await committee.get(`/api/publicities/${s.publicity.id}/objections`)).json()
      .items as ObjectionSummary[];
    const o1 = list.find((o) => o.entry !== null);
    const o2 = list.find((o) => o.entry === null);
    expect([o1!.anonymous, o1!.filerName, o1!.filerMasked]).toEqual([true, null, false]);
    let res = await committee.post(`/api/objections/${o1!.id}/accept`, {
      assigneeId: users.committee_admin.id,
      version: 1,
    });
    res = await committee.post(`/api/objections/${o1!.id}/close`, {
      outcome: 'unfounded',
      reason: '经核查，所反映问题不属实',
      version: res.json().version,
    });
    expect([res.statusCode, res.json().outcome]).toEqual([200, 'unfounded']);
    res = await committee.post(`/api/objections/${o2!.id}/dismiss`, {
      reason: '不属于公示内容',
      reply: '不予受理',
      version: 1,
    });
    expect([res.statusCode, res.json().status, res.json().outcome]).toEqual([200, 'closed', 'inadmissible']);
    expect(await statusOf(s.ids.A!)).toBe('in_publicity');
    expect((await anon.get(`/api/public/objections/${r1.receiptCode}`)).json().outcome).toBe('unfounded');
    expect((await anon.get(`/api/public/objections/${r2.receiptCode}`)).json().reply).toBe('不予受理');
    res = await committee.post(`/api/objections/${o2!.id}/dismiss`, { reason: '再次', version: 2 });
    expect([res.statusCode, res.json().error.details[0].code]).toEqual([409, 'wrong_status']);
  });
});

describe('the calendar fixture', () => {
  it('is idempotent', async () => {
    await seedCalendar(env.db);
    await seedCalendar(env.db);
    const [n] = await env.db
      .select({ n: count() })
      .from(calendarDays)
      .where(sql`extract(year from ${calendarDays.date}) = 2026`);
    expect(n!.n).toBe(9);
  });
});
