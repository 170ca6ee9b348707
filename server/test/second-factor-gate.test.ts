/**
 * The second-factor gates walked over every registered route, for every role (AUTH-06): a login waiting
 * for its code reaches only the code step, me, logout and the second-factor status (every other route
 * answers 403 SECOND_FACTOR_REQUIRED, the password change included); an account that must enrol reaches
 * only the enrolment, me, logout and the status (403 SECOND_FACTOR_ENROLMENT_REQUIRED elsewhere).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema';
import { hashToken } from '../src/modules/auth/service';
import { insertUser, makeTestEnv, seedTree, type TestEnv } from './helpers';
import { ROLES, type Role } from '../../shared/src/enums';
import { SESSION_COOKIE } from '../../shared/src/contracts/auth';
import type { SecondFactorGate } from '../../shared/src/contracts/second-factor';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
});
afterAll(() => env.close());

const ANY = ['GET /api/auth/me', 'POST /api/auth/logout', 'GET /api/auth/second-factor'];

async function heldSession(role: Role, gate: SecondFactorGate): Promise<string> {
  const user = await insertUser(env.db, {
    username: `g${crypto.randomBytes(4).toString('hex')}`,
    role,
    organizationId: role === 'unit_admin' ? tree.unitA.id : role === 'applicant' ? tree.a1.id : null,
    unitId: role === 'unit_admin' || role === 'applicant' ? tree.unitA.id : null,
  });
  const token = crypto.randomBytes(32).toString('base64url');
  const now = env.clock.now;
  await env.db.insert(sessions).values({
    idHash: hashToken(token),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 300_000),
    secondFactor: gate,
  });
  return `${SESSION_COOKIE}=${token}`;
}

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, () => crypto.randomUUID()).replace(/\*$/, 'x');

/** Walks every login route with a fresh held session per request; returns what was not refused with `code`. */
async function walk(
  gate: SecondFactorGate,
  code: string,
): Promise<{ open: string[]; refused: number; total: number }> {
  const records = env.app.routeRecords.filter((r) => r.policy !== 'public');
  const open: string[] = [];
  let refused = 0;
  for (const role of ROLES) {
    for (const r of records) {
      const cookie = await heldSession(role, gate);
      const res = await env.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        headers: { cookie, ...(r.method === 'GET' ? {} : { 'x-shifan-csrf': '1' }) },
        ...(r.method === 'GET' ? {} : { payload: {} }),
      });
      if (res.statusCode === 403 && res.json().error.code === code) refused++;
      else open.push(`${r.method} ${r.url} as ${role}: ${res.statusCode}`);
    }
  }
  return { open, refused, total: records.length * ROLES.length };
}

describe('the second-factor gates', () => {
  it(
    'a login waiting for its code reaches the code step, me, logout and the status only',
    { timeout: 600_000 },
    async () => {
      const { open, refused, total } = await walk('pending', 'SECOND_FACTOR_REQUIRED');
      const allowed = [...ANY, 'POST /api/auth/second-factor/verify'];
      // The code step refuses the empty body (400); the others answer 200.
      const expected = ROLES.flatMap((role) =>
        allowed.map((key) => `${key} as ${role}: ${key.endsWith('/verify') ? 400 : 200}`),
      );
      expect(open.sort()).toEqual(expected.sort());
      expect(refused).toBe(total - allowed.length * ROLES.length);
    },
  );

  it(
    'an account that must enrol reaches the enrolment, me, logout and the status only',
    { timeout: 600_000 },
    async () => {
      const { open, refused, total } = await walk('enrol', 'SECOND_FACTOR_ENROLMENT_REQUIRED');
      const allowed = [
        ...ANY,
        'GET /api/auth/second-factor/enrolment',
        'POST /api/auth/second-factor/enrolment',
      ];
      const status: Record<string, number> = { 'POST /api/auth/second-factor/enrolment': 400 };
      const expected = ROLES.flatMap((role) =>
        allowed.map((key) => `${key} as ${role}: ${status[key] ?? 200}`),
      );
      expect(open.sort()).toEqual(expected.sort());
      expect(refused).toBe(total - allowed.length * ROLES.length);
    },
  );

  it('declares the code step and the enrolment routes with their gate policies', () => {
    const routesOf = (policy: string) =>
      env.app.routeRecords
        .filter((r) => r.policy === policy)
        .map((r) => `${r.method} ${r.url}`)
        .sort();
    expect(routesOf('second_factor')).toEqual(['POST /api/auth/second-factor/verify']);
    expect(routesOf('enrolment')).toEqual([
      'GET /api/auth/second-factor/enrolment',
      'POST /api/auth/second-factor/enrolment',
    ]);
  });
});
