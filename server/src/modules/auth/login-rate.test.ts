/**
 * The login rate limit (issue 7 §1.18): per address, sized for an office behind one NAT or proxy
 * (SHIFAN_LOGIN_RATE_PER_ADDRESS, 600 a minute by default), the address being the client's behind a
 * trusted proxy (SHIFAN_TRUST_PROXY); per account the lockout stops guessing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';

const login = (env: TestEnv, username: string, headers: Record<string, string> = {}) =>
  env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-shifan-csrf': '1', ...headers },
    payload: { username, password: 'not-the-password-1' },
  });

describe('login rate limit per address', () => {
  let office: TestEnv;
  let small: TestEnv;
  beforeAll(async () => {
    office = await makeTestEnv();
    small = await makeTestEnv({ SHIFAN_LOGIN_RATE_PER_ADDRESS: '3', SHIFAN_TRUST_PROXY: '127.0.0.1' });
    await seedUsers(small.db, await seedTree(small.db));
  });
  afterAll(async () => {
    await office.close();
    await small.close();
  });

  it('lets an office behind one address log in more than 30 times a minute (default 600)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push((await login(office, `clerk${i}`)).statusCode);
    expect(codes).toEqual(Array(40).fill(401));
  });

  it('counts each client behind the trusted proxy on its own, and only the proxy-given address', async () => {
    const via = (ip: string) => ({ 'x-forwarded-for': ip });
    const a = [];
    for (let i = 0; i < 4; i++) a.push((await login(small, `someone${i}`, via('10.1.1.1'))).statusCode);
    expect(a).toEqual([401, 401, 401, 429]);
    // Another desk behind the same proxy is not held back by the first one.
    expect((await login(small, 'other', via('10.1.1.2'))).statusCode).toBe(401);
    // A forged hop in front of the client's own address does not give it a fresh count.
    expect((await login(small, 'forged', via('203.0.113.9, 10.1.1.1'))).statusCode).toBe(429);
  });
});
