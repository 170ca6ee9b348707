/**
 * Four-eyes reset of a lost authenticator (issue #9 §2, AC-08): asked by one administrator, approved by a
 * second of another role. The same administrator, another of the same role, and the holder are refused
 * (403 FOUR_EYES_REQUIRED, audited) and nothing is written; an approval removes the factor, ends the
 * holder's sessions, notifies the holder and is audited.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, privilegedRequests, secondFactors, sessions } from '../../db/schema';
import {
  client,
  enrolSecondFactor,
  insertUser,
  login,
  makeTestEnv,
  PASSWORD,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';

let env: TestEnv;
let u: Awaited<ReturnType<typeof seedUsers>>;
let tree: Awaited<ReturnType<typeof seedTree>>;
beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  u = await seedUsers(env.db, tree);
});
afterAll(() => env.close());

const as = async (username: string) => client(env.app, await login(env.app, username));

async function auditActions(objectId: string) {
  return env.db
    .select({ action: auditEvents.action, outcome: auditEvents.outcome, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.objectType, 'privileged_request'), eq(auditEvents.objectId, objectId)))
    .orderBy(auditEvents.id);
}

describe('four-eyes reset of a second factor', () => {
  it('is refused to the requester, to another admin of the same role and to the holder; another role approves and the reset is carried out', async () => {
    const holder = await insertUser(env.db, { username: 'cadmin2', role: 'committee_admin' });
    await insertUser(env.db, { username: 'secadmin2', role: 'security_admin' });
    const holderCookie = await login(env.app, 'cadmin2');
    await enrolSecondFactor(env.app, holderCookie, env.clock.now);

    const sec = await as('secadmin');
    const asked = await sec.post('/api/privileged-requests', {
      kind: 'second_factor_reset',
      targetUserId: holder.id,
      reason: '手机丢失',
    });
    expect(asked.statusCode).toBe(201);
    const id: string = asked.json().id;
    expect(asked.json()).toMatchObject({
      kind: 'second_factor_reset',
      state: 'pending',
      target: { username: 'cadmin2' },
      requestedBy: { username: 'secadmin' },
      requestedRole: 'security_admin',
      decidedBy: null,
    });
    // A second request of the same kind for the same account waits behind the first.
    const twice = await sec.post('/api/privileged-requests', {
      kind: 'second_factor_reset',
      targetUserId: holder.id,
      reason: '再次申请',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('DUPLICATE');

    // The holder's own complete session (from the enrolment): a new login would wait for its code.
    const holderClient = client(env.app, holderCookie);
    for (const who of ['secadmin', 'secadmin2', 'cadmin2']) {
      const c = who === 'cadmin2' ? holderClient : await as(who);
      const res = await c.post(`/api/privileged-requests/${id}/approve`);
      expect([who, res.statusCode, res.json().error.code]).toEqual([who, 403, 'FOUR_EYES_REQUIRED']);
    }
    // Nothing was written by the refusals.
    const [still] = await env.db.select().from(privilegedRequests).where(eq(privilegedRequests.id, id));
    expect(still!.state).toBe('pending');
    expect(await env.db.select().from(secondFactors).where(eq(secondFactors.userId, holder.id))).toHaveLength(
      1,
    );

    const approved = await (await as('cadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      state: 'approved',
      decidedBy: { username: 'cadmin' },
      decidedAt: env.clock.now.toISOString(),
    });
    expect(await env.db.select().from(secondFactors).where(eq(secondFactors.userId, holder.id))).toEqual([]);
    expect(await env.db.select().from(sessions).where(eq(sessions.userId, holder.id))).toEqual([]);
    const inbox = await env.db.select().from(notifications).where(eq(notifications.userId, holder.id));
    expect(inbox.map((n) => [n.kind, n.titleZh])).toEqual([
      ['account.second_factor_reset', '您的双因素认证已被重置'],
    ]);
    expect(await auditActions(id)).toEqual([
      {
        action: 'privileged.request',
        outcome: 'success',
        detail: 'second_factor_reset for cadmin2: 手机丢失',
      },
      { action: 'privileged.approve', outcome: 'denied', detail: 'same administrator' },
      { action: 'privileged.approve', outcome: 'denied', detail: 'same role' },
      { action: 'privileged.approve', outcome: 'denied', detail: 'own account' },
      {
        action: 'privileged.approve',
        outcome: 'success',
        detail: 'second_factor_reset for cadmin2, asked by secadmin',
      },
    ]);
    const [reset] = await env.db
      .select({ detail: auditEvents.detail })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'accounts.reset_second_factor'), eq(auditEvents.objectId, holder.id)),
      );
    expect(reset!.detail).toBe(`privileged request ${id}; sessions ended: 1`);
    // Decided once.
    expect((await (await as('audadmin')).post(`/api/privileged-requests/${id}/approve`)).statusCode).toBe(
      409,
    );
  });

  it('refuses a request for one’s own account, for an account without a second factor, and out of scope (404)', async () => {
    const sec = await as('secadmin');
    const self = await sec.post('/api/privileged-requests', {
      kind: 'second_factor_reset',
      targetUserId: u.security_admin.id,
      reason: '自己',
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.details[0].code).toBe('self');
    const none = await sec.post('/api/privileged-requests', {
      kind: 'second_factor_reset',
      targetUserId: u.reviewer.id,
      reason: '未启用',
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.details[0].code).toBe('not_enrolled');
    const outsider = await insertUser(env.db, {
      username: 'applb',
      role: 'applicant',
      organizationId: tree.b1.id,
      unitId: tree.unitB.id,
    });
    const unit = await as('uadmin');
    const out = await unit.post('/api/privileged-requests', {
      kind: 'second_factor_reset',
      targetUserId: outsider.id,
      reason: '越权',
    });
    expect(out.statusCode).toBe(404);
    expect(
      await env.db.select().from(privilegedRequests).where(eq(privilegedRequests.targetUserId, outsider.id)),
    ).toEqual([]);
  });

  it('lets another administrator reject a request: nothing is reset', async () => {
    const holder = await insertUser(env.db, {
      username: 'appl2',
      role: 'applicant',
      organizationId: tree.a1.id,
      unitId: tree.unitA.id,
    });
    await enrolSecondFactor(env.app, await login(env.app, 'appl2'), env.clock.now);
    const asked = await (
      await as('uadmin')
    ).post('/api/privileged-requests', {
      kind: 'second_factor_reset',
      targetUserId: holder.id,
      reason: '手机丢失',
    });
    expect(asked.statusCode).toBe(201);
    const list = await (await as('secadmin')).get('/api/privileged-requests?state=pending');
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(asked.json().id);
    const rejected = await (await as('secadmin')).post(`/api/privileged-requests/${asked.json().id}/reject`);
    expect(rejected.json()).toMatchObject({ state: 'rejected', decidedBy: { username: 'secadmin' } });
    expect(await env.db.select().from(secondFactors).where(eq(secondFactors.userId, holder.id))).toHaveLength(
      1,
    );
  });
});

describe('four-eyes reset of an administrator’s password (§3)', () => {
  it('is asked by one administrator, approved by another role; the approver alone gets the one-time password', async () => {
    const holder = await insertUser(env.db, { username: 'cadmin.pw', role: 'committee_admin' });
    const holderSession = client(env.app, await login(env.app, 'cadmin.pw'));
    const sec = await as('secadmin');
    const asked = await sec.post('/api/privileged-requests', {
      kind: 'password_reset',
      targetUserId: holder.id,
      reason: '忘记密码',
    });
    expect(asked.statusCode).toBe(201);
    const id: string = asked.json().id;
    expect(asked.json()).not.toHaveProperty('oneTimePassword');
    expect(asked.json()).toMatchObject({ kind: 'password_reset', state: 'pending' });

    // The same administrator and another of the same role are refused; nothing is reset.
    for (const who of ['secadmin', 'secadmin2']) {
      const res = await (await as(who)).post(`/api/privileged-requests/${id}/approve`);
      expect([who, res.statusCode, res.json().error.code]).toEqual([who, 403, 'FOUR_EYES_REQUIRED']);
    }
    expect((await holderSession.get('/api/auth/me')).statusCode).toBe(200);
    expect(
      await env.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'accounts.reset_password'), eq(auditEvents.objectId, holder.id))),
    ).toEqual([]);

    const approved = await (await as('audadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', decidedBy: { username: 'audadmin' } });
    const otp: string = approved.json().oneTimePassword;
    expect(otp).toMatch(/^\S{12,}$/);
    // The holder's sessions end; the one-time password works once and must be changed.
    expect((await holderSession.get('/api/auth/me')).statusCode).toBe(401);
    const fresh = await client(env.app, null).post('/api/auth/login', {
      username: 'cadmin.pw',
      password: otp,
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user).toMatchObject({ mustChangePassword: true });
    // The requester's list never carries the password.
    expect(JSON.stringify((await sec.get('/api/privileged-requests')).json())).not.toContain(otp);
    expect(JSON.stringify(await env.db.select().from(auditEvents))).not.toContain(otp);

    const inbox = await env.db.select().from(notifications).where(eq(notifications.userId, holder.id));
    expect(inbox.map((n) => [n.kind, n.titleZh])).toEqual([['account.password_reset', '您的密码已被重置']]);
    expect((await auditActions(id)).map((e) => [e.action, e.outcome, e.detail])).toEqual([
      ['privileged.request', 'success', 'password_reset for cadmin.pw: 忘记密码'],
      ['privileged.approve', 'denied', 'same administrator'],
      ['privileged.approve', 'denied', 'same role'],
      ['privileged.approve', 'success', 'password_reset for cadmin.pw, asked by secadmin'],
    ]);
    const [reset] = await env.db
      .select({ detail: auditEvents.detail, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'accounts.reset_password'), eq(auditEvents.objectId, holder.id)));
    expect(reset).toEqual({ detail: `privileged request ${id}; sessions ended: 1`, actorName: 'audadmin' });
  });
});

describe('four-eyes unlock and re-enable of an administrator account (§3)', () => {
  it('unlocks a locked administrator once a second administrator of another role approves', async () => {
    const holder = await insertUser(env.db, { username: 'secadmin.locked', role: 'security_admin' });
    const tryLogin = (password: string) =>
      client(env.app, null).post('/api/auth/login', { username: 'secadmin.locked', password });
    const cad = await as('cadmin');
    const sec = await as('secadmin');
    // Not locked yet: nothing to ask for.
    const early = await sec.post('/api/privileged-requests', {
      kind: 'account_unlock',
      targetUserId: holder.id,
      reason: '误锁',
    });
    expect([early.statusCode, early.json().error.details[0].code]).toEqual([409, 'not_locked']);
    for (let i = 0; i < 5; i++) await tryLogin('wrong-password');
    expect((await tryLogin(PASSWORD)).statusCode).toBe(401);

    const asked = await cad.post('/api/privileged-requests', {
      kind: 'account_unlock',
      targetUserId: holder.id,
      reason: '本人确认输错密码',
    });
    // The committee admin does not manage security admins: 404 (the security admin asks instead).
    expect(asked.statusCode).toBe(404);
    const mine = await sec.post('/api/privileged-requests', {
      kind: 'account_unlock',
      targetUserId: holder.id,
      reason: '本人确认输错密码',
    });
    expect(mine.statusCode).toBe(201);
    const id: string = mine.json().id;
    const same = await (await as('secadmin2')).post(`/api/privileged-requests/${id}/approve`);
    expect([same.statusCode, same.json().error.code]).toEqual([403, 'FOUR_EYES_REQUIRED']);
    expect((await tryLogin(PASSWORD)).statusCode).toBe(401);

    const approved = await (await as('audadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).not.toHaveProperty('oneTimePassword');
    expect((await tryLogin(PASSWORD)).statusCode).toBe(200);
    expect((await auditActions(id)).map((e) => [e.action, e.outcome, e.detail])).toEqual([
      ['privileged.request', 'success', 'account_unlock for secadmin.locked: 本人确认输错密码'],
      ['privileged.approve', 'denied', 'same role'],
      ['privileged.approve', 'success', 'account_unlock for secadmin.locked, asked by secadmin'],
    ]);
    const unlocks = await env.db
      .select({ detail: auditEvents.detail, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'accounts.unlock'), eq(auditEvents.objectId, holder.id)));
    expect(unlocks).toEqual([{ detail: `privileged request ${id}`, actorName: 'audadmin' }]);
  });

  it('re-enables a disabled administrator once approved; a rejection leaves it disabled', async () => {
    const holder = await insertUser(env.db, { username: 'cadmin.off', role: 'committee_admin' });
    const sec = await as('secadmin');
    const notYet = await sec.post('/api/privileged-requests', {
      kind: 'account_enable',
      targetUserId: holder.id,
      reason: '复职',
    });
    expect([notYet.statusCode, notYet.json().error.details[0].code]).toEqual([409, 'not_disabled']);
    expect(
      (await sec.patch(`/api/accounts/${holder.id}`, { disabled: true, version: 1 })).json(),
    ).toMatchObject({ disabled: true, version: 2 });

    const first = await sec.post('/api/privileged-requests', {
      kind: 'account_enable',
      targetUserId: holder.id,
      reason: '复职',
    });
    expect(first.statusCode).toBe(201);
    await (await as('audadmin')).post(`/api/privileged-requests/${first.json().id}/reject`);
    expect((await sec.get(`/api/accounts/${holder.id}`)).json()).toMatchObject({
      disabled: true,
      version: 2,
    });

    const second = await sec.post('/api/privileged-requests', {
      kind: 'account_enable',
      targetUserId: holder.id,
      reason: '复职，已核实',
    });
    const id: string = second.json().id;
    const approved = await (await as('audadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect((await sec.get(`/api/accounts/${holder.id}`)).json()).toMatchObject({
      disabled: false,
      version: 3,
    });
    const enables = await env.db
      .select({ detail: auditEvents.detail, actorName: auditEvents.actorName, changes: auditEvents.changes })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'accounts.enable'), eq(auditEvents.objectId, holder.id)));
    expect(enables).toEqual([
      {
        detail: `privileged request ${id}`,
        actorName: 'audadmin',
        changes: { disabled: { before: true, after: false } },
      },
    ]);
    expect((await auditActions(id)).map((e) => e.action)).toEqual([
      'privileged.request',
      'privileged.approve',
    ]);
  });
});
