/**
 * The second factor through the API (AUTH-06/07): enrolment, the two-step login, a wrong code, a replayed
 * code, a recovery code used twice, the lockout after five wrong codes, remembered devices, regeneration
 * and turning off. The gates are walked route by route in server/test/second-factor-gate.test.ts.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, recoveryCodes, secondFactors, sessions, users } from '../../db/schema';
import { totpCodeAt } from '../../core/totp';
import {
  client,
  enrolSecondFactor,
  insertUser,
  login,
  makeTestEnv,
  PASSWORD,
  sessionCookieOf,
  type TestEnv,
} from '../../../test/helpers';
import { REMEMBER_DEVICE_COOKIE } from '../../../../shared/src/contracts/second-factor';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

const STEP = 30_000;
let n = 0;

/** A fresh account with an enrolled authenticator; the clock moves on a step so its first code is new. */
async function enrolledUser(role: 'applicant' | 'reviewer' = 'reviewer') {
  const user = await insertUser(env.db, { username: `tf${++n}`, role });
  const enrolled = await enrolSecondFactor(env.app, await login(env.app, user.username), env.clock.now);
  env.clock.advance(STEP);
  return { user, ...enrolled };
}

function passwordStep(username: string, cookie?: string) {
  return env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-shifan-csrf': '1', ...(cookie ? { cookie } : {}) },
    payload: { username, password: PASSWORD },
  });
}

async function pendingLogin(username: string): Promise<string> {
  const res = await passwordStep(username);
  expect(res.statusCode).toBe(200);
  expect(res.json().user.secondFactor).toBe('pending');
  return sessionCookieOf(res);
}

const verify = (cookie: string, body: Record<string, unknown>) =>
  client(env.app, cookie).post('/api/auth/second-factor/verify', body);

async function auditOf(userId: string, action: string) {
  return env.db
    .select({ outcome: auditEvents.outcome, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, userId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));
}

describe('enrolment', () => {
  it('shows the same QR seed until a first code confirms it, then ten recovery codes once, and never the seed again', async () => {
    const user = await insertUser(env.db, { username: 'enrol1', role: 'applicant' });
    const c = client(env.app, await login(env.app, 'enrol1'));
    const first = await c.get('/api/auth/second-factor/enrolment');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const { secret, uri, qrDataUrl, account } = first.json();
    expect(account).toBe('enrol1');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect(qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await c.get('/api/auth/second-factor/enrolment')).json().secret).toBe(secret);

    const wrong = await c.post('/api/auth/second-factor/enrolment', {
      code: totpCodeAt(secret, new Date(env.clock.now.getTime() + 5 * STEP)),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([
      { field: 'code', code: 'wrong_code', message: '验证码不正确，请核对手机时间后重试' },
    ]);

    const ok = await c.post('/api/auth/second-factor/enrolment', { code: totpCodeAt(secret, env.clock.now) });
    expect(ok.statusCode).toBe(200);
    const codes: string[] = ok.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(new Set(codes).size).toBe(10);

    expect((await c.get('/api/auth/second-factor/enrolment')).statusCode).toBe(409);
    const status = await c.get('/api/auth/second-factor');
    expect(status.json()).toEqual({
      gate: null,
      enrolled: true,
      required: false,
      enrolledAt: env.clock.now.toISOString(),
      recoveryCodesLeft: 10,
      relaxedForDemo: false,
    });
    expect(status.body).not.toContain(secret);
    // Recovery codes are stored as argon2id hashes, never as given.
    const stored = await env.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const r of stored) expect(r.codeHash).toMatch(/^\$argon2id\$/);
    expect((await auditOf(user.id, 'auth.second_factor_enrol')).map((a) => [a.outcome, a.detail])).toEqual([
      ['failure', 'wrong_code'],
      ['success', 'TOTP; 10 recovery codes'],
    ]);
  });
});

describe('the two-step login', () => {
  it('holds the password step at the code: no other route answers until a right code, which gives a new session', async () => {
    const { user, secret } = await enrolledUser();
    const pending = await pendingLogin(user.username);
    const c = client(env.app, pending);
    expect((await c.get('/api/notifications')).json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await c.get('/api/auth/me')).json().user.secondFactor).toBe('pending');

    const wrongCode = totpCodeAt(secret, new Date(env.clock.now.getTime() + 10 * STEP));
    const wrong = await verify(pending, { code: wrongCode });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_SECOND_FACTOR');

    const ok = await verify(pending, { code: totpCodeAt(secret, env.clock.now) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.secondFactor).toBeNull();
    const complete = sessionCookieOf(ok);
    expect(complete).not.toBe(pending);
    expect((await client(env.app, pending).get('/api/auth/me')).statusCode).toBe(401);
    expect((await client(env.app, complete).get('/api/notifications')).statusCode).toBe(200);
    expect((await auditOf(user.id, 'auth.second_factor')).map((a) => [a.outcome, a.detail])).toEqual([
      ['failure', 'wrong_code'],
      ['success', 'totp'],
    ]);
    // The complete login clears the count of wrong codes.
    const [u] = await env.db.select().from(users).where(eq(users.id, user.id));
    expect(u!.failedLogins).toBe(0);
  });

  it('refuses a code replayed in the same step (401, audited replayed_code) and takes the next step’s', async () => {
    const { user, secret } = await enrolledUser();
    const code = totpCodeAt(secret, env.clock.now);
    expect((await verify(await pendingLogin(user.username), { code })).statusCode).toBe(200);
    const again = await verify(await pendingLogin(user.username), { code });
    expect(again.statusCode).toBe(401);
    expect((await auditOf(user.id, 'auth.second_factor')).at(-1)).toEqual({
      outcome: 'failure',
      detail: 'replayed_code',
    });
    env.clock.advance(STEP);
    const next = await verify(await pendingLogin(user.username), { code: totpCodeAt(secret, env.clock.now) });
    expect(next.statusCode).toBe(200);
  });

  it('takes a recovery code once: the second use is refused and nine are left', async () => {
    const { user, recoveryCodes: codes } = await enrolledUser();
    const typed = codes[3]!.toUpperCase().replace('-', ' ');
    const first = await verify(await pendingLogin(user.username), { recoveryCode: typed });
    expect(first.statusCode).toBe(200);
    const second = await verify(await pendingLogin(user.username), { recoveryCode: codes[3] });
    expect(second.statusCode).toBe(401);
    expect((await auditOf(user.id, 'auth.second_factor')).map((a) => a.detail)).toEqual([
      'recovery_code',
      'wrong_recovery_code',
    ]);
    const status = await client(env.app, sessionCookieOf(first)).get('/api/auth/second-factor');
    expect(status.json().recoveryCodesLeft).toBe(9);
  });

  it('refuses a body with both a code and a recovery code, or neither (400)', async () => {
    const { user, secret, recoveryCodes: codes } = await enrolledUser();
    const pending = await pendingLogin(user.username);
    expect((await verify(pending, {})).statusCode).toBe(400);
    const both = await verify(pending, { code: totpCodeAt(secret, env.clock.now), recoveryCode: codes[0] });
    expect(both.statusCode).toBe(400);
  });

  it('locks the account after five wrong codes like five wrong passwords: the pending login ends and the right password is refused', async () => {
    const { user, secret } = await enrolledUser();
    const pending = await pendingLogin(user.username);
    // The right password does not clear earlier failures while the code is pending.
    const wrongCode = totpCodeAt(secret, new Date(env.clock.now.getTime() + 20 * STEP));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await verify(pending, { code: wrongCode })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const [u] = await env.db.select().from(users).where(eq(users.id, user.id));
    expect(u!.lockedUntil).toEqual(new Date(env.clock.now.getTime() + 30 * 60_000));
    const pendingRows = await env.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, user.id), eq(sessions.secondFactor, 'pending')));
    expect(pendingRows).toEqual([]);
    // The pending login has ended: even the right code is too late.
    expect((await verify(pending, { code: totpCodeAt(secret, env.clock.now) })).statusCode).toBe(401);
    expect((await passwordStep(user.username)).statusCode).toBe(401);
    expect(await auditOf(user.id, 'auth.lockout')).toEqual([
      { outcome: 'success', detail: '5 failures within 15 min; locked for 30 min' },
    ]);
    expect((await auditOf(user.id, 'auth.second_factor')).map((a) => a.detail)).toEqual(
      Array(5).fill('wrong_code'),
    );
    // After the lockout the password and a new code open the account again.
    env.clock.advance(31 * 60_000);
    const ok = await verify(await pendingLogin(user.username), { code: totpCodeAt(secret, env.clock.now) });
    expect(ok.statusCode).toBe(200);
  });

  it('answers the sixth try of the code step within five minutes with 429', async () => {
    const { user } = await enrolledUser();
    const pending = await pendingLogin(user.username);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await verify(pending, { code: 'x' })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('remembers the device when asked: the next password login is complete until the absolute session lifetime has passed', async () => {
    const { user, secret } = await enrolledUser();
    const ok = await verify(await pendingLogin(user.username), {
      code: totpCodeAt(secret, env.clock.now),
      rememberDevice: true,
    });
    const remember = ok.cookies.find((c) => c.name === REMEMBER_DEVICE_COOKIE)!;
    expect(remember.httpOnly).toBe(true);
    expect(remember.sameSite).toBe('Strict');
    expect(remember.expires).toEqual(new Date(env.clock.now.getTime() + 12 * 3600_000));
    const device = `${REMEMBER_DEVICE_COOKIE}=${remember.value}`;

    const again = await passwordStep(user.username, device);
    expect(again.json().user.secondFactor).toBeNull();
    // Another account on the same browser still gives its code.
    const other = await enrolledUser();
    expect((await passwordStep(other.user.username, device)).json().user.secondFactor).toBe('pending');
    env.clock.advance(12 * 3600_000);
    expect((await passwordStep(user.username, device)).json().user.secondFactor).toBe('pending');
  });
});

describe('recovery codes and turning off', () => {
  it('regenerates the recovery codes with the password (the old ones stop working) and refuses a wrong password', async () => {
    const { user, secret, recoveryCodes: old } = await enrolledUser();
    const done = await verify(await pendingLogin(user.username), { code: totpCodeAt(secret, env.clock.now) });
    const c = client(env.app, sessionCookieOf(done));
    const wrong = await c.post('/api/auth/second-factor/recovery-codes', { password: 'not-the-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('password');
    const res = await c.post('/api/auth/second-factor/recovery-codes', { password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old[0]);
    expect((await verify(await pendingLogin(user.username), { recoveryCode: old[0] })).statusCode).toBe(401);
    expect((await verify(await pendingLogin(user.username), { recoveryCode: fresh[0] })).statusCode).toBe(
      200,
    );
    expect((await auditOf(user.id, 'auth.recovery_codes')).map((a) => a.outcome)).toEqual([
      'failure',
      'success',
    ]);
  });

  it('lets a role that needs none turn it off with the password; a required role is refused (409)', async () => {
    const { user, secret } = await enrolledUser('applicant');
    const done = await verify(await pendingLogin(user.username), { code: totpCodeAt(secret, env.clock.now) });
    const c = client(env.app, sessionCookieOf(done));
    expect((await c.post('/api/auth/second-factor/disable', { password: PASSWORD })).statusCode).toBe(200);
    expect(await env.db.select().from(secondFactors).where(eq(secondFactors.userId, user.id))).toEqual([]);
    expect((await passwordStep(user.username)).json().user.secondFactor).toBeNull();
    expect(
      await env.db
        .select()
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt))),
    ).toEqual([]);
  });
});

describe('a role that must use a second factor', () => {
  it('is held at the enrolment after the password (audited), and enrolling completes the login under a new session', async () => {
    const strict = await makeTestEnv({ SHIFAN_MFA_REQUIRED_ROLES: 'committee_admin,security_admin' });
    try {
      const user = await insertUser(strict.db, { username: 'must1', role: 'committee_admin' });
      const res = await strict.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-shifan-csrf': '1' },
        payload: { username: 'must1', password: PASSWORD },
      });
      expect(res.json().user.secondFactor).toBe('enrol');
      const held = sessionCookieOf(res);
      const c = client(strict.app, held);
      expect((await c.get('/api/organizations')).json().error.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
      expect((await c.get('/api/auth/second-factor')).json()).toMatchObject({
        gate: 'enrol',
        required: true,
      });
      const enrolled = await enrolSecondFactor(strict.app, held, strict.clock.now);
      expect(enrolled.cookie).not.toBe(held);
      expect((await client(strict.app, enrolled.cookie).get('/api/organizations')).statusCode).toBe(200);
      expect((await client(strict.app, held).get('/api/auth/me')).statusCode).toBe(401);
      // Required: it may not be turned off.
      const off = await client(strict.app, enrolled.cookie).post('/api/auth/second-factor/disable', {
        password: PASSWORD,
      });
      expect(off.statusCode).toBe(409);
      const [event] = await strict.db
        .select({ detail: auditEvents.detail })
        .from(auditEvents)
        .where(and(eq(auditEvents.objectId, user.id), eq(auditEvents.action, 'auth.login')));
      expect(event!.detail).toBe('password checked: second factor enrolment required');
    } finally {
      await strict.close();
    }
  });
});
