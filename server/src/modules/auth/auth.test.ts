import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, sessions, users } from '../../db/schema';
import {
  client,
  login,
  makeTestEnv,
  PASSWORD,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { SESSION_COOKIE } from '../../../../shared/src/contracts/auth';

let env: TestEnv;
let seeded: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  env = await makeTestEnv();
  seeded = await seedUsers(env.db, await seedTree(env.db));
});
afterAll(() => env.close());

describe('login', () => {
  it('answers the same 401 for an unknown user and a wrong password', async () => {
    const c = client(env.app, null);
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: 'x' });
    const wrong = await c.post('/api/auth/login', { username: 'rev', password: 'wrong' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('sets an HttpOnly SameSite=Strict session cookie and /me returns role, scope and abilities', async () => {
    const res = await client(env.app, null).post('/api/auth/login', {
      username: 'uadmin',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/shifan_sid=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = `${SESSION_COOKIE}=${res.cookies[0]!.value}`;
    const me = await client(env.app, cookie).get('/api/auth/me');
    expect(me.json()).toMatchObject({
      user: { username: 'uadmin', mustChangePassword: false },
      roles: ['unit_admin'],
      scope: { organizationName: '市水务局机关党委', unitId: seeded.unit_admin.unitId },
      abilities: [
        'organizations.read',
        'organizations.write',
        'organizations.export',
        'venues.read',
        'venues.write',
        'accounts.read',
        'accounts.manage',
        'privileged.decide',
        'standards.read',
        'campaigns.read',
        'campaigns.dashboard',
        'cultivation.read',
        'cultivation.write',
        'applications.read',
        'applications.write',
        'applications.recommend',
        'applications.export',
        'results.read',
        'titles.read',
      ],
    });
  });

  it('refuses a mutation without the CSRF header and from a foreign origin', async () => {
    const noHeader = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b' },
    });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('CSRF_FAILED');
    const foreign = await client(env.app, null).post(
      '/api/auth/login',
      { username: 'a', password: 'b' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.json().error.code).toBe('CSRF_FAILED');
  });

  it('locks the account after 5 failures in 15 minutes, even for the right password, for 30 minutes', async () => {
    const c = client(env.app, null);
    for (let i = 0; i < 5; i++)
      expect((await c.post('/api/auth/login', { username: 'secadmin', password: 'bad' })).statusCode).toBe(
        401,
      );
    const locked = await c.post('/api/auth/login', { username: 'secadmin', password: PASSWORD });
    expect(locked.statusCode).toBe(401);
    const events = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.objectId, seeded.security_admin.id));
    expect(events.filter((e) => e.action === 'auth.login' && e.outcome === 'failure')).toHaveLength(6);
    expect(events.filter((e) => e.action === 'auth.lockout')).toHaveLength(1);
    env.clock.advance(30 * 60_000 + 1);
    expect((await c.post('/api/auth/login', { username: 'secadmin', password: PASSWORD })).statusCode).toBe(
      200,
    );
  });

  it('ends the session on the server at logout and after 20 idle minutes', async () => {
    const cookie = await login(env.app, 'rev');
    const c = client(env.app, cookie);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);

    const cookie2 = await login(env.app, 'rev');
    env.clock.advance(20 * 60_000 + 1);
    expect((await client(env.app, cookie2).get('/api/auth/me')).statusCode).toBe(401);
    const rows = await env.db.select().from(sessions).where(eq(sessions.userId, seeded.reviewer.id));
    expect(rows).toHaveLength(0);
  });
});

describe('forced password change', () => {
  it('blocks every action route until the password is changed, then allows them', async () => {
    await env.db
      .update(users)
      .set({ mustChangePassword: true })
      .where(eq(users.id, seeded.committee_admin.id));
    const cookie = await login(env.app, 'cadmin');
    const c = client(env.app, cookie);
    expect((await c.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/organizations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await c.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'cadmin-12345',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    expect(
      weak
        .json()
        .error.details.map((d: { code: string }) => d.code)
        .sort(),
    ).toEqual(['contains_username']);

    const ok = await c.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Nov-29-strong',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(false);
  });
});
