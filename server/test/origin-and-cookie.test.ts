/**
 * Defect 5 of the security review: the CSRF Origin check compared the host only, so `https://host` passed on
 * an http host. It now compares scheme, host and port (behind a trusted proxy the scheme is the proxy's
 * X-Forwarded-Proto). And a Secure session cookie carries the `__Host-` prefix (Path=/, no Domain), so no
 * sibling subdomain or plain-http page can plant or overwrite it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, PASSWORD, seedTree, seedUsers, type TestEnv } from './helpers';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../../shared/src/contracts/auth';

let plain: TestEnv;
let proxied: TestEnv;
let secure: TestEnv;
beforeAll(async () => {
  plain = await makeTestEnv();
  proxied = await makeTestEnv({ SHIFAN_TRUST_PROXY: 'true' });
  secure = await makeTestEnv({ SHIFAN_COOKIE_SECURE: 'true' });
  for (const e of [plain, proxied, secure]) await seedUsers(e.db, await seedTree(e.db));
});
afterAll(async () => {
  await plain.close();
  await proxied.close();
  await secure.close();
});

/** A login with a wrong password: 401 when the CSRF check passes, 403 CSRF_FAILED when it does not. */
async function attempt(env: TestEnv, headers: Record<string, string>) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-shifan-csrf': '1', ...headers },
    payload: { username: 'rev', password: 'wrong' },
  });
  return res.statusCode === 403 ? res.json().error.code : res.statusCode;
}

describe('the Origin check', () => {
  it.each([
    ['http://localhost', 401],
    ['http://localhost:80', 401],
    ['http://LOCALHOST', 401],
    ['https://localhost', 'CSRF_FAILED'],
    ['https://localhost:80', 'CSRF_FAILED'],
    ['http://localhost:8080', 'CSRF_FAILED'],
    ['http://evil.localhost', 'CSRF_FAILED'],
    ['null', 'CSRF_FAILED'],
    ['not a url', 'CSRF_FAILED'],
  ])('on http://localhost, Origin %s → %s', async (origin, expected) => {
    expect(await attempt(plain, { host: 'localhost', origin })).toBe(expected);
  });

  it('compares the port the Host names', async () => {
    expect(await attempt(plain, { host: 'shifan.example:3000', origin: 'http://shifan.example:3000' })).toBe(
      401,
    );
    expect(await attempt(plain, { host: 'shifan.example:3000', origin: 'http://shifan.example' })).toBe(
      'CSRF_FAILED',
    );
  });

  it('ignores X-Forwarded-Proto unless the proxy is trusted', async () => {
    const headers = { host: 'shifan.example', 'x-forwarded-proto': 'https' };
    expect(await attempt(plain, { ...headers, origin: 'https://shifan.example' })).toBe('CSRF_FAILED');
    expect(await attempt(plain, { ...headers, origin: 'http://shifan.example' })).toBe(401);
  });

  it('behind a trusted proxy, takes the scheme from X-Forwarded-Proto', async () => {
    const headers = { host: 'shifan.example', 'x-forwarded-proto': 'https' };
    expect(await attempt(proxied, { ...headers, origin: 'https://shifan.example' })).toBe(401);
    expect(await attempt(proxied, { ...headers, origin: 'http://shifan.example' })).toBe('CSRF_FAILED');
    expect(await attempt(proxied, { host: 'shifan.example', origin: 'http://shifan.example' })).toBe(401);
  });
});

async function logIn(env: TestEnv, headers: Record<string, string> = {}) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-shifan-csrf': '1', ...headers },
    payload: { username: 'rev', password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return res;
}

describe('the session cookie', () => {
  it('is __Host-shifan_sid when Secure: Path=/, no Domain, HttpOnly, SameSite=Strict', async () => {
    const res = await logIn(secure);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^__Host-shifan_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(SECURE_SESSION_COOKIE).toBe('__Host-shifan_sid');
    const token = res.cookies[0]!.value;
    const me = (cookie: string) =>
      secure.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await me(`${SECURE_SESSION_COOKIE}=${token}`)).statusCode).toBe(200);
    // The unprefixed name is not read when the cookie is Secure: a planted one is ignored.
    expect((await me(`${SESSION_COOKIE}=${token}`)).statusCode).toBe(401);
    const out = await secure.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `${SECURE_SESSION_COOKIE}=${token}`, 'x-shifan-csrf': '1' },
    });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(
      /^__Host-shifan_sid=; Max-Age=0; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  it('stays shifan_sid without Secure on plain http, and follows a trusted proxy to https in auto mode', async () => {
    const http = await logIn(proxied, { host: 'shifan.example' });
    expect(http.cookies.map((c) => [c.name, c.secure ?? false])).toEqual([[SESSION_COOKIE, false]]);
    const https = await logIn(proxied, { host: 'shifan.example', 'x-forwarded-proto': 'https' });
    expect(https.cookies.map((c) => [c.name, c.secure])).toEqual([[SECURE_SESSION_COOKIE, true]]);
  });
});
