import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, notifications, sessions, users } from '../../db/schema';
import { createBootstrapAdmin } from './bootstrap';
import {
  client,
  insertUser,
  login,
  makeTestEnv,
  PASSWORD,
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

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  seeded = await seedUsers(env.db, tree);
  cadmin = client(env.app, await login(env.app, 'cadmin'));
  uadmin = client(env.app, await login(env.app, 'uadmin'));
  secadmin = client(env.app, await login(env.app, 'secadmin'));
});
afterAll(() => env.close());

const tryLogin = (username: string, password: string) =>
  client(env.app, null).post('/api/auth/login', { username, password });

async function eventsOf(id: string, action: string) {
  return env.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, action)));
}

describe('a new account', () => {
  it('logs in with its one-time password, must change it, then works', async () => {
    const created = await uadmin.post('/api/accounts', {
      username: 'liaison.a1',
      displayName: '排水五所联络员',
      role: 'applicant',
      organizationId: tree.a1.id,
    });
    expect(created.statusCode).toBe(201);
    const { account, oneTimePassword } = created.json();
    expect(account.mustChangePassword).toBe(true);

    const cookie = await login(env.app, 'liaison.a1', oneTimePassword);
    const me = client(env.app, cookie);
    expect((await me.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const changed = await me.post('/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: 'Quiet-River-77',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    expect((await uadmin.get(`/api/accounts/${account.id}`)).json()).toMatchObject({
      mustChangePassword: false,
      lastLoginAt: env.clock.now.toISOString(),
    });
  });
});

describe('disabling and enabling', () => {
  it('ends the sessions of a disabled account in the same change; the old cookie answers 401', async () => {
    const target = client(env.app, await login(env.app, 'appl'));
    expect((await target.get('/api/auth/me')).statusCode).toBe(200);
    const off = await uadmin.patch(`/api/accounts/${seeded.applicant.id}`, { disabled: true, version: 1 });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ disabled: true, version: 2 });
    expect(await env.db.select().from(sessions).where(eq(sessions.userId, seeded.applicant.id))).toEqual([]);
    expect((await target.get('/api/auth/me')).statusCode).toBe(401);
    expect((await tryLogin('appl', PASSWORD)).statusCode).toBe(401);

    const [event] = await eventsOf(seeded.applicant.id, 'accounts.disable');
    expect(event).toMatchObject({
      actorName: 'uadmin',
      role: 'unit_admin',
      unitId: tree.unitA.id,
      changes: { disabled: { before: false, after: true } },
      detail: 'sessions ended: 1',
    });

    const on = await uadmin.patch(`/api/accounts/${seeded.applicant.id}`, { disabled: false, version: 2 });
    expect(on.json()).toMatchObject({ disabled: false, version: 3 });
    expect(await eventsOf(seeded.applicant.id, 'accounts.enable')).toHaveLength(1);
    expect((await tryLogin('appl', PASSWORD)).statusCode).toBe(200);
  });

  it('ends the sessions of an account whose role changes', async () => {
    const target = client(env.app, await login(env.app, 'rev'));
    const res = await cadmin.patch(`/api/accounts/${seeded.reviewer.id}`, {
      role: 'applicant',
      organizationId: tree.b1.id,
      version: 1,
    });
    expect(res.json()).toMatchObject({ role: 'applicant', unitId: tree.unitB.id });
    expect((await target.get('/api/auth/me')).statusCode).toBe(401);
    const [event] = await eventsOf(seeded.reviewer.id, 'accounts.update');
    expect(event!.changes).toEqual({
      role: { before: 'reviewer', after: 'applicant' },
      organizationId: { before: null, after: tree.b1.id },
      unitId: { before: null, after: tree.unitB.id },
    });
  });
});

describe('resetting a password', () => {
  it('issues a new one-time password, ends the sessions, forces a change and tells the holder', async () => {
    const holder = await insertUser(env.db, { username: 'rev.reset', role: 'reviewer' });
    const target = client(env.app, await login(env.app, 'rev.reset'));
    const res = await secadmin.post(`/api/accounts/${holder.id}/reset-password`, { version: 1 });
    expect(res.statusCode).toBe(200);
    const { account, oneTimePassword } = res.json();
    expect(account).toMatchObject({ mustChangePassword: true, version: 2 });
    expect((await target.get('/api/auth/me')).statusCode).toBe(401);
    expect((await tryLogin('rev.reset', PASSWORD)).statusCode).toBe(401);
    const again = client(env.app, await login(env.app, 'rev.reset', oneTimePassword));
    const blocked = await again.get('/api/audit-events');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const [event] = await eventsOf(holder.id, 'accounts.reset_password');
    expect(event).toMatchObject({
      actorName: 'secadmin',
      role: 'security_admin',
      detail: 'sessions ended: 1',
    });
    expect(event!.changes).toEqual({
      password: { before: '***', after: '***' },
      mustChangePassword: { before: false, after: true },
      oneTimeExpiresAt: { before: null, after: new Date(env.clock.now.getTime() + 86_400_000).toISOString() },
    });
    expect(JSON.stringify(await env.db.select().from(auditEvents))).not.toContain(oneTimePassword);
    const inbox = await env.db.select().from(notifications).where(eq(notifications.userId, holder.id));
    expect(inbox.map((n) => [n.kind, n.titleZh, n.titleEn])).toEqual([
      ['account.password_reset', '您的密码已被重置', 'Your password was reset'],
    ]);
  });

  it('refuses a direct reset of an administrator account (403 FOUR_EYES_REQUIRED) and writes nothing', async () => {
    for (const [who, target] of [
      [secadmin, seeded.audit_admin],
      [secadmin, seeded.committee_admin],
      [cadmin, seeded.unit_admin],
    ] as const) {
      const res = await who.post(`/api/accounts/${target.id}/reset-password`, { version: 1 });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'FOUR_EYES_REQUIRED',
        details: [
          {
            field: 'id',
            code: 'approval_required:password_reset',
            message: '管理员账号的密码须经另一名不同角色的管理员批准后才能重置，请提交特权操作申请',
          },
        ],
      });
      expect((await secadmin.get(`/api/accounts/${target.id}`)).json()).toMatchObject({
        version: 1,
        mustChangePassword: false,
      });
      expect(await eventsOf(target.id, 'accounts.reset_password')).toEqual([]);
      expect(await env.db.select().from(notifications).where(eq(notifications.userId, target.id))).toEqual(
        [],
      );
      // The attempt itself leaves a trace: who tried what on which account, refused.
      expect(
        (await eventsOf(target.id, 'authz.four_eyes_refused')).map((e) => [
          e.actorName,
          e.objectType,
          e.outcome,
          e.detail,
        ]),
      ).toEqual([
        [
          who === secadmin ? 'secadmin' : 'cadmin',
          'user',
          'denied',
          'POST /api/accounts/:id/reset-password; approval_required:password_reset',
        ],
      ]);
    }
    expect((await tryLogin('audadmin', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a stale version and a reset of oneself (409)', async () => {
    const holder = await env.db.select().from(users).where(eq(users.username, 'rev.reset'));
    const stale = await secadmin.post(`/api/accounts/${holder[0]!.id}/reset-password`, {
      version: 1,
    });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const self = await secadmin.post(`/api/accounts/${seeded.security_admin.id}/reset-password`, {
      version: 1,
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('CONFLICT');
  });
});

describe('unlocking', () => {
  it('clears the lock after five failures so the right password works at once', async () => {
    for (let i = 0; i < 5; i++) await tryLogin('appl', 'wrong-password');
    expect((await tryLogin('appl', PASSWORD)).statusCode).toBe(401);
    const locked = await cadmin.get(`/api/accounts/${seeded.applicant.id}`);
    const version: number = locked.json().version;
    expect(locked.json()).toMatchObject({ locked: true });

    const res = await cadmin.post(`/api/accounts/${seeded.applicant.id}/unlock`, { version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locked: false, version: version + 1 });
    const [event] = await eventsOf(seeded.applicant.id, 'accounts.unlock');
    expect(event!.changes).toEqual({
      lockedUntil: { before: new Date(env.clock.now.getTime() + 30 * 60_000).toISOString(), after: null },
    });
    expect((await tryLogin('appl', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a direct unlock of an administrator account (403 FOUR_EYES_REQUIRED) and writes nothing', async () => {
    for (let i = 0; i < 5; i++) await tryLogin('uadmin', 'wrong-password');
    const res = await cadmin.post(`/api/accounts/${seeded.unit_admin.id}/unlock`, { version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'FOUR_EYES_REQUIRED',
      details: [
        {
          field: 'id',
          code: 'approval_required:account_unlock',
          message: '管理员账号须经另一名不同角色的管理员批准后才能解除锁定，请提交特权操作申请',
        },
      ],
    });
    expect((await cadmin.get(`/api/accounts/${seeded.unit_admin.id}`)).json()).toMatchObject({
      locked: true,
      version: 1,
    });
    expect(await eventsOf(seeded.unit_admin.id, 'accounts.unlock')).toEqual([]);
  });
});

describe('re-enabling', () => {
  it('disables an administrator account directly, but re-enables it only through a four-eyes request', async () => {
    const off = await secadmin.patch(`/api/accounts/${seeded.audit_admin.id}`, {
      disabled: true,
      version: 1,
    });
    expect(off.json()).toMatchObject({ disabled: true, version: 2 });
    const on = await secadmin.patch(`/api/accounts/${seeded.audit_admin.id}`, {
      disabled: false,
      version: 2,
    });
    expect(on.statusCode).toBe(403);
    expect(on.json().error).toMatchObject({
      code: 'FOUR_EYES_REQUIRED',
      details: [
        {
          field: 'id',
          code: 'approval_required:account_enable',
          message: '管理员账号须经另一名不同角色的管理员批准后才能重新启用，请提交特权操作申请',
        },
      ],
    });
    expect((await secadmin.get(`/api/accounts/${seeded.audit_admin.id}`)).json()).toMatchObject({
      disabled: true,
      version: 2,
    });
    expect(await eventsOf(seeded.audit_admin.id, 'accounts.enable')).toEqual([]);
  });
});

describe('the first administrator from the command line', () => {
  it('gets a one-time password that must be changed, and the same username rules', async () => {
    const { id, oneTimePassword } = await createBootstrapAdmin(env.db, env.clock.now, {
      username: 'ＲＯＯＴ.Sec',
      displayName: '首位安全管理员',
      role: 'security_admin',
    });
    const res = await tryLogin('root.sec', oneTimePassword);
    expect(res.json().user).toMatchObject({ id, username: 'root.sec', mustChangePassword: true });
    await expect(
      createBootstrapAdmin(env.db, env.clock.now, {
        username: 'Root.Sec',
        displayName: 'x',
        role: 'audit_admin',
      }),
    ).rejects.toMatchObject({ code: 'DUPLICATE' });
    await expect(
      createBootstrapAdmin(env.db, env.clock.now, { username: 'rev2', displayName: 'x', role: 'reviewer' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const [event] = await eventsOf(id, 'accounts.create');
    expect(event).toMatchObject({ actorName: 'cli', actorId: null, requestId: 'cli' });
  });
});

describe('one-time password expiry', () => {
  it('refuses the one-time password 24 hours after it was issued', async () => {
    const created = await secadmin.post('/api/accounts', {
      username: 'late.reviewer',
      displayName: '迟到的专家',
      role: 'reviewer',
    });
    const { account, oneTimePassword } = created.json();
    env.clock.advance(24 * 60 * 60_000 + 1);
    const res = await tryLogin('late.reviewer', oneTimePassword);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    const [event] = await eventsOf(account.id, 'auth.login');
    expect(event).toMatchObject({ outcome: 'failure', detail: 'one_time_password_expired' });
  });
});
