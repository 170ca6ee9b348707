import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { multipart, upload, xlsxOf } from './import-test-kit';
import { listEntries } from './import-zip';

let env: TestEnv;
let cadmin: string;
let valid: Buffer;

beforeAll(async () => {
  env = await makeTestEnv();
  await seedUsers(env.db, await seedTree(env.db));
  cadmin = await login(env.app, 'cadmin');
  valid = await xlsxOf([['X', '市审计局机关党委', null, '党委', 'WC']]);
});
afterAll(() => env.close());

/** Deterministic pseudo-random bytes. */
function noise(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

async function expectInvalid(filename: string, bytes: Buffer, code: string) {
  const res = await upload(env.app, cadmin, filename, bytes, { dryRun: false });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('INVALID_FILE');
  expect(res.json().error.details.map((d: { code: string }) => d.code)).toEqual([code]);
}

describe('broken files answer 400 INVALID_FILE, never 500', () => {
  it('random bytes named .xlsx', () => expectInvalid('组织.xlsx', noise(4096), 'not_xlsx'));

  it('random bytes named .csv (not text)', () => expectInvalid('组织.csv', noise(4096), 'not_text'));

  it('an .exe renamed .xlsx or .csv', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), noise(2048, 3)]);
    await expectInvalid('setup.xlsx', exe, 'not_xlsx');
    await expectInvalid('setup.csv', exe, 'not_text');
  });

  it('a truncated zip', async () => {
    await expectInvalid('half.xlsx', valid.subarray(0, Math.floor(valid.length / 2)), 'corrupt');
    await expectInvalid('head.xlsx', valid.subarray(0, 100), 'corrupt');
  });

  it('a zip whose worksheet data is damaged (caught by the CRC check)', async () => {
    const sheet = listEntries(valid).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    for (const offset of [0, Math.floor(sheet.compressedSize / 2), sheet.compressedSize - 1]) {
      const b = Buffer.from(valid);
      b[sheet.dataStart + offset] = b[sheet.dataStart + offset]! ^ 0xa5;
      await expectInvalid('damaged.xlsx', b, 'corrupt');
    }
  });

  it('a legacy .xls (OLE2) file', () =>
    expectInvalid(
      'old.xls',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), noise(512)]),
      'xls_not_supported',
    ));

  it('an empty file, and a request without a file', async () => {
    await expectInvalid('empty.csv', Buffer.alloc(0), 'empty');
    const res = await client(env.app, cadmin).post('/api/organizations/import?dryRun=true', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_FILE');
  });

  it('a cut-off or boundary-less multipart body', async () => {
    const body = multipart('a.csv', Buffer.from('组织编码,组织名称\n'.repeat(100)));
    for (const [payload, type] of [
      [body.payload.subarray(0, body.payload.length - 30), body.headers['content-type']!],
      [Buffer.from('x'), 'multipart/form-data'],
    ] as const) {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/organizations/import?dryRun=true',
        headers: { cookie: cadmin, 'x-shifan-csrf': '1', 'content-type': type },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        { field: 'file', code: 'bad_upload', message: '上传内容不完整或格式不正确，请重新上传' },
      ]);
    }
  });

  it('a header without data rows', () =>
    expectInvalid('header-only.csv', Buffer.from('组织编码,组织名称,组织类型,上级组织编码\n'), 'no_rows'));

  it('nothing was written by any of them', async () => {
    const [row] = await env.db.select({ n: count() }).from(organizations);
    expect(row!.n).toBe(5);
  });
});

describe('limits and permissions', () => {
  it('refuses a file over 20 MB with 413', async () => {
    const body = multipart('big.csv', Buffer.alloc(20 * 1024 * 1024 + 1, 0x41));
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/organizations/import?dryRun=true',
      headers: { cookie: cadmin, 'x-shifan-csrf': '1', ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a unit admin may neither download the template nor import (403)', async () => {
    const uadmin = await login(env.app, 'uadmin');
    expect((await client(env.app, uadmin).get('/api/organizations/import/template')).statusCode).toBe(403);
    const res = await upload(env.app, uadmin, 'x.xlsx', valid);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('an anonymous caller gets 401', async () => {
    const res = await client(env.app, null).get('/api/organizations/import/template');
    expect(res.statusCode).toBe(401);
  });
});
