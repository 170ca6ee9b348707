/**
 * Honours (先进典型, issue #8 §4) through the API on PGlite: the kinds, records of an organisation and of a
 * person (the name masked in lists and for everyone but the committee on the detail), scoped reads, the
 * refusals with their codes (nothing written), deletion, the Excel/CSV import (dry run, all-or-nothing,
 * one audit event) and the 蓄水池 report against a certified title that is later revoked, exact values.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, like } from 'drizzle-orm';
import { auditEvents, honours } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import type { HonourDetail, HonourList } from '../../../../shared/src/contracts/honours';
import { fileUpload } from '../evidence/test-kit';

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

const DOC = '津党机工〔2025〕12号';
const orgHonour = (organizationId: string, over: Record<string, unknown> = {}) => ({
  year: 2025,
  kindCode: 'advanced_org',
  organizationId,
  documentNo: DOC,
  awardedOn: '2025-06-28',
  ...over,
});
const personHonour = (organizationId: string, over: Record<string, unknown> = {}) =>
  orgHonour(organizationId, {
    kindCode: 'outstanding_member',
    personName: '张三明',
    personPosition: '党支部书记',
    ...over,
  });
const honourCount = async () => (await env.db.select({ n: count() }).from(honours))[0]!.n;
const audits = (action: string) => env.db.select().from(auditEvents).where(eq(auditEvents.action, action));

describe('honour kinds', () => {
  it('has the three built-in kinds, and the committee adds one (audited); a repeated code is 409', async () => {
    const before = await committee.get('/api/honour-kinds');
    expect(before.json().items.map((k: { code: string; subject: string }) => [k.code, k.subject])).toEqual([
      ['advanced_org', 'organization'],
      ['outstanding_member', 'person'],
      ['outstanding_worker', 'person'],
    ]);
    const kind = {
      code: 'model_youth',
      nameZh: '青年文明号',
      nameEn: 'Youth model post',
      subject: 'organization',
    };
    const res = await committee.post('/api/honour-kinds', kind);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ ...kind, builtIn: false });
    expect((await audits('honours.kind_create')).map((e) => [e.objectId, e.detail])).toEqual([
      ['model_youth', '青年文明号（model_youth，组织）'],
    ]);
    const again = await committee.post('/api/honour-kinds', kind);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'HONOUR_KIND_EXISTS']);
    expect((await unitAdmin.post('/api/honour-kinds', { ...kind, code: 'other' })).statusCode).toBe(403);
  });
});

describe('honour records', () => {
  let orgId: string;
  let personId: string;

  it('records an organisation honour and a person honour, each audited (the name masked)', async () => {
    const o = await committee.post('/api/honours', orgHonour(tree.a1.id));
    expect(o.statusCode).toBe(201);
    orgId = o.json().id;
    expect(o.json()).toMatchObject({
      year: 2025,
      kindNameZh: '先进基层党组织',
      subject: 'organization',
      organizationName: '市水务局排水五所党支部',
      orgKind: 'branch',
      unitId: tree.unitA.id,
      unitName: '市水务局机关党委',
      personName: null,
      personMasked: false,
      documentNo: DOC,
      awardedOn: '2025-06-28',
      createdByName: users.committee_admin.displayName,
    });
    const p = await committee.post('/api/honours', personHonour(tree.a1.id));
    expect(p.statusCode).toBe(201);
    personId = p.json().id;
    expect(p.json()).toMatchObject({
      personName: '张三明',
      personMasked: false,
      personPosition: '党支部书记',
    });
    expect((await audits('honours.create')).map((e) => [e.objectId, e.unitId, e.detail])).toEqual([
      [orgId, tree.unitA.id, `2025 年度先进基层党组织：市水务局排水五所党支部，${DOC}`],
      [personId, tree.unitA.id, `2025 年度优秀共产党员：张*明（市水务局排水五所党支部），${DOC}`],
    ]);
    const b = await committee.post('/api/honours', personHonour(tree.b1.id, { personName: '欧阳小明' }));
    expect(b.statusCode).toBe(201);
  });

  it('masks the person’s name in every list and on the detail for all but the committee', async () => {
    const list = (await committee.get('/api/honours?sort=organizationName')).json() as HonourList;
    expect(list.total).toBe(3);
    expect(list.items.map((h) => [h.organizationName, h.personName, h.personMasked])).toEqual([
      ['市总工会权益保障部党支部', '欧**明', true],
      ['市水务局排水五所党支部', null, false],
      ['市水务局排水五所党支部', '张*明', true],
    ]);
    const mine = (await unitAdmin.get(`/api/honours/${personId}`)).json() as HonourDetail;
    expect([mine.personName, mine.personMasked]).toEqual(['张*明', true]);
    const full = (await committee.get(`/api/honours/${personId}`)).json() as HonourDetail;
    expect([full.personName, full.personMasked]).toEqual(['张三明', false]);
  });

  it('reads in the titles scope: a unit its own, an applicant its organisation’s, another 404', async () => {
    const unit = (await unitAdmin.get('/api/honours')).json() as HonourList;
    expect(unit.items.map((h) => h.organizationId)).toEqual([tree.a1.id, tree.a1.id]);
    const appl = (await applicant.get('/api/honours?subject=person')).json() as HonourList;
    expect(appl.items.map((h) => h.id)).toEqual([personId]);
    const other = (await committee.get('/api/honours?unitId=' + tree.unitB.id)).json() as HonourList;
    expect((await unitAdmin.get(`/api/honours/${other.items[0]!.id}`)).statusCode).toBe(404);
    expect((await committee.get(`/api/honours?q=${encodeURIComponent('〔2025〕')}`)).json().total).toBe(3);
  });

  it.each([
    [
      'a person kind without a name',
      personHonour('A1', { personName: null }),
      400,
      'VALIDATION_FAILED',
      'personName:person_required',
    ],
    [
      'an organisation kind with a name',
      orgHonour('A1', { personName: '李四' }),
      400,
      'VALIDATION_FAILED',
      'personName:person_not_allowed',
    ],
    [
      'an unknown kind',
      orgHonour('A1', { kindCode: 'no_such' }),
      400,
      'VALIDATION_FAILED',
      'kindCode:unknown_kind',
    ],
    [
      'no such date',
      orgHonour('A1', { awardedOn: '2025-02-30' }),
      400,
      'VALIDATION_FAILED',
      'awardedOn:bad_date',
    ],
    [
      'a date two years on',
      orgHonour('A1', { awardedOn: '2027-01-01' }),
      400,
      'VALIDATION_FAILED',
      'awardedOn:date_out_of_year',
    ],
    ['the same honour twice', orgHonour('A1'), 409, 'HONOUR_EXISTS', null],
    ['an unknown organisation', orgHonour('00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND', null],
  ])('refuses %s, writing nothing', async (_name, raw, status, code, detail) => {
    const body = { ...raw, organizationId: raw.organizationId === 'A1' ? tree.a1.id : raw.organizationId };
    const before = await honourCount();
    const res = await committee.post('/api/honours', body);
    expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    if (detail)
      expect(
        res.json().error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`),
      ).toEqual([detail]);
    expect(await honourCount()).toBe(before);
  });

  it('answers a refusal in English when asked', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/honours',
      payload: orgHonour(tree.a1.id),
      headers: { cookie: await login(env.app, 'cadmin'), 'x-shifan-csrf': '1', 'accept-language': 'en' },
    });
    expect(res.json().error.message).toBe('This honour is already recorded for that holder and year');
  });

  it('deletes a record (audited); an unknown id 404', async () => {
    const res = await committee.delete(`/api/honours/${orgId}`);
    expect(res.statusCode).toBe(200);
    expect((await audits('honours.delete')).map((e) => e.objectId)).toEqual([orgId]);
    expect((await committee.delete(`/api/honours/${orgId}`)).statusCode).toBe(404);
    expect((await committee.post('/api/honours', orgHonour(tree.a1.id))).statusCode).toBe(201);
  });
});

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表彰');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEAD = ['年度', '表彰类型', '组织编码', '姓名', '职务', '文号', '表彰日期', '备注'];
const upload = (name: string, bytes: Buffer, dryRun: boolean) => {
  const m = fileUpload(name, bytes);
  return env.app.inject({
    method: 'POST',
    url: `/api/honours/import?dryRun=${dryRun}`,
    payload: m.payload,
    headers: { ...m.headers, cookie: committeeCookie, 'x-shifan-csrf': '1' },
  });
};
let committeeCookie: string;

describe('the honours import', () => {
  beforeAll(async () => {
    committeeCookie = await login(env.app, 'cadmin');
  });

  it('checks every row in a dry run and writes nothing; a real run with bad rows is 422, nothing written', async () => {
    const bytes = await xlsx([
      HEAD,
      [2024, '先进基层党组织', 'B1', '', '', '津党机工〔2024〕8号', '2024/6/28', ''],
      [2024, '优秀党务工作者', 'A1', '', '', '津党机工〔2024〕8号', '2024-06-28', ''],
      [2024, '优秀团员', 'ZZ', '王五', '', '', '2024-06-31', ''],
      [2024, '先进基层党组织', 'B1', '', '', '津党机工〔2024〕8号', '2024-06-28', '重复'],
      [2025, 'advanced_org', 'A1', '', '', DOC, '2025-06-28', '已记录'],
    ]);
    const before = await honourCount();
    const dry = await upload('表彰.xlsx', bytes, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      total: 5,
      created: 0,
      errors: [
        { row: 3, column: '姓名', code: 'person_required', message: '个人表彰须填写姓名' },
        { row: 4, column: '文号', code: 'required', message: '此项必填' },
        { row: 4, column: '表彰类型', code: 'unknown_kind', message: '没有这个表彰类型' },
        { row: 4, column: '组织编码', code: 'unknown_org', message: '没有这个组织编码' },
        { row: 5, column: '组织编码', code: 'duplicate_row', message: '与文件中前面的行重复' },
        { row: 6, column: '组织编码', code: 'exists', message: '该表彰已记录，不能重复导入' },
      ],
    });
    const real = await upload('表彰.xlsx', bytes, false);
    expect([real.statusCode, real.json().error.code, real.json().error.errors.length]).toEqual([
      422,
      'IMPORT_INVALID',
      6,
    ]);
    expect(await honourCount()).toBe(before);
    expect(await audits('honours.import')).toEqual([]);
  });

  it('writes every row of a good file and one audit event in one transaction', async () => {
    const csv = [
      HEAD.join(','),
      '2024,先进基层党组织,B1,,,津党机工〔2024〕8号,2024-06-28,',
      '2024,优秀共产党员,A1,赵一,党员,津党机工〔2024〕8号,2024年6月28日,',
    ].join('\n');
    const dry = await upload('honours.csv', Buffer.from(csv), true);
    expect(dry.json()).toEqual({ dryRun: true, total: 2, created: 2, errors: [] });
    const before = await honourCount();
    const real = await upload('honours.csv', Buffer.from(csv), false);
    expect(real.json()).toEqual({ dryRun: false, total: 2, created: 2, errors: [] });
    expect(await honourCount()).toBe(before + 2);
    const rows = await env.db.select().from(honours).where(like(honours.documentNo, '%〔2024〕%'));
    expect(rows.map((r) => [r.year, r.kindCode, r.personName, r.awardedOn]).sort()).toEqual([
      [2024, 'advanced_org', null, '2024-06-28'],
      [2024, 'outstanding_member', '赵一', '2024-06-28'],
    ]);
    expect((await audits('honours.import')).map((e) => e.detail)).toEqual([
      JSON.stringify({ file: 'honours.csv', total: 2, created: 2 }),
    ]);
  });

  it('gives a template whose header and example rows import cleanly in a dry run (once the code exists)', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/honours/import/template',
      headers: { cookie: committeeCookie },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('表彰名单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEAD]);
    expect(sheet.rowCount).toBe(4);
    const kinds = wb
      .getWorksheet('填写说明')!
      .getColumn(2)
      .values.filter((v) => typeof v === 'string' && /^[a-z_]+$/.test(v));
    expect(kinds).toEqual(['advanced_org', 'outstanding_member', 'outstanding_worker', 'model_youth']);
    const dry = await upload('模板.xlsx', res.rawPayload, true);
    expect(dry.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'unknown_org',
      'unknown_org',
      'unknown_org',
    ]);
  });

  it('refuses a file without the required columns (400 INVALID_FILE)', async () => {
    const res = await upload('x.csv', Buffer.from('年度,文号\n2024,x\n'), true);
    expect([res.statusCode, res.json().error.details[0].code]).toEqual([400, 'missing_columns']);
  });
});
