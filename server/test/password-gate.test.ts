/**
 * Defect 3 of the security review (AUTH-03): a session whose password must change (a one-time password)
 * could read the inbox and mark it read. Walks every registered route with such a session, for every
 * role: only `me`, logout, the second-factor status (policy `session_any`) and the password change (policy
 * `session_gate`) are open; every other route
 * that needs a login answers 403 PASSWORD_CHANGE_REQUIRED, without touching its handler.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema';
import { hashToken } from '../src/modules/auth/service';
import { insertUser, makeTestEnv, seedTree, type TestEnv } from './helpers';
import { ROLES, type Role } from '../../shared/src/enums';
import { SESSION_COOKIE } from '../../shared/src/contracts/auth';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
});
afterAll(() => env.close());

const ANY = ['GET /api/auth/me', 'POST /api/auth/logout', 'GET /api/auth/second-factor'];
const GATE = [...ANY, 'POST /api/auth/password'];

async function mustChangeSession(role: Role): Promise<string> {
  const user = await insertUser(env.db, {
    username: `otp${crypto.randomBytes(4).toString('hex')}`,
    role,
    organizationId: role === 'unit_admin' ? tree.unitA.id : role === 'applicant' ? tree.a1.id : null,
    unitId: role === 'unit_admin' || role === 'applicant' ? tree.unitA.id : null,
    mustChangePassword: true,
  });
  const token = crypto.randomBytes(32).toString('base64url');
  const now = env.clock.now;
  await env.db.insert(sessions).values({
    idHash: hashToken(token),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
  });
  return `${SESSION_COOKIE}=${token}`;
}

/** A concrete URL for a route pattern: any id will do, the gate answers before the handler looks. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID()).replace(/\*$/, 'x');

describe('a session that must change its password', () => {
  it('reaches me, logout, the second-factor status and the password change only: every other login route answers 403 PASSWORD_CHANGE_REQUIRED', async () => {
    const records = env.app.routeRecords.filter((r) => r.policy !== 'public');
    const open: string[] = [];
    let refused = 0;
    for (const role of ROLES) {
      for (const r of records) {
        const key = `${r.method} ${r.url}`;
        // Logging out ends the session: a fresh one per request keeps the walk honest.
        const cookie = await mustChangeSession(role);
        const res = await env.app.inject({
          method: r.method as 'GET',
          url: concrete(r.url),
          headers: { cookie, ...(r.method === 'GET' ? {} : { 'x-shifan-csrf': '1' }) },
          ...(r.method === 'GET' ? {} : { payload: {} }),
        });
        if (res.statusCode === 403 && res.json().error.code === 'PASSWORD_CHANGE_REQUIRED') refused++;
        else open.push(`${key} as ${role}: ${res.statusCode}`);
      }
    }
    const expected = ROLES.flatMap((role) =>
      GATE.map((key) => `${key} as ${role}: ${key === 'POST /api/auth/password' ? 400 : 200}`),
    );
    expect(open.sort()).toEqual(expected.sort());
    expect(refused).toBe((records.length - GATE.length) * ROLES.length);
    // The walk covers the inbox that the review found open, and the own e-mail change.
    const keys = records.map((r) => `${r.method} ${r.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /api/notifications',
        'POST /api/notifications/read-all',
        'PATCH /api/auth/me',
      ]),
    );
  });

  it('declares exactly me, logout and the second-factor status open to every session, and the password change at its gate', () => {
    const routesOf = (policy: string) =>
      env.app.routeRecords
        .filter((r) => r.policy === policy)
        .map((r) => `${r.method} ${r.url}`)
        .sort();
    expect(routesOf('session_any')).toEqual([...ANY].sort());
    expect(routesOf('session_gate')).toEqual(['POST /api/auth/password']);
  });
});
