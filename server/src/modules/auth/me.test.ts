import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, users } from '../../db/schema';
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

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
});
afterAll(() => env.close());

/** A fresh liaison of branch A1 (so tests do not share an account), logged in. */
async function liaison(name: string, opts: { mustChangePassword?: boolean } = {}) {
  const user = await insertUser(env.db, {
    username: name,
    role: 'applicant',
    organizationId: tree.a1.id,
    unitId: tree.unitA.id,
    ...opts,
  });
  return { user, c: client(env.app, await login(env.app, name)) };
}

const stored = async (id: string) =>
  (
    await env.db
      .select({ email: users.email, version: users.version, updatedAt: users.updatedAt })
      .from(users)
      .where(eq(users.id, id))
  )[0]!;
const emailEvents = (id: string) =>
  env.db
    .select({
      actorName: auditEvents.actorName,
      role: auditEvents.role,
      objectType: auditEvents.objectType,
      unitId: auditEvents.unitId,
      outcome: auditEvents.outcome,
      changes: auditEvents.changes,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, 'auth.email_change')))
    .orderBy(asc(auditEvents.id));

describe('GET /api/auth/me', () => {
  it('answers the caller’s e-mail address, null when there is none', async () => {
    const { user, c } = await liaison('me.show');
    expect((await c.get('/api/auth/me')).json().user.email).toBeNull();
    await env.db.update(users).set({ email: 'liuhaitao@example.org' }).where(eq(users.id, user.id));
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({
      id: user.id,
      username: 'me.show',
      displayName: 'me.show',
      mustChangePassword: false,
      email: 'liuhaitao@example.org',
      secondFactor: null,
    });
    expect(res.json().scope).toEqual({
      organizationId: tree.a1.id,
      organizationName: '市水务局排水五所党支部',
      unitId: tree.unitA.id,
    });
  });
});

describe('PATCH /api/auth/me', () => {
  it('sets the caller’s own address trimmed and lower-cased, bumps the version, audits it masked', async () => {
    const { user, c } = await liaison('me.set');
    const res = await c.patch('/api/auth/me', { email: '  LiuHaiTao@Example.ORG ' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.email).toBe('liuhaitao@example.org');
    expect(await stored(user.id)).toEqual({
      email: 'liuhaitao@example.org',
      version: 2,
      updatedAt: env.clock.now,
    });
    expect((await c.get('/api/auth/me')).json().user.email).toBe('liuhaitao@example.org');
    expect(await emailEvents(user.id)).toEqual([
      {
        actorName: 'me.set',
        role: 'applicant',
        objectType: 'user',
        unitId: tree.unitA.id,
        outcome: 'success',
        changes: { email: { before: null, after: 'l***@example.org' } },
      },
    ]);
    expect(JSON.stringify(await env.db.select().from(auditEvents))).not.toContain('liuhaitao@');
  });

  it('clears the address with null and with an empty string, each change audited', async () => {
    const { user, c } = await liaison('me.clear');
    expect((await c.patch('/api/auth/me', { email: 'zhao@example.org' })).statusCode).toBe(200);
    const cleared = await c.patch('/api/auth/me', { email: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().user.email).toBeNull();
    expect(await stored(user.id)).toMatchObject({ email: null, version: 3 });

    expect((await c.patch('/api/auth/me', { email: 'zhao@example.org' })).statusCode).toBe(200);
    const empty = await c.patch('/api/auth/me', { email: '' });
    expect(empty.json().user.email).toBeNull();
    expect(await stored(user.id)).toMatchObject({ email: null, version: 5 });
    expect((await emailEvents(user.id)).map((e) => e.changes)).toEqual([
      { email: { before: null, after: 'z***@example.org' } },
      { email: { before: 'z***@example.org', after: null } },
      { email: { before: null, after: 'z***@example.org' } },
      { email: { before: 'z***@example.org', after: null } },
    ]);
  });

  it('writes nothing when the address is unchanged or left out', async () => {
    const { user, c } = await liaison('me.same');
    await c.patch('/api/auth/me', { email: 'same@example.org' });
    const again = await c.patch('/api/auth/me', { email: 'SAME@example.org' });
    expect(again.statusCode).toBe(200);
    expect(again.json().user.email).toBe('same@example.org');
    const none = await c.patch('/api/auth/me', {});
    expect(none.statusCode).toBe(200);
    expect(none.json().user.email).toBe('same@example.org');
    expect((await stored(user.id)).version).toBe(2);
    expect(await emailEvents(user.id)).toHaveLength(1);
  });

  it('refuses a bad address with 400 on email in both languages, writing nothing', async () => {
    const { user, c } = await liaison('me.bad');
    await c.patch('/api/auth/me', { email: 'kept@example.org' });
    const before = await stored(user.id);
    const res = await c.patch('/api/auth/me', { email: 'not-an-address' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([
      { field: 'email', code: 'invalid_format', message: '邮箱格式不正确' },
    ]);
    const en = await c.patch('/api/auth/me', { email: 'a@b' }, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details).toEqual([
      { field: 'email', code: 'invalid_format', message: 'Not a valid e-mail address' },
    ]);
    expect(await stored(user.id)).toEqual(before);
    expect(await emailEvents(user.id)).toHaveLength(1);
  });

  it('refuses other fields: the caller cannot change their name or role here', async () => {
    const { user, c } = await liaison('me.extra');
    const res = await c.patch('/api/auth/me', { email: 'x@example.org', role: 'committee_admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(await stored(user.id)).toMatchObject({ email: null, version: 1 });
  });

  it('answers 401 to an anonymous caller', async () => {
    const res = await client(env.app, null).patch('/api/auth/me', { email: 'anon@example.org' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 403 without the CSRF header, writing nothing', async () => {
    const user = await insertUser(env.db, { username: 'me.csrf', role: 'reviewer' });
    const cookie = await login(env.app, 'me.csrf');
    const res = await env.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie },
      payload: { email: 'csrf@example.org' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    expect(await stored(user.id)).toMatchObject({ email: null, version: 1 });
    expect(await emailEvents(user.id)).toEqual([]);
  });

  it('lets an account that must change its password do only that', async () => {
    const { user, c } = await liaison('me.forced', { mustChangePassword: true });
    const res = await c.patch('/api/auth/me', { email: 'forced@example.org' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await stored(user.id)).toMatchObject({ email: null, version: 1 });
    expect((await c.get('/api/auth/me')).json().user).toMatchObject({
      mustChangePassword: true,
      email: null,
    });
  });
});
