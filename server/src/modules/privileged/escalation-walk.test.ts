/**
 * Separation of duties walked pair by pair (issue #9 §3, AC-08): every role, acting alone, tries every
 * privileged operation on an account of every administrator role — reset its password, unlock it,
 * re-enable it, and ask for each four-eyes request and then approve that request itself — and not one of
 * these succeeds: the direct routes answer 403 (FOUR_EYES_REQUIRED) or 403/404 (not the caller's to
 * manage), a self-approval answers 403, and the target account is exactly as it was (password hash,
 * lock, disabled, second factor). A single success fails the test and names the pair.
 *
 * Then every role, alone, tries to gain each administrator role: create an account of that role, give it
 * to an applicant it can see, give it to its own account, and ask for each (account_create, role_grant)
 * and approve its own request — none succeeds, no account is made and the applicant keeps its role.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../../shared/src/enums';
import { GRANT_KINDS, PRIVILEGED_KINDS } from '../../../../shared/src/contracts/privileged-requests';
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

        for (const kind of PRIVILEGED_KINDS.filter((k) => !GRANT_KINDS.includes(k))) {
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

describe('every role alone trying to gain every administrator role', () => {
  it('gains none: no account made, no role given, no self-approved creation or grant', async () => {
    const successes: string[] = [];
    const refusals = new Map<string, number>();
    const count = (what: string) => refusals.set(what, (refusals.get(what) ?? 0) + 1);
    const refusal = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;
    let requestsAsked = 0;

    for (const actorRole of ACTOR_ROLES) {
      const actor = client(env.app, await login(env.app, actors[actorRole].username));
      for (const role of ADMIN_ROLES) {
        const pair = `${actorRole} → ${role}`;
        const organizationId = role === 'unit_admin' ? tree.unitA.id : null;
        const username = `new.${actorRole}.${role}`.replace(/_/g, '-');
        // An applicant of unit A: every account manager sees it (the unit admin of A too).
        const applicant = await insertUser(env.db, {
          username: `g.${actorRole}.${role}`.replace(/_/g, '-'),
          role: 'applicant',
          organizationId: tree.a1.id,
          unitId: tree.unitA.id,
        });

        const direct = [
          [
            'create',
            () => actor.post('/api/accounts', { username, displayName: '越权', role, organizationId }),
          ],
          [
            'grant',
            () =>
              actor.patch(`/api/accounts/${applicant.id}`, {
                role,
                organizationId,
                version: applicant.version,
              }),
          ],
        ] as const;
        for (const [what, call] of direct) {
          const res = await call();
          if (res.statusCode < 400) successes.push(`${pair}: ${what} answered ${res.statusCode}`);
          else count(`${what} ${refusal(res)}`);
        }
        if (role !== actorRole) {
          const self = await actor.patch(`/api/accounts/${actors[actorRole].id}`, {
            role,
            organizationId,
            version: 1,
          });
          if (self.statusCode < 400) successes.push(`${pair}: own account answered ${self.statusCode}`);
          else count(`self-grant ${refusal(self)}`);
        }

        const asks = {
          account_create: { username, displayName: '越权', role, organizationId },
          role_grant: { targetUserId: applicant.id, role, organizationId },
        };
        for (const [kind, body] of Object.entries(asks)) {
          const asked = await actor.post('/api/privileged-requests', { kind, reason: '越权尝试', ...body });
          if (asked.statusCode !== 201) {
            count(`request ${kind} ${asked.statusCode}`);
            continue;
          }
          requestsAsked += 1;
          const id: string = asked.json().id;
          const self = await actor.post(`/api/privileged-requests/${id}/approve`);
          if (self.statusCode < 400) successes.push(`${pair}: approved its own ${kind} (${self.statusCode})`);
          else count(`self-approve ${refusal(self)}`);
          const [row] = await env.db.select().from(privilegedRequests).where(eq(privilegedRequests.id, id));
          if (row?.state !== 'pending') successes.push(`${pair}: its own ${kind} is ${row?.state}`);
        }

        if ((await env.db.select().from(users).where(eq(users.username, username))).length > 0)
          successes.push(`${pair}: the account was made`);
        if ((await stateOf(applicant.id)).role !== 'applicant')
          successes.push(`${pair}: the applicant changed`);
        if ((await stateOf(actors[actorRole].id)).role !== actorRole)
          successes.push(`${pair}: own role changed`);
      }
    }

    expect(successes).toEqual([]);
    // 24 pairs. The security admin manages the four administrator roles (4 pairs) and the committee admin
    // the unit admins (1 pair): those 5 meet FOUR_EYES_REQUIRED on the direct create and grant and may only
    // ask (2 kinds: 10 requests, 10 self-approvals refused). The committee admin's 3 other roles and the
    // unit admin's 4 are not theirs to give (400 role:not_manageable, 7 pairs); the audit admin, applicant
    // and reviewer manage no accounts (403, 12 pairs). Its own account, to a role it does not hold (20
    // tries): the security admin is refused its own role change (409 self, 3), the committee and unit
    // admins do not see accounts of their own role (404, 3 + 3), the others manage no accounts (403, 11).
    expect(requestsAsked).toBe(10);
    expect(Object.fromEntries([...refusals].sort())).toEqual({
      'create 400 VALIDATION_FAILED': 7,
      'create 403 FORBIDDEN': 12,
      'create 403 FOUR_EYES_REQUIRED': 5,
      'grant 400 VALIDATION_FAILED': 7,
      'grant 403 FORBIDDEN': 12,
      'grant 403 FOUR_EYES_REQUIRED': 5,
      'request account_create 400': 7,
      'request account_create 403': 12,
      'request role_grant 400': 7,
      'request role_grant 403': 12,
      'self-approve 403 FOUR_EYES_REQUIRED': 10,
      'self-grant 403 FORBIDDEN': 11,
      'self-grant 404 NOT_FOUND': 6,
      'self-grant 409 CONFLICT': 3,
    });
  });
});
