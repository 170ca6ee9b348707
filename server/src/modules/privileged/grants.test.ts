/**
 * Administrator roles under four-eyes (issue #9 §3, AC-08): an administrator account is created, or an
 * administrator role given, only by a request of one administrator approved by another of a different
 * role with authority over the accounts concerned. Direct attempts answer 403 FOUR_EYES_REQUIRED, are
 * audited (authz.four_eyes_refused) and write nothing; no account moves from one of the three duties to
 * another; a request not decided within 72 hours expires.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, privilegedRequests, sessions, users } from '../../db/schema';
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
let u: Awaited<ReturnType<typeof seedUsers>>;
let tree: Awaited<ReturnType<typeof seedTree>>;
beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  u = await seedUsers(env.db, tree);
  await insertUser(env.db, { username: 'secadmin2', role: 'security_admin' });
});
afterAll(() => env.close());

const as = async (username: string) => client(env.app, await login(env.app, username));
type Res = {
  statusCode: number;
  json(): { error: { code: string; details?: { field: string; code: string }[] } };
};
const refusal = (res: Res) => [
  res.statusCode,
  res.json().error.code,
  ...(res.json().error.details ?? []).map((d) => `${d.field}:${d.code}`),
];

async function requestEvents(objectId: string) {
  return (
    await env.db
      .select({ action: auditEvents.action, outcome: auditEvents.outcome, detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.objectType, 'privileged_request'), eq(auditEvents.objectId, objectId)))
      .orderBy(auditEvents.id)
  ).map((e) => [e.action, e.outcome, e.detail]);
}

/** What a refusal must leave as it was: the accounts, the requests, and the audit trail but for its event. */
async function snapshot() {
  const [accounts, requests, events] = await Promise.all([
    env.db.select().from(users).orderBy(users.id),
    env.db.select().from(privilegedRequests).orderBy(privilegedRequests.id),
    env.db.select({ action: auditEvents.action }).from(auditEvents),
  ]);
  // A login of the approver's own (the test signs in) touches its last-login time only.
  const kept = accounts.map(({ lastLoginAt: _login, ...a }) => a);
  return { accounts: JSON.stringify(kept), requests: JSON.stringify(requests), events: events.length };
}

describe('creating an administrator account (account_create)', () => {
  it('is refused alone (audited, nothing written), asked, refused to the same administrator and role, and made on another role’s approval', async () => {
    const sec = await as('secadmin');
    const before = await snapshot();
    const direct = await sec.post('/api/accounts', {
      username: 'cadmin.new',
      displayName: '新工委管理员',
      role: 'committee_admin',
    });
    expect(refusal(direct)).toEqual([403, 'FOUR_EYES_REQUIRED', 'id:approval_required:account_create']);
    expect(direct.json().error.message).toBeTruthy();
    const after = await snapshot();
    expect([after.accounts, after.requests, after.events]).toEqual([
      before.accounts,
      before.requests,
      before.events + 1,
    ]);
    const [refused] = await env.db
      .select({ outcome: auditEvents.outcome, detail: auditEvents.detail, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'authz.four_eyes_refused'));
    expect(refused).toEqual({
      outcome: 'denied',
      detail: 'POST /api/accounts; approval_required:account_create',
      actorName: 'secadmin',
    });

    const body = {
      kind: 'account_create',
      username: 'ＣＡＤＭＩＮ.new',
      displayName: '新工委管理员',
      email: 'New@Example.org',
      role: 'committee_admin',
      reason: '新任工委管理员',
    };
    const asked = await sec.post('/api/privileged-requests', body);
    expect(asked.statusCode).toBe(201);
    const id: string = asked.json().id;
    expect(asked.json()).toMatchObject({
      kind: 'account_create',
      state: 'pending',
      target: { id: null, username: 'cadmin.new', displayName: '新工委管理员' },
      role: 'committee_admin',
      organization: null,
      requestedRole: 'security_admin',
    });
    // One pending creation per name; a taken name is refused when asked.
    expect(refusal(await sec.post('/api/privileged-requests', body))).toEqual([
      409,
      'DUPLICATE',
      'username:pending',
    ]);
    expect(refusal(await sec.post('/api/privileged-requests', { ...body, username: 'cadmin' }))).toEqual([
      409,
      'DUPLICATE',
      'username:duplicate',
    ]);
    // Fields the kind does not take, and the ones it needs.
    expect(
      refusal(
        await sec.post('/api/privileged-requests', { ...body, username: 'x.y', targetUserId: u.reviewer.id }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED', 'targetUserId:not_allowed']);
    expect(
      refusal(
        await sec.post('/api/privileged-requests', {
          kind: 'account_create',
          reason: 'x',
          username: 'x.y',
          displayName: 'x',
        }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED', 'role:required']);
    // A role that needs no approval is made directly.
    expect(
      refusal(await sec.post('/api/privileged-requests', { ...body, username: 'rev.new', role: 'reviewer' })),
    ).toEqual([409, 'CONFLICT', 'role:not_privileged']);

    const pending = await snapshot();
    for (const who of ['secadmin', 'secadmin2']) {
      const res = await (await as(who)).post(`/api/privileged-requests/${id}/approve`);
      expect([who, ...refusal(res)]).toEqual([who, 403, 'FOUR_EYES_REQUIRED']);
    }
    const refused2 = await snapshot();
    expect([refused2.accounts, refused2.requests]).toEqual([pending.accounts, pending.requests]);

    const approved = await (await as('cadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    const otp: string = approved.json().oneTimePassword;
    expect(otp).toMatch(/^\S{12,}$/);
    const [made] = await env.db.select().from(users).where(eq(users.username, 'cadmin.new'));
    expect(made).toMatchObject({
      role: 'committee_admin',
      email: 'new@example.org',
      mustChangePassword: true,
      organizationId: null,
    });
    expect(approved.json()).toMatchObject({
      state: 'approved',
      target: { id: made!.id, username: 'cadmin.new' },
      decidedBy: { username: 'cadmin' },
    });
    const fresh = await client(env.app, null).post('/api/auth/login', {
      username: 'cadmin.new',
      password: otp,
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user).toMatchObject({ mustChangePassword: true });
    expect(JSON.stringify((await sec.get('/api/privileged-requests')).json())).not.toContain(otp);
    expect(JSON.stringify(await env.db.select().from(auditEvents))).not.toContain(otp);

    expect(await requestEvents(id)).toEqual([
      ['privileged.request', 'success', 'account_create (committee_admin) for cadmin.new: 新任工委管理员'],
      ['privileged.approve', 'denied', 'same administrator'],
      ['privileged.approve', 'denied', 'same role'],
      ['privileged.approve', 'success', 'account_create (committee_admin) for cadmin.new, asked by secadmin'],
    ]);
    const created = await env.db
      .select({ detail: auditEvents.detail, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'accounts.create'), eq(auditEvents.objectId, made!.id)));
    expect(created).toEqual([{ detail: `privileged request ${id}`, actorName: 'cadmin' }]);
    // Decided once.
    expect((await (await as('audadmin')).post(`/api/privileged-requests/${id}/approve`)).statusCode).toBe(
      409,
    );
  });

  it('makes nothing when rejected', async () => {
    const asked = await (
      await as('cadmin')
    ).post('/api/privileged-requests', {
      kind: 'account_create',
      username: 'ua.rejected',
      displayName: '被驳回',
      role: 'unit_admin',
      organizationId: tree.unitB.id,
      reason: '新任',
    });
    expect(asked.json()).toMatchObject({ organization: { id: tree.unitB.id } });
    const rejected = await (await as('audadmin')).post(`/api/privileged-requests/${asked.json().id}/reject`);
    expect(rejected.json()).toMatchObject({ state: 'rejected', target: { id: null } });
    expect(await env.db.select().from(users).where(eq(users.username, 'ua.rejected'))).toEqual([]);
    // The audit trail names the request by the account asked for.
    const trail = await (
      await as('audadmin')
    ).get(`/api/audit-events?objectType=privileged_request&objectId=${asked.json().id}`);
    const items = trail.json().items as { action: string; names: Record<string, string> }[];
    expect(items.map((e) => [e.action, e.names[asked.json().id]])).toEqual([
      ['privileged.reject', '被驳回（ua.rejected）'],
      ['privileged.request', '被驳回（ua.rejected）'],
    ]);
  });
});

describe('giving an account an administrator role (role_grant)', () => {
  it('is refused alone (audited, nothing written); a unit admin may not approve it; another role approves and the holder is told', async () => {
    const holder = await insertUser(env.db, {
      username: 'appl.grant',
      role: 'applicant',
      organizationId: tree.a1.id,
      unitId: tree.unitA.id,
    });
    const holderSession = client(env.app, await login(env.app, 'appl.grant'));
    const cad = await as('cadmin');
    const before = await snapshot();
    const direct = await cad.patch(`/api/accounts/${holder.id}`, {
      role: 'unit_admin',
      organizationId: tree.unitA.id,
      version: holder.version,
    });
    expect(refusal(direct)).toEqual([403, 'FOUR_EYES_REQUIRED', 'id:approval_required:role_grant']);
    const after = await snapshot();
    expect([after.accounts, after.requests, after.events]).toEqual([
      before.accounts,
      before.requests,
      before.events + 1,
    ]);
    const [refused] = await env.db
      .select({ objectId: auditEvents.objectId, detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'authz.four_eyes_refused'), eq(auditEvents.objectId, holder.id)));
    expect(refused).toEqual({
      objectId: holder.id,
      detail: 'PATCH /api/accounts/:id; approval_required:role_grant',
    });

    const asked = await cad.post('/api/privileged-requests', {
      kind: 'role_grant',
      targetUserId: holder.id,
      role: 'unit_admin',
      organizationId: tree.unitA.id,
      reason: '任命为直属党组织管理员',
    });
    expect(asked.statusCode).toBe(201);
    const id: string = asked.json().id;
    expect(asked.json()).toMatchObject({
      target: { id: holder.id },
      role: 'unit_admin',
      organization: { id: tree.unitA.id },
    });
    expect(
      refusal(
        await cad.post('/api/privileged-requests', {
          kind: 'role_grant',
          targetUserId: holder.id,
          role: 'unit_admin',
          organizationId: tree.unitA.id,
          reason: '再次',
        }),
      ),
    ).toEqual([409, 'DUPLICATE', 'targetUserId:pending']);

    // The unit admin of unit A sees the request (its unit) but has no authority over unit admins.
    const pending = await snapshot();
    const unit = await (await as('uadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(refusal(unit)).toEqual([403, 'FOUR_EYES_REQUIRED']);
    const refused2 = await snapshot();
    expect([refused2.accounts, refused2.requests]).toEqual([pending.accounts, pending.requests]);
    expect((await holderSession.get('/api/auth/me')).statusCode).toBe(200);

    const approved = await (await as('secadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).not.toHaveProperty('oneTimePassword');
    const [now] = await env.db.select().from(users).where(eq(users.id, holder.id));
    expect(now).toMatchObject({ role: 'unit_admin', organizationId: tree.unitA.id, unitId: tree.unitA.id });
    expect(await env.db.select().from(sessions).where(eq(sessions.userId, holder.id))).toEqual([]);
    const inbox = await env.db.select().from(notifications).where(eq(notifications.userId, holder.id));
    expect(inbox.map((n) => [n.kind, n.titleZh])).toEqual([
      ['account.role_granted', '您的账号被授予了管理员角色'],
    ]);
    expect(await requestEvents(id)).toEqual([
      ['privileged.request', 'success', 'role_grant (unit_admin) for appl.grant: 任命为直属党组织管理员'],
      ['privileged.approve', 'denied', 'no authority'],
      ['privileged.approve', 'success', 'role_grant (unit_admin) for appl.grant, asked by cadmin'],
    ]);
    const [granted] = await env.db
      .select({ detail: auditEvents.detail, changes: auditEvents.changes, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'accounts.role_grant'), eq(auditEvents.objectId, holder.id)));
    expect(granted).toEqual({
      detail: `privileged request ${id}; sessions ended: 1`,
      changes: {
        role: { before: 'applicant', after: 'unit_admin' },
        organizationId: { before: tree.a1.id, after: tree.unitA.id },
      },
      actorName: 'secadmin',
    });
  });

  it('never moves an account from one of the three duties to another (409 two_duties), asked or direct', async () => {
    const sec2 = await env.db.select().from(users).where(eq(users.username, 'secadmin2'));
    const sec = await as('secadmin');
    const before = await snapshot();
    for (const role of ['audit_admin', 'committee_admin']) {
      const direct = await sec.patch(`/api/accounts/${sec2[0]!.id}`, { role, version: sec2[0]!.version });
      expect(refusal(direct)).toEqual([409, 'CONFLICT', 'role:two_duties']);
      const asked = await sec.post('/api/privileged-requests', {
        kind: 'role_grant',
        targetUserId: sec2[0]!.id,
        role,
        reason: '转岗',
      });
      expect(refusal(asked)).toEqual([409, 'CONFLICT', 'role:two_duties']);
    }
    const after = await snapshot();
    // Nothing changed but the audit trail: each refused move left one event naming the account and the role.
    expect({ ...after, events: after.events - 4 }).toEqual(before);
    const refused = await env.db
      .select({ objectId: auditEvents.objectId, outcome: auditEvents.outcome, detail: auditEvents.detail })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'authz.two_duties_refused'))
      .orderBy(auditEvents.seq);
    expect(refused).toEqual([
      { objectId: sec2[0]!.id, outcome: 'denied', detail: 'PATCH /api/accounts/:id; role audit_admin' },
      { objectId: sec2[0]!.id, outcome: 'denied', detail: 'POST /api/privileged-requests; role audit_admin' },
      { objectId: sec2[0]!.id, outcome: 'denied', detail: 'PATCH /api/accounts/:id; role committee_admin' },
      {
        objectId: sec2[0]!.id,
        outcome: 'denied',
        detail: 'POST /api/privileged-requests; role committee_admin',
      },
    ]);
    // Taking the duty away stays direct; a grant of the role it holds there is no grant.
    expect(
      refusal(
        await sec.post('/api/privileged-requests', {
          kind: 'role_grant',
          targetUserId: sec2[0]!.id,
          role: 'security_admin',
          reason: '重复',
        }),
      ),
    ).toEqual([409, 'CONFLICT', 'role:not_a_grant']);
  });
});

describe('who approves: a different duty with authority over the account concerned', () => {
  it('refuses a unit admin about its peer unit admin, lets the audit admin approve; a unit admin still decides about its applicants', async () => {
    const peer = await insertUser(env.db, {
      username: 'uadmin.peer',
      role: 'unit_admin',
      organizationId: tree.unitA.id,
      unitId: tree.unitA.id,
    });
    const asked = await (
      await as('cadmin')
    ).post('/api/privileged-requests', { kind: 'password_reset', targetUserId: peer.id, reason: '忘记密码' });
    expect(asked.statusCode).toBe(201);
    const id: string = asked.json().id;
    const before = await snapshot();
    const unit = await (await as('uadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(refusal(unit)).toEqual([403, 'FOUR_EYES_REQUIRED']);
    const after = await snapshot();
    expect([after.accounts, after.requests]).toEqual([before.accounts, before.requests]);
    const approved = await (await as('audadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect((await requestEvents(id)).map((e) => e.slice(0, 3))).toEqual([
      ['privileged.request', 'success', 'password_reset for uadmin.peer: 忘记密码'],
      ['privileged.approve', 'denied', 'no authority'],
      ['privileged.approve', 'success', 'password_reset for uadmin.peer, asked by cadmin'],
    ]);

    const applicant = await insertUser(env.db, {
      username: 'appl.phone',
      role: 'applicant',
      organizationId: tree.a1.id,
      unitId: tree.unitA.id,
    });
    await enrolSecondFactor(env.app, await login(env.app, 'appl.phone'), env.clock.now);
    const lost = await (
      await as('cadmin')
    ).post('/api/privileged-requests', {
      kind: 'second_factor_reset',
      targetUserId: applicant.id,
      reason: '手机丢失',
    });
    const byUnit = await (await as('uadmin')).post(`/api/privileged-requests/${lost.json().id}/approve`);
    expect(byUnit.json()).toMatchObject({ state: 'approved', decidedBy: { username: 'uadmin' } });
  });
});

describe('expiry', () => {
  it('a request not decided within 72 hours expires: approval answers 409 expired, it is listed as expired, and may be asked again', async () => {
    const holder = await insertUser(env.db, { username: 'cadmin.late', role: 'committee_admin' });
    const sec = await as('secadmin');
    const first = await sec.post('/api/privileged-requests', {
      kind: 'password_reset',
      targetUserId: holder.id,
      reason: '忘记密码',
    });
    const id: string = first.json().id;
    env.clock.advance(72 * 3600_000 - 1000);
    const ids = async (state: string) =>
      (
        (await (await as('audadmin')).get(`/api/privileged-requests?state=${state}`)).json().items as {
          id: string;
        }[]
      ).map((r) => r.id);
    expect(await ids('pending')).toContain(id);
    env.clock.advance(1000);
    expect(await ids('pending')).not.toContain(id);
    expect(await ids('expired')).toContain(id);

    const late = await (await as('audadmin')).post(`/api/privileged-requests/${id}/approve`);
    expect(refusal(late)).toEqual([409, 'CONFLICT', 'id:expired']);
    const [row] = await env.db.select().from(privilegedRequests).where(eq(privilegedRequests.id, id));
    expect(row).toMatchObject({ state: 'expired', decidedBy: null });
    expect(
      await env.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'accounts.reset_password'), eq(auditEvents.objectId, holder.id))),
    ).toEqual([]);
    expect(refusal(await (await as('audadmin')).post(`/api/privileged-requests/${id}/reject`))).toEqual([
      409,
      'CONFLICT',
      'id:expired',
    ]);

    // Asked again: allowed, and a stale pending request of the same kind is expired on the way.
    const holder2 = await insertUser(env.db, { username: 'cadmin.late2', role: 'committee_admin' });
    const stale = await (
      await as('secadmin')
    ).post('/api/privileged-requests', {
      kind: 'password_reset',
      targetUserId: holder2.id,
      reason: '第一次',
    });
    env.clock.advance(72 * 3600_000);
    const again = await (
      await as('secadmin')
    ).post('/api/privileged-requests', {
      kind: 'password_reset',
      targetUserId: holder2.id,
      reason: '第二次',
    });
    expect(again.statusCode).toBe(201);
    const states = await env.db
      .select({ id: privilegedRequests.id, state: privilegedRequests.state })
      .from(privilegedRequests)
      .where(inArray(privilegedRequests.id, [stale.json().id, again.json().id]));
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
      [stale.json().id]: 'expired',
      [again.json().id]: 'pending',
    });
    expect(await requestEvents(stale.json().id)).toEqual([
      ['privileged.request', 'success', 'password_reset for cadmin.late2: 第一次'],
      ['privileged.expire', 'success', 'password_reset: not decided within 72 h'],
    ]);
    expect(await requestEvents(id)).toEqual([
      ['privileged.request', 'success', 'password_reset for cadmin.late: 忘记密码'],
      ['privileged.expire', 'success', 'password_reset: not decided within 72 h'],
    ]);
  });
});
