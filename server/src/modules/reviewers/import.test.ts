import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditEvents, reviewerProfiles, users } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { REVIEWER_IMPORT_COLUMNS } from '../../../../shared/src/contracts/reviewers';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let committee: ReturnType<typeof client>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  committee = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

const written = async () => ({
  users: (await env.db.select({ n: count() }).from(users))[0]!.n,
  profiles: (await env.db.select({ n: count() }).from(reviewerProfiles))[0]!.n,
  events: (await env.db.select({ n: count() }).from(auditEvents))[0]!.n,
});

function upload(file: Buffer, filename: string, dryRun: boolean, lang = 'zh-CN') {
  const boundary = '----shifanexperts';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return committee.post(`/api/reviewers/import?dryRun=${dryRun}`, payload, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'accept-language': lang,
  });
}
const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\n')}\n`);
const HEADER = '用户名,姓名,电子邮箱,所属党组织编码,外部单位,职称,专长,是否可参加,说明';

describe('expert import (Excel or CSV)', () => {
  it('the template has the columns, a 是/否 list and an instructions sheet', async () => {
    const res = await committee.get('/api/reviewers/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('reviewer-import-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('评审专家')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(Object.values(REVIEWER_IMPORT_COLUMNS));
    expect(sheet.getCell('H2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(wb.getWorksheet('填写说明')!.rowCount).toBe(13);
  });

  it('the filled-in template imports as it previews; each account works with its one-time password', async () => {
    const res = await committee.get('/api/reviewers/import/template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('评审专家')!;
    sheet.getRow(2).values = [
      'Zhang.Wei',
      '张伟',
      'ZW@Example.gov.cn',
      '',
      '市委党校',
      '教授',
      '党建理论、基层组织建设 党建理论',
      '是',
      '',
    ];
    sheet.getRow(3).values = [
      'liuna',
      '刘娜',
      '',
      'a1',
      '',
      '组织处处长',
      '',
      '否',
      '2027 年 3 月前不便外出',
    ];
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await written();
    const dry = await upload(file, '专家.xlsx', true);
    expect(dry.statusCode).toBe(200);
    const rows = [
      {
        row: 2,
        username: 'zhang.wei',
        displayName: '张伟',
        email: 'zw@example.gov.cn',
        affiliationOrgId: null,
        affiliationOrgName: null,
        externalAffiliation: '市委党校',
        title: '教授',
        expertise: ['党建理论', '基层组织建设'],
        available: true,
        availabilityNote: null,
      },
      {
        row: 3,
        username: 'liuna',
        displayName: '刘娜',
        email: null,
        affiliationOrgId: tree.a1.id,
        affiliationOrgName: '市水务局排水五所党支部',
        externalAffiliation: null,
        title: '组织处处长',
        expertise: [],
        available: false,
        availabilityNote: '2027 年 3 月前不便外出',
      },
    ];
    expect(dry.json()).toEqual({ dryRun: true, total: 2, created: 0, rows, accounts: [] });
    expect(await written()).toEqual(before);

    const real = await upload(file, '专家.xlsx', false);
    expect(real.statusCode).toBe(200);
    const body = real.json();
    expect({ ...body, accounts: [] }).toEqual({ dryRun: false, total: 2, created: 2, rows, accounts: [] });
    expect(
      body.accounts.map((a: { username: string; displayName: string }) => [a.username, a.displayName]),
    ).toEqual([
      ['zhang.wei', '张伟'],
      ['liuna', '刘娜'],
    ]);
    const ids = body.accounts.map((a: { id: string }) => a.id);
    const profiles = await env.db
      .select()
      .from(reviewerProfiles)
      .where(inArray(reviewerProfiles.userId, ids));
    expect(
      profiles
        .map((p) => [p.userId === ids[0] ? 'zhang.wei' : 'liuna', p.affiliationUnitId, p.available])
        .sort(),
    ).toEqual([
      ['liuna', tree.unitA.id, false],
      ['zhang.wei', null, true],
    ]);
    const after = await written();
    expect(after).toEqual({
      users: before.users + 2,
      profiles: before.profiles + 2,
      events: before.events + 5,
    });
    const events = await env.db
      .select({ action: auditEvents.action, detail: auditEvents.detail })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'reviewers.import'));
    expect(events).toEqual([{ action: 'reviewers.import', detail: '专家.xlsx: 2 reviewers' }]);
    const me = await login(env.app, 'liuna', body.accounts[1].oneTimePassword);
    expect((await client(env.app, me).get('/api/auth/me')).json().user).toMatchObject({
      username: 'liuna',
      mustChangePassword: true,
    });
  });

  it('names every bad row (row, column, rule) and writes nothing, dry run or not', async () => {
    const lines = [
      HEADER,
      ',缺用户名,,,,,,,',
      'ab,用户名太短,,,,,,,',
      'rev,已有账号,,,,,,,',
      'dup.one,甲,,,,,,,',
      'DUP.ONE,乙,,,,,,,',
      'noname,,,,,,,,',
      'mail,邮箱错,not-an-email,,,,,,',
      'nocode,编码错,,ZZZ,,,,,',
      'both,两项都填,,A1,市委党校,,,,',
      'avail,可否错,,,,,,也许,',
      'good,正常,,B1,,,廉政,,',
    ];
    const before = await written();
    for (const dryRun of [true, false]) {
      const res = await upload(csv(lines), '专家.csv', dryRun, 'en');
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('IMPORT_INVALID');
      expect(
        res
          .json()
          .error.errors.map(
            (e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`,
          ),
      ).toEqual([
        '2:用户名:required',
        '3:用户名:invalid_format',
        '4:用户名:duplicate',
        '6:用户名:duplicate_in_file',
        '7:姓名:required',
        '8:电子邮箱:invalid_format',
        '9:所属党组织编码:not_found',
        '10:外部单位:both',
        '11:是否可参加:invalid_value',
      ]);
      expect(res.json().error.errors[3].message).toBe('Same user name as row 5');
    }
    expect(await written()).toEqual(before);
  });

  it('refuses a file without the required columns, and no file at all', async () => {
    const res = await upload(csv(['姓名,职称', '张三,教授']), 'x.csv', true);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_FILE' });
    expect(res.json().error.details[0]).toMatchObject({ field: 'file', code: 'missing_columns' });
    expect(res.json().error.details[0].message).toBe('表头须包含“用户名”列（可下载模板）');
    const empty = await upload(csv([HEADER]), 'x.csv', true);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0]).toMatchObject({ code: 'no_rows' });
  });

  it('is the committee’s: a unit admin is refused', async () => {
    const unit = client(env.app, await login(env.app, 'uadmin'));
    const res = await unit.post('/api/reviewers/import?dryRun=true', {});
    expect(res.statusCode).toBe(403);
  });
});
