/**
 * Separation of duties walked pair by pair (issue #9 §3, AC-08): every role, acting alone, tries every
 * privileged operation on an account of every administrator role — reset its password, unlock it,
 * re-enable it, and ask for each four-eyes request and then approve that request itself — and not one of
 * these succeeds: the direct routes answer 403 (FOUR_EYES_REQUIRED) or 403/404 (not the caller's to
 * manage), a self-approval answers 403, and the target account is exactly as it was (password hash,
 * lock, disabled, second factor). A single success fails the test and names the pair.
 *
 * Not walked here: creating an administrator account and giving an account an administrator role are
 * still direct for the security admin (the `role_grant` four-eyes kind of §3 is open).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../../shared/src/enums';
import { PRIVILEGED_KINDS } from '../../../../shared/src/contracts/privileged-requests';
import { privilegedRequests, secondFactors, users } from '../../db/schema';
import {
  client,
  enrolSecondFactor,
  insertUser,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let actors: Awaited<ReturnType<typeof seedUsers>>;
beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  actors = await seedUsers(env.db, tree);
});
afterAll(() => env.close());

const ADMIN_ROLES = ['committee_admin', 'unit_admin', 'security_admin', 'audit_admin'] as const;
const ACTOR_ROLES = [...ADMIN_ROLES, 'applicant', 'reviewer'] as const;

/** What must not change: the account row's credentials and state, and its second factor. */
async function stateOf(id: string) {
  const [u] = await env.db
    .select({
      passwordHash: users.passwordHash,
      lockedUntil: users.lockedUntil,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
      role: users.role,
    })
    .from(users)
    .where(eq(users.id, id));
  const factors = await env.db.select().from(secondFactors).where(eq(secondFactors.userId, id));
  return { ...u, factors: factors.length };
}

describe('every role alone against every administrator account', () => {
  it('gains nothing: no direct privileged change, no self-approved request, the target unchanged', async () => {
    const successes: string[] = [];
    const refusals = new Map<string, number>();
    const count = (what: string) => refusals.set(what, (refusals.get(what) ?? 0) + 1);
    let requestsAsked = 0;

    for (const actorRole of ACTOR_ROLES) {
      const actor = client(env.app, await login(env.app, actors[actorRole].username));
      for (const targetRole of ADMIN_ROLES) {
        const username = `t.${actorRole}.${targetRole}`;
        const placed: { organizationId?: string; unitId?: string } =
          targetRole === 'unit_admin' ? { organizationId: tree.unitA.id, unitId: tree.unitA.id } : {};
        const target = await insertUser(env.db, { username, role: targetRole as Role, ...placed });
        // Enrolled in a second factor, then locked and disabled: every operation has something to undo.
        await enrolSecondFactor(env.app, await login(env.app, username), env.clock.now);
        await env.db
          .update(users)
          .set({ disabled: true, lockedUntil: new Date(env.clock.now.getTime() + 3600_000) })
          .where(eq(users.id, target.id));
        const before = await stateOf(target.id);
        const pair = `${actorRole} → ${targetRole}`;

        const direct = [
          [
            'reset-password',
            () => actor.post(`/api/accounts/${target.id}/reset-password`, { version: target.version }),
          ],
          ['unlock', () => actor.post(`/api/accounts/${target.id}/unlock`, { version: target.version })],
          [
            'enable',
            () => actor.patch(`/api/accounts/${target.id}`, { disabled: false, version: target.version }),
          ],
        ] as const;
        for (const [what, call] of direct) {
          const res = await call();
          if (res.statusCode < 400) successes.push(`${pair}: ${what} answered ${res.statusCode}`);
          else count(`${what} ${res.statusCode} ${res.json().error.code}`);
        }

        for (const kind of PRIVILEGED_KINDS) {
          const asked = await actor.post('/api/privileged-requests', {
            kind,
            targetUserId: target.id,
            reason: '越权尝试',
          });
          if (asked.statusCode !== 201) {
            count(`request ${asked.statusCode}`);
            continue;
          }
          requestsAsked += 1;
          const id: string = asked.json().id;
          const self = await actor.post(`/api/privileged-requests/${id}/approve`);
          if (self.statusCode < 400) successes.push(`${pair}: approved its own ${kind} (${self.statusCode})`);
          else count(`self-approve ${self.statusCode} ${self.json().error.code}`);
          const [row] = await env.db.select().from(privilegedRequests).where(eq(privilegedRequests.id, id));
          if (row?.state !== 'pending') successes.push(`${pair}: its own ${kind} is ${row?.state}`);
        }

        const after = await stateOf(target.id);
        if (JSON.stringify(after) !== JSON.stringify(before)) successes.push(`${pair}: the target changed`);
      }
    }

    expect(successes).toEqual([]);
    // Who was refused how (24 pairs): the security admin manages the four administrator roles and the
    // committee admin the unit admins — those 5 pairs meet FOUR_EYES_REQUIRED and may only ask (4 kinds
    // each: 20 requests, 20 self-approvals refused); the 7 other pairs of managers find no such account
    // (404); the audit admin, applicant and reviewer have no account management at all (12 pairs, 403).
    expect(requestsAsked).toBe(20);
    expect(Object.fromEntries([...refusals].sort())).toEqual({
      'enable 403 FORBIDDEN': 12,
      'enable 403 FOUR_EYES_REQUIRED': 5,
      'enable 404 NOT_FOUND': 7,
      'request 403': 48,
      'request 404': 28,
      'reset-password 403 FORBIDDEN': 12,
      'reset-password 403 FOUR_EYES_REQUIRED': 5,
      'reset-password 404 NOT_FOUND': 7,
      'self-approve 403 FOUR_EYES_REQUIRED': 20,
      'unlock 403 FORBIDDEN': 12,
      'unlock 403 FOUR_EYES_REQUIRED': 5,
      'unlock 404 NOT_FOUND': 7,
    });
  });
});
