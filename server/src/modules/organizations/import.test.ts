import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, eq, inArray } from 'drizzle-orm';
import { auditEvents, organizations } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { IMPORT_COLUMNS } from '../../../../shared/src/contracts/organizations';
import { csvOf, gb18030, HEADER, upload, xlsxOf, type Cell } from './import-test-kit';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let cadmin: string;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  cadmin = await login(env.app, 'cadmin');
});
afterAll(() => env.close());

async function counts() {
  const [orgs] = await env.db.select({ n: count() }).from(organizations);
  const [audits] = await env.db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'organizations.import'));
  return { orgs: orgs!.n, audits: audits!.n };
}

const byCode = async (codes: string[]) =>
  new Map(
    (await env.db.select().from(organizations).where(inArray(organizations.code, codes))).map((o) => [
      o.code,
      o,
    ]),
  );

describe('import template', () => {
  it('downloads an xlsx with the Chinese headers, a kind drop-down, examples and an instructions sheet', async () => {
    const res = await client(env.app, cadmin).get('/api/organizations/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="organization-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('组织导入模板.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['组织信息', '填写说明']);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(IMPORT_COLUMNS.map((c) => c.zh));
    expect(ws.getCell('D2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"机关工委,党组,党委,党总支,党支部"'],
    });
    expect(ws.actualRowCount).toBe(3);
    expect(ws.getCell('E2').value).toBe('WC'); // the example hangs under the real working committee
    const help = wb.worksheets[1]!;
    const helpText = help.getSheetValues().flat().join('\n');
    for (const c of IMPORT_COLUMNS) expect(helpText).toContain(c.zh);
    expect(helpText).toContain('党支部下不能再设组织');
  });

  it('parses back through the importer: its two example rows are valid', async () => {
    const template = (await client(env.app, cadmin).get('/api/organizations/import/template')).rawPayload;
    const res = await upload(env.app, cadmin, '组织导入模板.xlsx', template);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, total: 2, created: 2, updated: 0, errors: [] });
  });
});

describe('row validation', () => {
  const bad: Cell[][] = [
    ['N1', '新建党委', null, '党委', 'WC', null, null, null, 10],
    [null, '缺编码党支部', null, '党支部', 'N1'],
    ['A B', '编码格式错党支部', null, '党支部', 'N1'],
    ['N2', '长'.repeat(101), null, '党支部', 'N1'],
    ['N1', '重复编码党支部', null, '党支部', 'WC'],
    ['N3', '上级不存在党支部', null, '党支部', 'NOPE'],
    ['N4', '支部下设支部', null, '党支部', 'A1'],
    ['C1', '循环一党委', null, '党委', 'C2'],
    ['C2', '循环二党委', null, '党委', 'C1'],
    ['N5', '人数错党支部', null, '党支部', 'N1', null, null, null, -3],
    ['N6', '电话错党支部', null, '党支部', 'N1', null, null, 'abc', 1],
    ['N7', null, null, '党支部', 'N1'],
    ['N8', '缺类型', null, null, 'N1'],
    ['N9', '缺上级党支部', null, '党支部', null],
    ['N10', '类型错', null, '党小组', 'N1'],
    ['A1', '市水务局排水五所党支部', null, '党支部', 'B'],
    ['N11', '简称过长党支部', '简'.repeat(51), '党支部', 'N1'],
  ];
  const expected = [
    { row: 3, column: '组织编码', code: 'required', message: '必填，不能为空' },
    {
      row: 4,
      column: '组织编码',
      code: 'invalid_code',
      message: '编码只能包含字母、数字、点（.）、短横线（-）和下划线（_），最长 32 个字符',
    },
    { row: 5, column: '组织名称', code: 'too_long', message: '不能超过 100 个字符' },
    { row: 6, column: '组织编码', code: 'duplicate_code', message: '组织编码与第 2 行重复' },
    {
      row: 7,
      column: '上级组织编码',
      code: 'unknown_parent',
      message: '上级组织编码“NOPE”在文件和系统中都不存在',
    },
    {
      row: 8,
      column: '组织类型',
      code: 'parent_kind_not_allowed',
      message: '上级党组织的类型不允许设立该类型的下级（如党支部下不能再设组织）',
    },
    { row: 9, column: '上级组织编码', code: 'cycle', message: '上级关系形成循环：C1 → C2 → C1' },
    { row: 10, column: '上级组织编码', code: 'cycle', message: '上级关系形成循环：C1 → C2 → C1' },
    {
      row: 11,
      column: '党员人数',
      code: 'invalid_member_count',
      message: '党员人数应为 0 到 1000000 之间的整数',
    },
    {
      row: 12,
      column: '联系电话',
      code: 'invalid_phone',
      message: '联系电话格式不正确（5–20 位数字，可含 +、- 和空格）',
    },
    { row: 13, column: '组织名称', code: 'required', message: '必填，不能为空' },
    { row: 14, column: '组织类型', code: 'required', message: '必填，不能为空' },
    { row: 15, column: '上级组织编码', code: 'required', message: '必填，不能为空' },
    {
      row: 16,
      column: '组织类型',
      code: 'invalid_kind',
      message: '类型无效，应为：机关工委、党组、党委、党总支、党支部',
    },
    {
      row: 17,
      column: '上级组织编码',
      code: 'parent_changed',
      message: '该组织已存在，但上级组织与系统中不同；调整上级请使用“移动”功能',
    },
    { row: 18, column: '简称', code: 'too_long', message: '不能超过 50 个字符' },
  ];

  it('reports every bad row with its row number, column and a Chinese message (dry run)', async () => {
    const res = await upload(env.app, cadmin, 'bad.xlsx', await xlsxOf(bad));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.errors).toEqual(expected);
    expect(body).toMatchObject({ dryRun: true, total: 17, created: 1, updated: 0 });
    expect(body.preview[0]).toEqual({
      row: 2,
      code: 'N1',
      name: '新建党委',
      kind: 'party_committee',
      parentCode: 'WC',
      action: 'create',
    });
  });

  it('answers in English for Accept-Language: en', async () => {
    const res = await upload(env.app, cadmin, 'bad.xlsx', await xlsxOf(bad.slice(0, 3)), {
      lang: 'en-US,en',
    });
    expect(res.json().errors).toEqual([
      { row: 3, column: 'Code', code: 'required', message: 'Required' },
      {
        row: 4,
        column: 'Code',
        code: 'invalid_code',
        message: 'Letters, digits, dot, dash and underscore only, at most 32 characters',
      },
    ]);
  });

  it('with dryRun=false answers 422 IMPORT_INVALID with the same errors and writes nothing', async () => {
    const before = await counts();
    const res = await upload(env.app, cadmin, 'bad.xlsx', await xlsxOf(bad), { dryRun: false });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(res.json().error.message).toBe('导入文件中有错误行，未写入任何数据');
    expect(res.json().error.errors).toEqual(expected);
    expect(await counts()).toEqual(before);
    expect((await byCode(['N1'])).size).toBe(0);
  });

  it('names the missing required columns (400 INVALID_FILE)', async () => {
    const header = HEADER.filter((h) => h !== '组织类型' && h !== '上级组织编码');
    const res = await upload(env.app, cadmin, 'cols.xlsx', await xlsxOf([['X', '某党支部']], header));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'INVALID_FILE',
      details: [
        {
          field: 'file',
          code: 'missing_columns',
          message: '缺少必填列：组织类型、上级组织编码（表头须在第 1 行）',
        },
      ],
    });
  });
});

describe('writing', () => {
  it('a dry run writes nothing', async () => {
    const before = await counts();
    const file = await xlsxOf([['D1', '预检党委', null, '党委', 'WC']]);
    const res = await upload(env.app, cadmin, 'dry.xlsx', file, { dryRun: true });
    expect(res.json()).toMatchObject({ dryRun: true, total: 1, created: 1, errors: [] });
    expect(await counts()).toEqual(before);
  });

  it('writes every row (parents after children) with path, depth and unit, and one audit event', async () => {
    const before = await counts();
    const rows: Cell[][] = [
      ['P-11', '第一党支部', null, '党支部', 'P-1', '王强', '赵敏', '13812345678', 12],
      ['P-1', '第一党总支', null, 'general_branch', 'P', null, null, null, 30],
      ['P', '市统计局机关党委', '统计局党委', '党委', 'WC', '李明', null, '022-2345 6789', 150],
      ['P-2', '统计局直属党支部', null, '党支部', 'P'],
      ['A1', '市水务局排水五所党支部（改名）', null, '党支部', 'A', '新书记', null, null, 9],
    ];
    const res = await upload(env.app, cadmin, '统计局.xlsx', await xlsxOf(rows), { dryRun: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, total: 5, created: 4, updated: 1, errors: [] });
    expect(await counts()).toEqual({ orgs: before.orgs + 4, audits: before.audits + 1 });

    const o = await byCode(['P', 'P-1', 'P-11', 'P-2', 'A1']);
    const p = o.get('P')!;
    const p1 = o.get('P-1')!;
    expect(p).toMatchObject({
      parentId: tree.root.id,
      depth: 1,
      unitId: p.id,
      path: `/${tree.root.id}/${p.id}/`,
      kind: 'party_committee',
      shortName: '统计局党委',
      contactPhone: '022-2345 6789',
      memberCount: 150,
    });
    expect(p1).toMatchObject({ parentId: p.id, depth: 2, unitId: p.id, path: `${p.path}${p1.id}/` });
    expect(p1.kind).toBe('general_branch');
    const p11 = o.get('P-11')!;
    expect(p11).toMatchObject({ parentId: p1.id, depth: 3, unitId: p.id, path: `${p1.path}${p11.id}/` });
    expect(p11).toMatchObject({ secretary: '王强', contactName: '赵敏', memberCount: 12 });
    expect(o.get('P-2')).toMatchObject({ parentId: p.id, depth: 2, unitId: p.id });
    expect(o.get('A1')).toMatchObject({
      id: tree.a1.id,
      name: '市水务局排水五所党支部（改名）',
      secretary: '新书记',
      memberCount: 9,
      path: tree.a1.path,
      version: 2,
    });
    const [event] = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organizations.import'));
    expect(JSON.parse(event!.detail!)).toEqual({
      file: '统计局.xlsx',
      total: 5,
      created: 4,
      updated: 1,
      unchanged: 0,
    });
    expect(event!.actorName).toBe('cadmin');
  });

  it('imports UTF-8 CSV with a BOM', async () => {
    const text = csvOf([['U', '市财政局机关党委', null, '党委', 'WC', null, null, null, 40]]);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const res = await upload(env.app, cadmin, 'utf8.csv', bytes, { dryRun: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    expect((await byCode(['U'])).get('U')).toMatchObject({ name: '市财政局机关党委', memberCount: 40 });
  });

  it('imports GB18030 CSV (bytes that are not UTF-8)', async () => {
    const text = csvOf([
      ['G', '市商务局机关党委', null, '党委', 'WC'],
      ['G-1', '市商务局办公室党支部, "综合"', null, '党支部', 'G'],
    ]);
    const res = await upload(env.app, cadmin, 'gbk.csv', gb18030(text), { dryRun: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, errors: [] });
    const o = await byCode(['G', 'G-1']);
    expect(o.get('G')!.name).toBe('市商务局机关党委');
    expect(o.get('G-1')).toMatchObject({ name: '市商务局办公室党支部, "综合"', parentId: o.get('G')!.id });
  });
});
