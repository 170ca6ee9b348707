/**
 * Certifying after publicity (确认命名) and the title registry through the API: the refusals (window open,
 * objections open, a second title for a holder, a serial in use — nothing written after each), the titles
 * with their serials, validity and history, the scoped list and detail, the Excel export, and expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  applicationEvents,
  applications,
  auditEvents,
  publicities,
  titleEvents,
  titles,
  titleSerials,
} from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import type { TitleDetail, TitleList } from '../../../../shared/src/contracts/titles';
import { actorOf } from '../decisions/test-kit';
import { file } from '../publicity/objections';
import { AFTER_WINDOW, ctxAt, seedCertified, seedEnded } from './test-kit';
import { expireDue } from './service';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
let committee: ReturnType<typeof client>;
let unitAdmin: ReturnType<typeof client>;
let applicant: ReturnType<typeof client>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  committee = client(env.app, await login(env.app, 'cadmin'));
  unitAdmin = client(env.app, await login(env.app, 'uadmin'));
  applicant = client(env.app, await login(env.app, 'appl'));
});
afterAll(() => env.close());

const units = () => ({ a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB });
const admin = () => actorOf(users.committee_admin);

async function writes() {
  const n = async (t: typeof titles | typeof titleEvents | typeof auditEvents | typeof applicationEvents) =>
    (await env.db.select({ n: count() }).from(t))[0]!.n;
  return {
    titles: await n(titles),
    events: await n(titleEvents),
    audit: await n(auditEvents),
    history: await n(applicationEvents),
    serials: JSON.stringify(await env.db.select().from(titleSerials).orderBy(titleSerials.trackCode)),
    applications: await env.db
      .select({ id: applications.id, status: applications.status, version: applications.version })
      .from(applications)
      .orderBy(applications.id),
    publicities: await env.db
      .select({ id: publicities.id, status: publicities.status, version: publicities.version })
      .from(publicities)
      .orderBy(publicities.id),
  };
}

/** The last serial number given for the site track in 2026 (0 before the first). */
async function lastSiteSerial(): Promise<number> {
  const [r] = await env.db
    .select({ last: titleSerials.last })
    .from(titleSerials)
    .where(sql`${titleSerials.trackCode} = 'site' and ${titleSerials.year} = 2026`);
  return r?.last ?? 0;
}
const siteSerial = (n: number) => `TJ-SFD-2026-${String(n).padStart(3, '0')}`;

async function statusOf(id: string) {
  const [a] = await env.db
    .select({ s: applications.status })
    .from(applications)
    .where(eq(applications.id, id));
  return a!.s;
}

describe('POST /api/publicities/:id/certify', () => {
  it('refuses while the window is open, with nothing written', async () => {
    const s = await seedEnded(env.db, units(), admin());
    env.clock.now = new Date('2026-10-12T15:59:59.000Z');
    const before = await writes();
    const res = await committee.post(`/api/publicities/${s.publicity.id}/certify`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PUBLICITY_WINDOW_OPEN');
    expect(res.json().error.details).toEqual([
      { field: 'endsAt', code: 'window_open', message: '公示期至 2026-10-12 结束' },
    ]);
    expect(await writes()).toEqual(before);
  });

  it('refuses while an objection is open, with nothing written', async () => {
    const s = await seedEnded(env.db, units(), admin());
    await file(
      env.db,
      ctxAt(null, new Date('2026-10-09T02:00:00.000Z')),
      s.publicity.id,
      { anonymous: true, body: '材料不实' },
      '10.9.0.1',
    );
    env.clock.now = AFTER_WINDOW;
    const before = await writes();
    const res = await committee.post(`/api/publicities/${s.publicity.id}/certify`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'OBJECTIONS_OPEN',
      details: [{ field: 'objections', code: 'objections_open', message: '还有 1 件异议未办结' }],
    });
    expect(await writes()).toEqual(before);
  });

  it('certifies the listed applications: titles with the next serials, validity, history, one audit event', async () => {
    const s = await seedEnded(env.db, units(), admin());
    const n = (await lastSiteSerial()) + 1;
    env.clock.now = AFTER_WINDOW;
    const audit = (await writes()).audit;
    const res = await committee.post(`/api/publicities/${s.publicity.id}/certify`, { validityYears: 2 });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.certified).toBe(1);
    const [t] = body.titles as TitleList['items'];
    expect(t).toMatchObject({
      serial: siteSerial(n),
      campaignId: s.campaignId,
      applicationId: s.ids.A,
      track: 'site',
      trackNameZh: '基层党建工作示范点',
      orgKind: 'branch',
      year: 2026,
      unitId: tree.unitA.id,
      brandName: '清水先锋',
      status: 'active',
      validityYears: 2,
      validFrom: '2026-10-13',
      validUntil: '2028-10-13',
      certifiedAt: AFTER_WINDOW.toISOString(),
    });
    expect(await statusOf(s.ids.A!)).toBe('certified');
    expect(await statusOf(s.ids.B!)).toBe('not_selected');
    const [p] = await env.db.select().from(publicities).where(eq(publicities.id, s.publicity.id));
    expect(p!.status).toBe('closed');
    const certifyAudits = await env.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'titles.certify' and ${auditEvents.objectId} = ${s.publicity.id}`);
    expect(certifyAudits).toHaveLength(1);
    expect(certifyAudits[0]!.changes).toEqual({
      titles: { before: null, after: 1 },
      serials: { before: null, after: siteSerial(n) },
      validityYears: { before: null, after: 2 },
    });
    // One certify event for the publicity, one transition record for the application.
    expect((await writes()).audit).toBe(audit + 2);

    const again = await committee.post(`/api/publicities/${s.publicity.id}/certify`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PUBLICITY_CLOSED');
  });

  it('numbers each track and year without gaps across certifications', async () => {
    const n = (await lastSiteSerial()) + 1;
    const one = await seedCertified(env.db, units(), admin());
    const two = await seedCertified(env.db, units(), admin());
    expect([one.title.serial, two.title.serial]).toEqual([siteSerial(n), siteSerial(n + 1)]);
  });

  it('refuses a second title for the same holder, track and year, with nothing written', async () => {
    const done = await seedCertified(env.db, units(), admin());
    const s = await seedEnded(env.db, units(), admin());
    // The new list's application A is made the same holder as the title already given.
    const [held] = await env.db.select().from(titles).where(eq(titles.id, done.title.id));
    await env.db
      .update(applications)
      .set({ subjectId: held!.subjectId })
      .where(eq(applications.id, s.ids.A!));
    env.clock.now = AFTER_WINDOW;
    const before = await writes();
    const res = await committee.post(`/api/publicities/${s.publicity.id}/certify`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'TITLE_EXISTS',
      details: [
        {
          field: 'holder',
          code: 'title_exists',
          message: `已有同年度同类别称号：${held!.holderName}（${held!.serial}）`,
        },
      ],
    });
    expect(await writes()).toEqual(before);
  });

  it('refuses when the next serial is already in use (a title entered by hand), with nothing written', async () => {
    const done = await seedCertified(env.db, units(), admin());
    const s = await seedEnded(env.db, units(), admin());
    const n = (await lastSiteSerial()) + 1;
    const [held] = await env.db.select().from(titles).where(eq(titles.id, done.title.id));
    const { id: _id, ...copy } = held!;
    await env.db.insert(titles).values({
      ...copy,
      serial: siteSerial(n),
      subjectId: crypto.randomUUID(),
      applicationId: s.ids.B!,
      verifyToken: 'x'.repeat(32),
    });
    env.clock.now = AFTER_WINDOW;
    const before = await writes();
    const res = await committee.post(`/api/publicities/${s.publicity.id}/certify`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('TITLE_SERIAL_TAKEN');
    expect(await writes()).toEqual(before);
    expect(await lastSiteSerial()).toBe(n - 1);
    // Once the hand-entered title is corrected, certifying goes through with that serial.
    await env.db.delete(titles).where(eq(titles.serial, siteSerial(n)));
    const ok = await committee.post(`/api/publicities/${s.publicity.id}/certify`, {});
    expect(ok.json().titles[0].serial).toBe(siteSerial(n));
  });

  it('answers 404 for an unknown publicity and 403 to a unit admin', async () => {
    env.clock.now = AFTER_WINDOW;
    const res = await committee.post(`/api/publicities/${crypto.randomUUID()}/certify`, {});
    expect(res.statusCode).toBe(404);
    const s = await seedEnded(env.db, units(), admin());
    expect((await unitAdmin.post(`/api/publicities/${s.publicity.id}/certify`, {})).statusCode).toBe(403);
    const bad = await committee.post(`/api/publicities/${s.publicity.id}/certify`, { validityYears: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/titles/settings', () => {
  it('gives the committee the configured default validity; others are refused', async () => {
    expect((await committee.get('/api/titles/settings')).json()).toEqual({ validityYears: 3 });
    expect((await unitAdmin.get('/api/titles/settings')).statusCode).toBe(403);
    const five = await makeTestEnv({ SHIFAN_TITLE_VALIDITY_YEARS: '5' });
    try {
      await seedUsers(five.db, await seedTree(five.db));
      const c = client(five.app, await login(five.app, 'cadmin'));
      expect((await c.get('/api/titles/settings')).json()).toEqual({ validityYears: 5 });
    } finally {
      await five.close();
    }
  });
});

describe('the title registry', () => {
  let mine: Awaited<ReturnType<typeof seedCertified>>;
  let otherUnitTitleId: string;

  beforeAll(async () => {
    mine = await seedCertified(env.db, units(), admin());
    // A title of unit B's branch B1 (entered directly), outside unit A's scope.
    const [held] = await env.db.select().from(titles).where(eq(titles.id, mine.title.id));
    const { id: _id, ...copy } = held!;
    const [other] = await env.db
      .insert(titles)
      .values({
        ...copy,
        serial: 'TJ-SFZD-2025-001',
        trackCode: 'venue',
        year: 2025,
        subjectId: crypto.randomUUID(),
        applicationId: mine.ids.B!,
        organizationId: tree.b1.id,
        unitId: tree.unitB.id,
        holderName: '工会职工书屋',
        organizationName: tree.b1.name,
        verifyToken: 'y'.repeat(32),
        status: 'revoked',
      })
      .returning();
    otherUnitTitleId = other!.id;
  });

  it('lists with filters for the committee, and only the unit’s own for a unit admin', async () => {
    const all = (await committee.get('/api/titles?pageSize=200')).json<TitleList>();
    expect(all.items.map((t) => t.id)).toContain(otherUnitTitleId);
    const venue = (await committee.get('/api/titles?track=venue&year=2025&status=revoked')).json<TitleList>();
    expect(venue).toMatchObject({ total: 1, items: [{ id: otherUnitTitleId, serial: 'TJ-SFZD-2025-001' }] });
    const q = (
      await committee.get(`/api/titles?q=${encodeURIComponent(mine.title.serial)}`)
    ).json<TitleList>();
    expect(q.items.map((t) => t.serial)).toEqual([mine.title.serial]);
    const unit = (await unitAdmin.get('/api/titles?pageSize=200')).json<TitleList>();
    expect(unit.items.every((t) => t.unitId === tree.unitA.id)).toBe(true);
    expect(unit.items.map((t) => t.id)).toContain(mine.title.id);
    expect(unit.total).toBe(all.total - 1);
    expect((await unitAdmin.get(`/api/titles?unitId=${tree.unitB.id}`)).json()).toEqual({
      items: [],
      total: 0,
    });
    expect((await applicant.get('/api/titles')).json()).toEqual({ items: [], total: 0 });
    const bad = await committee.get('/api/titles?status=lost');
    expect(bad.statusCode).toBe(400);
  });

  it('filters by the day certified, in Beijing time, both ends included', async () => {
    // 2025-03-31T16:30Z is 2025-04-01 00:30 in Beijing: the first of April there, still March in UTC.
    await env.db
      .update(titles)
      .set({ certifiedAt: new Date('2025-03-31T16:30:00Z') })
      .where(eq(titles.id, otherUnitTitleId));
    const ids = async (range: string) =>
      (await committee.get(`/api/titles?status=revoked&${range}`)).json<TitleList>().items.map((t) => t.id);
    expect(await ids('certifiedFrom=2025-04-01&certifiedTo=2025-04-01')).toEqual([otherUnitTitleId]);
    expect(await ids('certifiedFrom=2025-04-01')).toEqual([otherUnitTitleId]);
    expect(await ids('certifiedTo=2025-04-01')).toEqual([otherUnitTitleId]);
    expect(await ids('certifiedTo=2025-03-31')).toEqual([]);
    expect(await ids('certifiedFrom=2025-04-02')).toEqual([]);
    expect((await committee.get('/api/titles?certifiedFrom=2025-02-30')).statusCode).toBe(400);
    expect((await committee.get('/api/titles?certifiedTo=2025-04-01T00:00:00Z')).statusCode).toBe(400);
    // Years before 100 are not days the server counts in (Date.UTC reads them as 19xx): refused, not a 500.
    expect((await committee.get('/api/titles?certifiedFrom=0050-01-01')).statusCode).toBe(400);
  });

  it('shows one title with its history; out of scope is 404', async () => {
    const res = await unitAdmin.get(`/api/titles/${mine.title.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json<TitleDetail>();
    expect(d.serial).toBe(mine.title.serial);
    expect(d.verifyPath).toMatch(/^\/verify\/[A-Za-z0-9_-]{32}$/);
    expect(d.events).toEqual([
      {
        id: expect.any(Number),
        at: AFTER_WINDOW.toISOString(),
        actorName: users.committee_admin.displayName,
        action: 'certify',
        fromStatus: null,
        toStatus: 'active',
        reason: `公示期满确认命名（${mine.publicity.title}）`,
      },
    ]);
    expect((await unitAdmin.get(`/api/titles/${otherUnitTitleId}`)).statusCode).toBe(404);
    expect((await committee.get(`/api/titles/${otherUnitTitleId}`)).statusCode).toBe(200);
  });

  it('exports the filtered registry as .xlsx, audited', async () => {
    const res = await committee.get(`/api/titles/export.xlsx?q=${encodeURIComponent(mine.title.serial)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const rows: unknown[][] = [];
    wb.getWorksheet('称号台账')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      [
        '序号',
        '证书编号',
        '年度',
        '类别',
        '党组织类型',
        '命名对象',
        '所属党组织',
        '所属单位',
        '品牌名称',
        '状态',
        '有效期起',
        '有效期止',
        '命名时间',
      ],
      [
        1,
        mine.title.serial,
        2026,
        '基层党建工作示范点',
        '党支部',
        mine.title.holderName,
        mine.title.organizationName,
        tree.unitA.name,
        '清水先锋',
        '有效',
        '2026-10-13',
        '2029-10-13',
        '2026-10-13 09:00',
      ],
    ]);
    const events = await env.db
      .select({
        actorName: auditEvents.actorName,
        outcome: auditEvents.outcome,
        objectType: auditEvents.objectType,
        detail: auditEvents.detail,
      })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'titles.export'));
    expect(events).toEqual([
      {
        actorName: 'cadmin',
        outcome: 'success',
        objectType: 'title',
        detail: expect.any(String),
      },
    ]);
    expect(JSON.parse(events[0]!.detail!)).toMatchObject({ q: mine.title.serial, rows: 1, format: 'xlsx' });
  });
});

describe('expiry', () => {
  it('expires standing titles at the end of validity (not a moment before), with history and one audit event', async () => {
    const s = await seedCertified(env.db, units(), admin());
    // validUntil 2029-10-13: the last valid instant is 2029-10-12 24:00 China time.
    const status = async () =>
      (await env.db.select().from(titles).where(eq(titles.id, s.title.id)))[0]!.status;
    await expireDue(env.db, new Date('2029-10-12T15:59:59.000Z'));
    expect(await status()).toBe('active');
    const audits = async () =>
      (
        await env.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'titles.expire'))
      )[0]!.n;
    const before = await audits();
    expect(await expireDue(env.db, new Date('2029-10-12T16:00:00.000Z'))).toBeGreaterThanOrEqual(1);
    expect(await status()).toBe('expired');
    expect(await audits()).toBe(before + 1);
    const events = await env.db.select().from(titleEvents).where(eq(titleEvents.titleId, s.title.id));
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['certify', null, 'active'],
      ['expire', 'active', 'expired'],
    ]);
    expect(await expireDue(env.db, new Date('2029-10-13T16:00:00.000Z'))).toBe(0);
  });
});
