/**
 * Issue #9 §1.4 through the API: weak passwords refused with the right violation (zh and en), no reuse of
 * the last 5 passwords, expiry after 90 days holding the session at the password-change gate, 12
 * characters for privileged roles, one-time passwords within the policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, desc, eq } from 'drizzle-orm';
import { auditEvents, organizations, passwordHistory, users } from '../../db/schema';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../../../shared/src/contracts/auth';
import { client, insertUser, makeTestEnv, PASSWORD, seedTree, type TestEnv } from '../../../test/helpers';
import { checkPassword } from '../../../../shared/src/domain/password-policy';
import { commonPasswords } from '../../core/common-passwords';
import { generateOneTimePassword } from '../../core/passwords';

const DAY = 24 * 60 * 60_000;
let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let serial = 0;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await env.db.update(organizations).set({ shortName: '排水五所' }).where(eq(organizations.id, tree.a1.id));
});
afterAll(() => env.close());

/** Logs in from a fresh address each time: this file logs in more often than the per-address limit. */
async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: `10.9.${Math.floor(++logins / 250)}.${logins % 250}`,
    headers: { 'x-shifan-csrf': '1' },
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return `${SESSION_COOKIE}=${res.cookies.find((x) => x.name === SESSION_COOKIE)!.value}`;
}
let logins = 0;

/** Each change from a fresh session: the password route is rate-limited per session. */
async function change(username: string, currentPassword: string, newPassword: string, lang = 'zh-CN') {
  const c = client(env.app, await login(env.app, username, currentPassword));
  return c.post('/api/auth/password', { currentPassword, newPassword }, { 'accept-language': lang });
}

type ErrorJson = { error: { code: string; details: { field: string; code: string; message: string }[] } };
const codes = (res: { json(): ErrorJson }) => res.json().error.details.map((d) => d.code);

async function snapshot(userId: string) {
  const [u] = await env.db.select().from(users).where(eq(users.id, userId));
  const [h] = await env.db
    .select({ n: count() })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId));
  const [a] = await env.db.select({ n: count() }).from(auditEvents);
  return { user: u, history: h!.n, audit: a!.n };
}

function applicant(prefix = 'wangxiaoming') {
  return insertUser(env.db, {
    username: `${prefix}${++serial}`,
    role: 'applicant',
    organizationId: tree.a1.id,
    unitId: tree.unitA.id,
  });
}

describe('weak passwords (issue #9 §1.4)', () => {
  it.each([
    ['Admin@123', ['too_common']],
    ['P@ssword1', ['too_common']],
    ['Qwerty123!', ['too_common']],
    ['党工委Abc123!', ['context_word']],
    ['天津示范Abc12', ['context_word']],
    ['Wang-Xiao-ming-1', ['contains_username']],
    ['Xy-aomi#2026', ['contains_username']],
    ['排水五所-Abc123', ['context_word']],
    ['Ab1-市水务局排水五所党支部', ['context_word']],
    [PASSWORD, ['same_as_current']],
  ])('%s is refused with %j, the refusal audited, nothing else written', async (newPassword, expected) => {
    const u = await applicant();
    const before = await snapshot(u.id);
    const res = await change(u.username, PASSWORD, newPassword);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PASSWORD_POLICY');
    expect(codes(res)).toEqual(expected);
    const after = await snapshot(u.id);
    expect({ ...after.user, lastLoginAt: null }).toEqual({ ...before.user, lastLoginAt: null });
    expect(after.history).toBe(before.history);
    expect(after.audit).toBe(before.audit + 2); // the login and the refused change
    const [refusal] = await env.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(refusal).toMatchObject({
      action: 'auth.password_change',
      objectId: u.id,
      outcome: 'failure',
      detail: `password policy: ${expected.join(', ')}`,
    });
  });

  it('asks 12 characters of privileged roles and says so in Chinese and English', async () => {
    const admin = await insertUser(env.db, { username: `auditor${++serial}`, role: 'audit_admin' });
    const zh = await change(admin.username, PASSWORD, 'Kx7#mPq2-Lr');
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details).toEqual([
      { field: 'newPassword', code: 'too_short', message: '密码长度不足，至少 12 个字符' },
    ]);
    const en = await change(admin.username, PASSWORD, 'Kx7#mPq2-Lr', 'en');
    expect(en.json().error.details).toEqual([
      {
        field: 'newPassword',
        code: 'too_short',
        message: 'The password is too short: at least 12 characters',
      },
    ]);
    expect((await change(admin.username, PASSWORD, 'Kx7#mPq2-Lrv')).statusCode).toBe(200);
    const u = await applicant('liping');
    expect((await change(u.username, PASSWORD, 'Kx7#mPq2')).statusCode).toBe(200);
  });
});

describe('password history', () => {
  it('refuses the last 5 passwords, keeps 5 hashes, and lets the sixth-last back', async () => {
    const u = await applicant('zhaolei');
    const chosen = ['Quiet-River-71', 'Quiet-River-72', 'Quiet-River-73', 'Quiet-River-74', 'Quiet-River-75'];
    let current = PASSWORD;
    for (const p of chosen) {
      const res = await change(u.username, current, p);
      expect(res.statusCode, res.body).toBe(200);
      current = p;
    }
    for (const old of chosen) {
      const before = await snapshot(u.id);
      const res = await change(u.username, current, old);
      expect(res.statusCode, old).toBe(400);
      expect(codes(res), old).toEqual([old === current ? 'same_as_current' : 'reused']);
      expect((await snapshot(u.id)).history).toBe(before.history);
    }
    const rows = await env.db.select().from(passwordHistory).where(eq(passwordHistory.userId, u.id));
    expect(rows.length).toBe(5);
    expect(rows.every((r) => r.passwordHash.startsWith('$argon2id$'))).toBe(true);
    // Six changes on, the first chosen password is no longer among the last five.
    expect((await change(u.username, current, 'Quiet-River-76')).statusCode).toBe(200);
    expect((await change(u.username, 'Quiet-River-76', 'Quiet-River-71')).statusCode).toBe(200);
    expect((await env.db.select().from(passwordHistory).where(eq(passwordHistory.userId, u.id))).length).toBe(
      5,
    );
  });

  it('refuses the previous password after an administrator reset (the forced change)', async () => {
    const u = await applicant('sunli');
    expect((await change(u.username, PASSWORD, 'Quiet-River-81')).statusCode).toBe(200);
    // An administrator's reset replaces the hash by a one-time password; the chosen one stays in history.
    const otp = generateOneTimePassword(u.username);
    const { hashPassword } = await import('../../core/passwords');
    await env.db
      .update(users)
      .set({ passwordHash: await hashPassword(otp), mustChangePassword: true })
      .where(eq(users.id, u.id));
    const res = await change(u.username, otp, 'Quiet-River-81');
    expect(codes(res)).toEqual(['reused']);
    expect((await change(u.username, otp, 'Quiet-River-82')).statusCode).toBe(200);
  });
});

describe('password expiry (90 days)', () => {
  it('holds a session at the password-change gate once the password is 90 days old, until it changes', async () => {
    const u = await applicant('zhouyan');
    expect((await change(u.username, PASSWORD, 'Quiet-River-91')).statusCode).toBe(200);
    const cookie = await login(env.app, u.username, 'Quiet-River-91');
    const c = client(env.app, cookie);
    expect((await c.get('/api/notifications')).statusCode).toBe(200);

    env.clock.advance(90 * DAY - 60_000);
    const fresh = client(env.app, await login(env.app, u.username, 'Quiet-River-91'));
    expect((await fresh.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);

    env.clock.advance(60_000);
    // The session opened a minute ago and a new login are both held at the gate.
    expect((await fresh.get('/api/organizations')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const late = client(env.app, await login(env.app, u.username, 'Quiet-River-91'));
    expect((await late.get('/api/auth/me')).json().user).toMatchObject({
      mustChangePassword: true,
      passwordExpired: true,
    });
    const blocked = await late.get('/api/organizations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const [audit] = await env.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'auth.login'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(audit!.detail).toBe('password older than 90 days: change required');

    const same = await late.post('/api/auth/password', {
      currentPassword: 'Quiet-River-91',
      newPassword: 'Quiet-River-91',
    });
    expect(codes(same)).toEqual(['same_as_current']);
    const ok = await late.post('/api/auth/password', {
      currentPassword: 'Quiet-River-91',
      newPassword: 'Quiet-River-92',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(false);
    expect(ok.json().user.passwordExpired).toBeUndefined();
    expect((await late.get('/api/organizations')).statusCode).not.toBe(403);
    env.clock.advance(-90 * DAY);
  });

  it('never expires with SHIFAN_PASSWORD_MAX_AGE_DAYS=0', async () => {
    const off = await makeTestEnv({ SHIFAN_PASSWORD_MAX_AGE_DAYS: '0' });
    try {
      await insertUser(off.db, { username: 'forever', role: 'reviewer' });
      await off.db.update(users).set({ passwordChangedAt: off.clock.now });
      off.clock.advance(3650 * DAY);
      const c = client(off.app, await login(off.app, 'forever'));
      expect((await c.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
    } finally {
      await off.close();
    }
  });
});

describe('one-time passwords', () => {
  it('meet the policy of the most demanding role, for the account they are issued to', () => {
    const commonList = commonPasswords();
    for (let i = 0; i < 300; i++) {
      const p = generateOneTimePassword('abcdefghjkmn');
      expect(p).toHaveLength(16);
      expect(
        checkPassword(p, { username: 'abcdefghjkmn', role: 'security_admin', commonPasswords: commonList }),
      ).toEqual([]);
    }
  });
});
