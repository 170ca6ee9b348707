import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { auditEvents } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { exportAuditEvents } from './service';
import { writeAuditXlsx } from './export';

let env: TestEnv;
let seeded: Awaited<ReturnType<typeof seedUsers>>;
let auditor: ReturnType<typeof client>;
let cadmin: ReturnType<typeof client>;
let t0: Date;
let accountId: string;
const STEP = 10 * 60_000; // less than the 20-minute idle limit, so the sessions stay alive

beforeAll(async () => {
  env = await makeTestEnv();
  seeded = await seedUsers(env.db, await seedTree(env.db));
  cadmin = client(env.app, await login(env.app, 'cadmin'));

  // The sequence the tests read back: create, edit and disable an account ten minutes apart, a denied
  // request and a failed login.
  env.clock.advance(STEP);
  t0 = env.clock.now;
  const created = await cadmin.post(
    '/api/accounts',
    { username: 'expert.zhao', displayName: '赵专家', role: 'reviewer' },
    { 'x-request-id': 'seq-create-001' },
  );
  accountId = created.json().account.id;
  env.clock.advance(STEP);
  await cadmin.patch(`/api/accounts/${accountId}`, { displayName: '赵教授', version: 1 });
  env.clock.advance(STEP);
  await cadmin.patch(`/api/accounts/${accountId}`, { disabled: true, version: 2 });
  const uadmin = client(env.app, await login(env.app, 'uadmin'));
  await uadmin.get('/api/audit-events');
  await client(env.app, null).post('/api/auth/login', { username: 'nobody', password: 'x' });
  auditor = client(env.app, await login(env.app, 'audadmin'));
});
afterAll(() => env.close());

const list = async (qs: string) => {
  const res = await auditor.get(`/api/audit-events?${qs}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: Record<string, unknown>[]; total: number };
};

describe('reading the audit log', () => {
  it('answers the events of an object newest first, with every field exact', async () => {
    const { items, total } = await list(`objectId=${accountId}`);
    expect(total).toBe(3);
    expect(items.map((e) => e.action)).toEqual(['accounts.disable', 'accounts.update', 'accounts.create']);
    const create = items[2]!;
    expect(create.id).toMatch(/^[0-9]+$/);
    expect(create).toEqual({
      id: create.id,
      at: t0.toISOString(),
      actorId: seeded.committee_admin.id,
      actorName: 'cadmin',
      role: 'committee_admin',
      scopeOrgId: null,
      ip: '127.0.0.1',
      requestId: 'seq-create-001',
      action: 'accounts.create',
      objectType: 'user',
      objectId: accountId,
      outcome: 'success',
      changes: {
        username: { before: null, after: 'expert.zhao' },
        displayName: { before: null, after: '赵专家' },
        email: { before: null, after: null },
        role: { before: null, after: 'reviewer' },
        organizationId: { before: null, after: null },
        unitId: { before: null, after: null },
      },
      detail: null,
      // Names, not UUIDs, for the ids the event mentions (the account as it is now).
      names: { [seeded.committee_admin.id]: 'cadmin（cadmin）', [accountId]: '赵教授（expert.zhao）' },
    });
    expect(items[1]).toMatchObject({
      at: new Date(t0.getTime() + STEP).toISOString(),
      changes: { displayName: { before: '赵专家', after: '赵教授' } },
    });
    expect(items[0]).toMatchObject({
      changes: { disabled: { before: false, after: true } },
      detail: 'sessions ended: 0',
    });
  });

  it('names the scope organisation of a unit admin’s event instead of its UUID', async () => {
    const { items } = await list('outcome=denied&actor=uadmin');
    expect(items).toHaveLength(1);
    const e = items[0]!;
    expect(e.scopeOrgId).toBe(seeded.unit_admin.organizationId);
    expect(e.names).toEqual({
      [seeded.unit_admin.id]: 'uadmin（uadmin）',
      [seeded.unit_admin.organizationId!]: '市水务局机关党委',
    });
  });

  it('filters by time range, actor, action prefix, object type and outcome with exact totals', async () => {
    const from = new Date(t0.getTime() + STEP).toISOString();
    const to = new Date(t0.getTime() + 2 * STEP).toISOString();
    const range = await list(`from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(range.items.map((e) => e.action)).toEqual(['accounts.update']);
    const beijing = await list(`from=${encodeURIComponent('2026-11-29T16:20:00+08:00')}&action=accounts.`);
    expect(beijing.total).toBe(2);
    expect((await list('action=accounts.')).total).toBe(3);
    expect((await list('action=auth.login')).total).toBe(4);
    expect((await list('actor=CADM&action=accounts.')).total).toBe(3);
    expect((await list('actor=cadm')).total).toBe(4);
    const denied = await list('outcome=denied');
    expect(denied.items).toEqual([
      expect.objectContaining({
        action: 'authz.denied',
        actorName: 'uadmin',
        role: 'unit_admin',
        detail: 'GET /api/audit-events needs audit.read',
      }),
    ]);
    const failed = await list('objectType=user&outcome=failure');
    expect(failed.items.map((e) => [e.action, e.actorName, e.detail])).toEqual([
      ['auth.login', 'nobody', 'unknown_user'],
    ]);
    expect((await list('action=%25')).total).toBe(0);
  });

  it('sorts by action or time and pages', async () => {
    const byAction = await list('action=accounts.&sort=action');
    expect(byAction.items.map((e) => e.action)).toEqual([
      'accounts.create',
      'accounts.disable',
      'accounts.update',
    ]);
    const oldest = await list('sort=at&pageSize=1');
    expect(oldest.items[0]).toMatchObject({ action: 'auth.login', actorName: 'cadmin' });
    const page = await list(`objectId=${accountId}&page=2&pageSize=1`);
    expect(page.items.map((e) => e.action)).toEqual(['accounts.update']);
    expect(page.total).toBe(3);
  });

  it('records each reading of the log as an audit.read event', async () => {
    const before = (await list('action=audit.read')).total;
    await list('actor=cadmin');
    const after = await list('action=audit.read&pageSize=1');
    expect(after.total).toBe(before + 2);
    expect(after.items[0]).toMatchObject({
      actorName: 'audadmin',
      role: 'audit_admin',
      objectType: 'audit_event',
    });
    expect(JSON.parse(after.items[0]!.detail as string)).toEqual({
      filters: { actor: 'cadmin' },
      sort: '-at',
      page: 1,
      pageSize: 20,
      total: 4,
    });
  });

  it('refuses bad filters with field details', async () => {
    const res = await auditor.get('/api/audit-events?from=yesterday&outcome=maybe');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['query.from', 'query.outcome']);
  });

  it('is closed to the committee and security admins (403) and has no edit or delete routes', async () => {
    const secadmin = client(env.app, await login(env.app, 'secadmin'));
    for (const c of [cadmin, secadmin]) {
      for (const url of ['/api/audit-events', '/api/audit-events/export.xlsx']) {
        const res = await c.get(url);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect((await auditor.delete('/api/audit-events/1')).statusCode).toBe(404);
    expect((await auditor.patch('/api/audit-events/1', { detail: 'x' })).statusCode).toBe(404);
  });
});

async function parse(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    rows.push(Array.from({ length: 13 }, (_, i) => row.getCell(i + 1).text)),
  );
  return rows;
}

describe('exporting the audit log', () => {
  it('streams an xlsx with the Chinese header row and one row per matching event, and audits it', async () => {
    const res = await auditor.get('/api/audit-events/export.xlsx?action=accounts.');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="audit-log-2026-11-29.xlsx"; filename*=UTF-8''${encodeURIComponent('审计日志-2026-11-29.xlsx')}`,
    );
    const rows = await parse(res.rawPayload);
    expect(rows[0]).toEqual([
      '时间（北京时间）',
      '操作人',
      '角色',
      'IP',
      '请求号',
      '操作',
      '对象类型',
      '对象',
      '对象ID',
      '范围组织',
      '结果',
      '变更',
      '说明',
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toEqual([
      '2026-11-29 16:10:00',
      'cadmin（cadmin）',
      '工委管理员',
      '127.0.0.1',
      'seq-create-001',
      '新建账号',
      '账号',
      '赵教授（expert.zhao）',
      accountId,
      '',
      '成功',
      rows[3]![11],
      '',
    ]);
    // jsonb keeps no key order: compare the lines as sets.
    expect(rows[3]![11]!.split('\n').sort()).toEqual(
      [
        '用户名：— → expert.zhao',
        '姓名：— → 赵专家',
        '通知邮箱：— → —',
        '角色：— → 评审专家',
        '所属党组织：— → —',
        '所属直属党组织：— → —',
      ].sort(),
    );
    const { items } = await list('action=audit.export');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actorName: 'audadmin', outcome: 'success' });
    expect(JSON.parse(items[0]!.detail as string)).toEqual({
      filters: { action: 'accounts.' },
      total: 3,
      rows: 3,
    });
  });

  it('stops at the row limit and says so in the last row', async () => {
    const ctx = {
      actor: {
        userId: seeded.audit_admin.id,
        username: 'audadmin',
        displayName: 'audadmin',
        role: 'audit_admin' as const,
        organizationId: null,
        unitId: null,
        mustChangePassword: false,
      },
      ip: '127.0.0.1',
      requestId: 'export-limit',
      lang: 'zh-CN' as const,
      now: env.clock.now,
    };
    const data = await exportAuditEvents(env.db, ctx, { action: 'accounts.' }, 2);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeAuditXlsx(out, data);
    const rows = await parse(Buffer.concat(chunks));
    expect(rows.map((r) => r[5])).toEqual(['操作', '禁用账号', '修改账号', '']);
    expect(rows[3]![0]).toBe(
      '仅导出最新的 2 条，共 3 条符合条件，请缩小时间范围分批导出 (only the newest 2 of 3 events; narrow the filters)',
    );
  });
});

describe('the audit table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(env.db.update(auditEvents).set({ detail: 'tampered' })).rejects.toThrow();
    await expect(env.db.delete(auditEvents)).rejects.toThrow();
    await expect(env.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [{ n }] = (await env.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents)) as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(10);
    const tampered = await env.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.detail} = 'tampered'`);
    expect(tampered).toEqual([]);
  });
});
