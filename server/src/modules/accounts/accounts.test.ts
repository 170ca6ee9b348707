import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema';
import {
  client,
  insertUser,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let seeded: Awaited<ReturnType<typeof seedUsers>>;
let cadmin: ReturnType<typeof client>;
let uadmin: ReturnType<typeof client>;
let secadmin: ReturnType<typeof client>;
let applB: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  seeded = await seedUsers(env.db, tree);
  const a1 = { role: 'applicant' as const, organizationId: tree.a1.id, unitId: tree.unitA.id };
  await insertUser(env.db, { username: 'appl-a2', ...a1 });
  await insertUser(env.db, { username: 'appl-a-unit', ...a1, organizationId: tree.unitA.id });
  applB = await insertUser(env.db, {
    username: 'appl-b',
    role: 'applicant',
    organizationId: tree.b1.id,
    unitId: tree.unitB.id,
  });
  await insertUser(env.db, {
    username: 'uadmin-b',
    role: 'unit_admin',
    organizationId: tree.unitB.id,
    unitId: tree.unitB.id,
  });
  cadmin = client(env.app, await login(env.app, 'cadmin'));
  uadmin = client(env.app, await login(env.app, 'uadmin'));
  secadmin = client(env.app, await login(env.app, 'secadmin'));
});
afterAll(() => env.close());

const names = (res: { json(): { items: { username: string }[] } }) => res.json().items.map((a) => a.username);
const fields = (res: { json(): { error: { details?: { field: string; code: string }[] } } }) =>
  res.json().error.details?.map((d) => `${d.field}:${d.code}`);

describe('who sees which account', () => {
  it('shows a unit admin exactly the applicants of its unit', async () => {
    const res = await uadmin.get('/api/accounts');
    expect(res.statusCode).toBe(200);
    expect(names(res)).toEqual(['appl', 'appl-a-unit', 'appl-a2']);
    expect(res.json().total).toBe(3);
    expect(res.json().items[0]).toEqual({
      id: seeded.applicant.id,
      username: 'appl',
      displayName: 'appl',
      email: null,
      role: 'applicant',
      organizationId: tree.a1.id,
      organizationName: '市水务局排水五所党支部',
      unitId: tree.unitA.id,
      disabled: false,
      locked: false,
      mustChangePassword: false,
      lastLoginAt: null,
      createdAt: seeded.applicant.createdAt.toISOString(),
      version: 1,
    });
  });

  it('answers 404 to a unit admin for an applicant of another unit, read and write alike', async () => {
    expect((await uadmin.get(`/api/accounts/${applB.id}`)).statusCode).toBe(404);
    const patch = await uadmin.patch(`/api/accounts/${applB.id}`, { displayName: 'x', version: 1 });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('NOT_FOUND');
    expect((await uadmin.post(`/api/accounts/${applB.id}/reset-password`, { version: 1 })).statusCode).toBe(
      404,
    );
    expect((await uadmin.get(`/api/accounts/${seeded.unit_admin.id}`)).statusCode).toBe(404);
  });

  it('shows the committee admin business accounts only, and hides the administrators (404)', async () => {
    const res = await cadmin.get('/api/accounts?pageSize=200');
    expect(names(res)).toEqual(['appl', 'appl-a-unit', 'appl-a2', 'appl-b', 'rev', 'uadmin', 'uadmin-b']);
    expect((await cadmin.get(`/api/accounts/${seeded.security_admin.id}`)).statusCode).toBe(404);
    expect((await cadmin.get(`/api/accounts/${seeded.committee_admin.id}`)).statusCode).toBe(404);
    const patch = await cadmin.patch(`/api/accounts/${seeded.security_admin.id}`, {
      disabled: true,
      version: 1,
    });
    expect(patch.statusCode).toBe(404);
  });

  it('shows the security admin every account', async () => {
    const res = await secadmin.get('/api/accounts?pageSize=200');
    expect(res.json().total).toBe(10);
  });

  it('filters by text, role, unit and disabled state, pages and sorts', async () => {
    const q = async (qs: string) => cadmin.get(`/api/accounts?${qs}`);
    expect(names(await q('q=APPL-A'))).toEqual(['appl-a-unit', 'appl-a2']);
    expect(names(await q('q=ａｐｐｌ-ｂ'))).toEqual(['appl-b']);
    expect(names(await q('q=%25'))).toEqual([]);
    expect(names(await q('role=unit_admin'))).toEqual(['uadmin', 'uadmin-b']);
    expect(names(await q(`unitId=${tree.unitB.id}`))).toEqual(['appl-b', 'uadmin-b']);
    expect(names(await q('role=security_admin'))).toEqual([]);
    expect((await q('disabled=true')).json().total).toBe(0);
    const page = await q('sort=-username&page=2&pageSize=2');
    expect(names(page)).toEqual(['rev', 'appl-b']);
    expect(page.json().total).toBe(7);
  });

  it('refuses unknown query fields and sort keys with field details', async () => {
    const res = await cadmin.get('/api/accounts?sort=passwordHash&foo=1');
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { field: string; code: string; message: string }[];
    expect(details.map((d) => d.code).sort()).toEqual(['invalid_value', 'unknown_field']);
    expect(details.find((d) => d.code === 'invalid_value')?.field).toBe('query.sort');
    expect(details.find((d) => d.code === 'unknown_field')?.message).toContain('foo');
  });
});

describe('creating accounts', () => {
  it('lets the committee create a reviewer and records one audit event without the password', async () => {
    const res = await cadmin.post('/api/accounts', {
      username: 'Expert.Li',
      displayName: '李专家',
      role: 'reviewer',
    });
    expect(res.statusCode).toBe(201);
    const { account, oneTimePassword } = res.json();
    expect(oneTimePassword).toMatch(/^.{16}$/);
    expect(account).toMatchObject({
      username: 'expert.li',
      displayName: '李专家',
      role: 'reviewer',
      organizationId: null,
      organizationName: null,
      unitId: null,
      mustChangePassword: true,
      disabled: false,
      version: 1,
      createdAt: env.clock.now.toISOString(),
    });
    const events = await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, account.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'accounts.create',
      actorName: 'cadmin',
      role: 'committee_admin',
      outcome: 'success',
      objectType: 'user',
      changes: {
        username: { before: null, after: 'expert.li' },
        displayName: { before: null, after: '李专家' },
        role: { before: null, after: 'reviewer' },
        organizationId: { before: null, after: null },
        unitId: { before: null, after: null },
      },
    });
    const all = await env.db.select().from(auditEvents);
    expect(JSON.stringify(all)).not.toContain(oneTimePassword);
  });

  it('refuses a role the caller may not manage with a field error on role', async () => {
    const res = await cadmin.post('/api/accounts', {
      username: 'sec2',
      displayName: 'x',
      role: 'security_admin',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(fields(res)).toEqual(['role:not_manageable']);
    const unit = await uadmin.post('/api/accounts', {
      username: 'ua2',
      displayName: 'x',
      role: 'unit_admin',
      organizationId: tree.unitA.id,
    });
    expect(fields(unit)).toEqual(['role:not_manageable']);
  });

  it('refuses the security admin a committee admin made alone: a four-eyes request instead (403, nothing made)', async () => {
    const res = await secadmin.post('/api/accounts', {
      username: 'cadmin2',
      displayName: '工委二',
      role: 'committee_admin',
    });
    expect(res.statusCode).toBe(403);
    expect([res.json().error.code, ...(fields(res) ?? [])]).toEqual([
      'FOUR_EYES_REQUIRED',
      'id:approval_required:account_create',
    ]);
    expect((await secadmin.get('/api/accounts?q=cadmin2')).json().total).toBe(0);
  });

  it('lets a unit admin create an applicant in its unit and derives the unit', async () => {
    const res = await uadmin.post('/api/accounts', {
      username: 'a1-liaison',
      displayName: '联络员',
      role: 'applicant',
      organizationId: tree.a1.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().account).toMatchObject({ organizationId: tree.a1.id, unitId: tree.unitA.id });
  });

  it('answers 404 on organizationId when a unit admin names an organisation of another unit', async () => {
    const res = await uadmin.post('/api/accounts', {
      username: 'b1-liaison',
      displayName: 'x',
      role: 'applicant',
      organizationId: tree.b1.id,
    });
    expect(res.statusCode).toBe(404);
    expect(fields(res)).toEqual(['organizationId:not_found']);
    const unknown = await cadmin.post('/api/accounts', {
      username: 'ghost',
      displayName: 'x',
      role: 'applicant',
      organizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(fields(unknown)).toEqual(['organizationId:not_found']);
  });

  it('places unit admins on units, applicants on an organisation, the others nowhere', async () => {
    const post = (role: string, organizationId: string | null) =>
      cadmin.post('/api/accounts', { username: `p-${role}`, displayName: 'x', role, organizationId });
    // A unit admin is asked for (four-eyes, account_create): the request checks the placement the same way.
    const ask = (organizationId: string | null) =>
      cadmin.post('/api/privileged-requests', {
        kind: 'account_create',
        username: 'p-unit_admin',
        displayName: 'x',
        role: 'unit_admin',
        organizationId,
        reason: '新任管理员',
      });
    expect(fields(await ask(tree.a1.id))).toEqual(['organizationId:unit_required']);
    expect(fields(await ask(tree.root.id))).toEqual(['organizationId:unit_required']);
    expect(fields(await post('applicant', null))).toEqual(['organizationId:organization_required']);
    expect(fields(await post('reviewer', tree.unitA.id))).toEqual([
      'organizationId:organization_not_allowed',
    ]);
    const ok = await ask(tree.unitB.id);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      role: 'unit_admin',
      organization: { id: tree.unitB.id },
      target: { id: null, username: 'p-unit_admin' },
    });
  });

  it('refuses a taken username whatever its case or width (409 DUPLICATE)', async () => {
    for (const username of ['uadmin', 'UAdmin', 'ＵＡＤＭＩＮ', ' uadmin ']) {
      const res = await cadmin.post('/api/accounts', { username, displayName: 'x', role: 'reviewer' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('DUPLICATE');
      expect(fields(res)).toEqual(['username:duplicate']);
    }
  });

  it('refuses bad input with field details: unknown fields, bad role, bad username', async () => {
    const extra = await cadmin.post('/api/accounts', {
      username: 'okname',
      displayName: 'x',
      role: 'reviewer',
      admin: true,
    });
    expect(extra.statusCode).toBe(400);
    expect(fields(extra)).toEqual(['admin:unknown_field']);
    const role = await cadmin.post('/api/accounts', {
      username: 'okname',
      displayName: 'x',
      role: 'superuser',
    });
    expect(fields(role)).toEqual(['role:invalid_value']);
    const name = await cadmin.post('/api/accounts', { username: '张三', displayName: '', role: 'reviewer' });
    expect(fields(name)?.sort()).toEqual([
      'displayName:too_small',
      'username:invalid_format',
      'username:too_small',
    ]);
  });
});

describe('editing accounts', () => {
  it('changes the display name with the version, and refuses a stale version (409)', async () => {
    const id = seeded.reviewer.id;
    const ok = await cadmin.patch(`/api/accounts/${id}`, { displayName: '王专家', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: '王专家', version: 2 });
    const stale = await cadmin.patch(`/api/accounts/${id}`, { displayName: '赵专家', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const [event] = await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, id));
    expect(event).toMatchObject({
      action: 'accounts.update',
      changes: { displayName: { before: 'rev', after: '王专家' } },
    });
  });

  it('moves an applicant to a reviewer only with the organisation cleared', async () => {
    const id = (await cadmin.get('/api/accounts?q=appl-a-unit')).json().items[0].id;
    const keep = await cadmin.patch(`/api/accounts/${id}`, { role: 'reviewer', version: 1 });
    expect(fields(keep)).toEqual(['organizationId:organization_not_allowed']);
    const ok = await cadmin.patch(`/api/accounts/${id}`, {
      role: 'reviewer',
      organizationId: null,
      version: 1,
    });
    expect(ok.json()).toMatchObject({ role: 'reviewer', organizationId: null, unitId: null, version: 2 });
    const up = await cadmin.patch(`/api/accounts/${id}`, { role: 'committee_admin', version: 2 });
    expect(fields(up)).toEqual(['role:not_manageable']);
  });

  it('refuses to let an administrator disable themselves or change their own role (409)', async () => {
    const id = seeded.security_admin.id;
    const off = await secadmin.patch(`/api/accounts/${id}`, { disabled: true, version: 1 });
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('CONFLICT');
    expect(fields(off)).toEqual(['disabled:self']);
    const role = await secadmin.patch(`/api/accounts/${id}`, { role: 'audit_admin', version: 1 });
    expect(role.statusCode).toBe(409);
    expect((await secadmin.get('/api/auth/me')).statusCode).toBe(200);
  });
});
