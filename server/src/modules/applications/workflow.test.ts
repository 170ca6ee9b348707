import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { applicationEvents, applications, auditEvents, campaigns, notifications } from '../../db/schema';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import { recommendedOfUnit } from './repo';
import { appOf, idem, makeComplete, setCap, setup, type Client, type Kit } from './test-kit';

let kit: Kit;
beforeAll(async () => {
  kit = await setup();
});
afterAll(() => kit.env.close());

type Who = 'committee' | 'unitA' | 'applicant' | 'reviewer';
interface Case {
  name: string;
  who: Who;
  from: ApplicationStatus;
  action: 'submit' | 'recommend' | 'return' | 'accept' | 'withdraw';
  body?: Record<string, unknown>;
  complete?: boolean;
  /** The new status, or the error answer. */
  to?: ApplicationStatus;
  error?: { status: number; code: string; refusal?: string };
}

const rec = { opinion: '同意推荐', rank: 1 };
const CASES: Case[] = [
  {
    name: 'the unit submits a complete draft',
    who: 'unitA',
    from: 'draft',
    action: 'submit',
    complete: true,
    to: 'submitted',
  },
  {
    name: 'the applicant resubmits a returned one',
    who: 'applicant',
    from: 'returned',
    action: 'submit',
    complete: true,
    to: 'submitted',
  },
  {
    name: 'an incomplete draft is refused with its gaps',
    who: 'applicant',
    from: 'draft',
    action: 'submit',
    error: { status: 409, code: 'INCOMPLETE', refusal: 'incomplete' },
  },
  {
    name: 'a submitted one cannot be submitted again',
    who: 'applicant',
    from: 'submitted',
    action: 'submit',
    complete: true,
    error: { status: 409, code: 'TRANSITION_REFUSED', refusal: 'wrong_status' },
  },
  {
    name: 'the committee cannot submit',
    who: 'committee',
    from: 'draft',
    action: 'submit',
    complete: true,
    error: { status: 403, code: 'FORBIDDEN' },
  },
  {
    name: 'the unit recommends a submitted one',
    who: 'unitA',
    from: 'submitted',
    action: 'recommend',
    body: rec,
    to: 'recommended',
  },
  {
    name: 'a draft cannot be recommended',
    who: 'unitA',
    from: 'draft',
    action: 'recommend',
    body: rec,
    error: { status: 409, code: 'TRANSITION_REFUSED', refusal: 'wrong_status' },
  },
  {
    name: 'the applicant cannot recommend',
    who: 'applicant',
    from: 'submitted',
    action: 'recommend',
    body: rec,
    error: { status: 403, code: 'FORBIDDEN' },
  },
  {
    name: 'a recommendation needs an opinion',
    who: 'unitA',
    from: 'submitted',
    action: 'recommend',
    body: { rank: 1 },
    error: { status: 400, code: 'VALIDATION_FAILED' },
  },
  {
    name: 'the unit returns a submitted one',
    who: 'unitA',
    from: 'submitted',
    action: 'return',
    body: { reason: '材料不全' },
    to: 'returned',
  },
  {
    name: 'the committee returns a recommended one',
    who: 'committee',
    from: 'recommended',
    action: 'return',
    body: { reason: '佐证不足' },
    to: 'returned',
  },
  {
    name: 'the unit cannot return what the committee holds',
    who: 'unitA',
    from: 'recommended',
    action: 'return',
    body: { reason: 'x' },
    error: { status: 409, code: 'TRANSITION_REFUSED', refusal: 'role_not_allowed' },
  },
  {
    name: 'the committee cannot return what the unit holds',
    who: 'committee',
    from: 'submitted',
    action: 'return',
    body: { reason: 'x' },
    error: { status: 409, code: 'TRANSITION_REFUSED', refusal: 'role_not_allowed' },
  },
  {
    name: 'the applicant cannot return',
    who: 'applicant',
    from: 'submitted',
    action: 'return',
    body: { reason: 'x' },
    error: { status: 403, code: 'FORBIDDEN' },
  },
  {
    name: 'a return needs a reason',
    who: 'unitA',
    from: 'submitted',
    action: 'return',
    body: { reason: '   ' },
    error: { status: 400, code: 'VALIDATION_FAILED' },
  },
  {
    name: 'the committee accepts a recommended one',
    who: 'committee',
    from: 'recommended',
    action: 'accept',
    to: 'accepted',
  },
  {
    name: 'a submitted one cannot be accepted',
    who: 'committee',
    from: 'submitted',
    action: 'accept',
    error: { status: 409, code: 'TRANSITION_REFUSED', refusal: 'wrong_status' },
  },
  {
    name: 'the unit cannot accept',
    who: 'unitA',
    from: 'recommended',
    action: 'accept',
    error: { status: 403, code: 'FORBIDDEN' },
  },
  {
    name: 'a reviewer cannot accept',
    who: 'reviewer',
    from: 'recommended',
    action: 'accept',
    error: { status: 403, code: 'FORBIDDEN' },
  },
  ...(['draft', 'submitted', 'recommended', 'returned'] as const).map((from): Case => ({
    name: `the applicant withdraws a ${from} one`,
    who: 'applicant',
    from,
    action: 'withdraw',
    to: 'withdrawn',
  })),
  ...(['accepted', 'in_review', 'withdrawn'] as const).map((from): Case => ({
    name: `an ${from} one cannot be withdrawn`,
    who: 'applicant',
    from,
    action: 'withdraw',
    error: { status: 409, code: 'TRANSITION_REFUSED', refusal: 'wrong_status' },
  })),
];

async function clientFor(who: Who, org: { id: string; unitId: string | null }): Promise<Client> {
  if (who === 'applicant') return (await kit.applicantOf(org)).c;
  return kit.c[who];
}

async function post(c: Client, id: string, action: string, body: unknown = {}) {
  return c.post(`/api/applications/${id}/${action}`, body, action === 'submit' ? idem() : {});
}

describe('transitions (table)', () => {
  it.each(CASES)('$name', async (t) => {
    const org = await kit.branch('A');
    const app = await appOf(kit, org, { status: t.from, complete: t.complete });
    const res = await post(await clientFor(t.who, org), app.id, t.action, t.body);
    const [row] = await kit.env.db.select().from(applications).where(eq(applications.id, app.id));
    const events = await kit.env.db
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, app.id));
    if (t.to) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().application).toMatchObject({ id: app.id, status: t.to, version: 2 });
      expect(row!.status).toBe(t.to);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: t.action, fromStatus: t.from, toStatus: t.to });
      const audits = await kit.env.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, `applications.${t.action}`), eq(auditEvents.objectId, app.id)));
      expect(audits).toHaveLength(1);
      expect(audits[0]!.changes).toMatchObject({ status: { before: t.from, after: t.to } });
    } else {
      expect(res.statusCode, res.body).toBe(t.error!.status);
      expect(res.json().error.code).toBe(t.error!.code);
      if (t.error!.refusal) expect(res.json().error.refusal).toBe(t.error!.refusal);
      expect(row).toMatchObject({ status: t.from, version: 1 });
      expect(events).toEqual([]);
    }
  });
});

describe('guards', () => {
  it('lists the gaps of an incomplete submission in the answer', async () => {
    const app = await appOf(kit, await kit.branch('A'), { complete: true });
    await kit.env.db.update(applications).set({ summary: null }).where(eq(applications.id, app.id));
    const res = await post(kit.c.unitA, app.id, 'submit');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'INCOMPLETE',
      gaps: [{ kind: 'field', field: 'summary', criterionId: null, message: '未填写申报摘要' }],
      details: [{ field: 'summary', code: 'field', message: '未填写申报摘要' }],
    });
  });

  it('refuses recommendations beyond the unit’s cap, ranks beyond it and ranks already taken', async () => {
    const u = await kit.freshUnit();
    await setCap(kit, u.unit.id, 2);
    await appOf(kit, await u.branch(), { status: 'recommended', unitRank: 1 });
    const s1 = await appOf(kit, await u.branch(), { status: 'submitted' });
    const taken = await post(u.c, s1.id, 'recommend', { opinion: '同意', rank: 1 });
    expect(taken.json().error).toMatchObject({ code: 'TRANSITION_REFUSED', refusal: 'rank_taken' });
    const beyond = await post(u.c, s1.id, 'recommend', { opinion: '同意', rank: 3 });
    expect(beyond.json().error).toMatchObject({ code: 'TRANSITION_REFUSED', refusal: 'rank_out_of_range' });
    expect((await post(u.c, s1.id, 'recommend', { opinion: '同意', rank: 2 })).statusCode).toBe(200);
    const s2 = await appOf(kit, await u.branch(), { status: 'submitted' });
    const full = await post(u.c, s2.id, 'recommend', { opinion: '同意', rank: 2 });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({
      code: 'TRANSITION_REFUSED',
      refusal: 'cap_reached',
      details: [{ field: 'rank', code: 'cap_reached', message: '已达到本单位推荐名额上限' }],
    });
    // A returned recommendation frees its place and its rank.
    expect((await post(kit.c.committee, s1.id, 'return', { reason: '请补充材料' })).statusCode).toBe(200);
    expect((await post(u.c, s2.id, 'recommend', { opinion: '同意', rank: 2 })).statusCode).toBe(200);
  });

  it('refuses a stale version on submit with 409 VERSION_CONFLICT', async () => {
    const app = await appOf(kit, await kit.branch('A'), { complete: true });
    const res = await post(kit.c.unitA, app.id, 'submit', { version: 7 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
  });

  it('refuses every transition on another unit’s application with 404', async () => {
    const app = await appOf(kit, await kit.branch('B'), { status: 'submitted', complete: true });
    for (const [action, body] of [
      ['recommend', rec],
      ['return', { reason: 'x' }],
      ['withdraw', {}],
    ] as const) {
      expect((await post(kit.c.unitA, app.id, action, body)).statusCode).toBe(404);
      expect((await post(kit.c.applA, app.id, action, body)).statusCode).toBe(
        action === 'withdraw' ? 404 : 403,
      );
    }
    expect((await post(kit.c.applA, app.id, 'submit')).statusCode).toBe(404);
  });

  it('requires an Idempotency-Key on submit', async () => {
    const app = await appOf(kit, await kit.branch('A'), { complete: true });
    const res = await kit.c.unitA.post(`/api/applications/${app.id}/submit`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'headers.idempotency-key' });
  });

  it('audits the 403 of an applicant trying to return', async () => {
    const org = await kit.branch('A');
    const app = await appOf(kit, org, { status: 'submitted' });
    const { user, c } = await kit.applicantOf(org);
    expect((await post(c, app.id, 'return', { reason: 'x' })).statusCode).toBe(403);
    const denied = await kit.env.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'authz.denied'), eq(auditEvents.actorId, user.id)));
    expect(denied).toHaveLength(1);
    expect(denied[0]!.detail).toBe(
      'POST /api/applications/:id/return needs applications.recommend or applications.intake',
    );
  });
});

describe('abilities', () => {
  it('offers each role exactly the buttons it can use now', async () => {
    const org = await kit.branch('A');
    const submitted = await appOf(kit, org, { status: 'submitted' });
    const appl = (await kit.applicantOf(org)).c;
    const of = async (c: Client, id: string) => (await c.get(`/api/applications/${id}`)).json().abilities;
    expect(await of(kit.c.unitA, submitted.id)).toEqual({
      edit: false,
      submit: false,
      withdraw: true,
      recommend: true,
      return: true,
      accept: false,
    });
    expect(await of(appl, submitted.id)).toEqual({
      edit: false,
      submit: false,
      withdraw: true,
      recommend: false,
      return: false,
      accept: false,
    });
    const recommended = await appOf(kit, await kit.branch('A'), { status: 'recommended', unitRank: 9 });
    expect(await of(kit.c.committee, recommended.id)).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      recommend: false,
      return: true,
      accept: true,
    });
    const draft = await appOf(kit, await kit.branch('A'), { complete: true });
    expect(await of(kit.c.unitA, draft.id)).toMatchObject({ edit: true, submit: true });
  });
});

describe('history and notifications', () => {
  it('records every step with who, when, from, to and why, and notifies the organisation and the unit', async () => {
    const u = await kit.freshUnit();
    const org = await u.branch();
    const { user: applicant, c: appl } = await kit.applicantOf(org);
    const created = await appl.post('/api/applications', {
      campaignId: kit.campaign.id,
      trackCode: 'site',
      organizationId: org.id,
    });
    const id = created.json().id;
    const row = (await kit.env.db.select().from(applications).where(eq(applications.id, id)))[0]!;
    await makeComplete(kit.env.db, row);
    const steps: [Client, string, unknown][] = [
      [appl, 'submit', {}],
      [u.c, 'return', { reason: '请补充党员积分材料' }],
      [appl, 'submit', {}],
      [u.c, 'recommend', { opinion: '同意推荐，排第一', rank: 1 }],
      [kit.c.committee, 'accept', {}],
    ];
    for (const [c, action, body] of steps) {
      kit.env.clock.advance(60_000);
      const res = await post(c, id, action, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const detail = (await kit.c.committee.get(`/api/applications/${id}`)).json();
    const t0 = kit.env.clock.now.getTime() - 5 * 60_000;
    const at = (m: number) => new Date(t0 + m * 60_000).toISOString();
    expect(detail.history.map(({ id: _id, ...h }: { id: number }) => h)).toEqual([
      {
        at: at(0),
        actorName: applicant.username,
        role: 'applicant',
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
        reason: null,
      },
      {
        at: at(1),
        actorName: applicant.username,
        role: 'applicant',
        action: 'submit',
        fromStatus: 'draft',
        toStatus: 'submitted',
        reason: null,
      },
      {
        at: at(2),
        actorName: u.admin.username,
        role: 'unit_admin',
        action: 'return',
        fromStatus: 'submitted',
        toStatus: 'returned',
        reason: '请补充党员积分材料',
      },
      {
        at: at(3),
        actorName: applicant.username,
        role: 'applicant',
        action: 'submit',
        fromStatus: 'returned',
        toStatus: 'submitted',
        reason: null,
      },
      {
        at: at(4),
        actorName: u.admin.username,
        role: 'unit_admin',
        action: 'recommend',
        fromStatus: 'submitted',
        toStatus: 'recommended',
        reason: '同意推荐，排第一',
      },
      {
        at: at(5),
        actorName: 'cadmin',
        role: 'committee_admin',
        action: 'accept',
        fromStatus: 'recommended',
        toStatus: 'accepted',
        reason: null,
      },
    ]);
    expect(detail).toMatchObject({
      status: 'accepted',
      unitRank: 1,
      unitOpinion: '同意推荐，排第一',
      returnedReason: null,
      submittedAt: at(3),
      recommendedAt: at(4),
      acceptedAt: at(5),
      version: 6,
      updatedByName: 'cadmin',
    });

    const inbox = await kit.env.db.select().from(notifications).where(eq(notifications.userId, applicant.id));
    const byKind = Object.fromEntries(inbox.map((n) => [n.kind, n]));
    expect(Object.keys(byKind).sort()).toEqual([
      'application.accept',
      'application.recommend',
      'application.return',
    ]);
    expect(byKind['application.return']).toMatchObject({
      titleZh: '申报已退回：请补充党员积分材料',
      titleEn: 'Application returned: 请补充党员积分材料',
      link: `/applications/${id}`,
      createdAt: new Date(at(2)),
    });
    // The unit admin hears of the applicant's submissions and the committee's acceptance, not its own acts.
    const unitInbox = await kit.env.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, u.admin.id));
    expect(unitInbox.map((n) => n.kind).sort()).toEqual([
      'application.accept',
      'application.submit',
      'application.submit',
    ]);
  });
});

describe('idempotent submit', () => {
  it('answers a retry with the same key and payload from the first answer, with one transition', async () => {
    const app = await appOf(kit, await kit.branch('A'), { complete: true });
    const key = idem();
    const first = await kit.c.unitA.post(`/api/applications/${app.id}/submit`, {}, key);
    const again = await kit.c.unitA.post(`/api/applications/${app.id}/submit`, {}, key);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const events = await kit.env.db
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, app.id));
    expect(events).toHaveLength(1);
    const other = await kit.c.unitA.post(`/api/applications/${app.id}/submit`, { version: 1 }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('makes exactly one transition out of 20 concurrent identical submits', async () => {
    const app = await appOf(kit, await kit.branch('A'), { complete: true });
    const key = idem();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => kit.c.unitA.post(`/api/applications/${app.id}/submit`, {}, key)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const events = await kit.env.db
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, app.id));
    expect(events).toHaveLength(1);
    const [row] = await kit.env.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row).toMatchObject({ status: 'submitted', version: 2 });
  });

  it('lets a refused attempt be retried with the same key once the gap is filled', async () => {
    const app = await appOf(kit, await kit.branch('A'), { complete: true });
    await kit.env.db.update(applications).set({ brandName: null }).where(eq(applications.id, app.id));
    const key = idem();
    expect((await kit.c.unitA.post(`/api/applications/${app.id}/submit`, {}, key)).statusCode).toBe(409);
    await kit.env.db.update(applications).set({ brandName: '先锋' }).where(eq(applications.id, app.id));
    expect((await kit.c.unitA.post(`/api/applications/${app.id}/submit`, {}, key)).statusCode).toBe(200);
  });
});

describe('POST /api/applications/ranks', () => {
  it('reorders the unit’s recommended list in one go and refuses an order that is not exactly that list', async () => {
    const campaign = { campaignId: kit.campaign.id, trackCode: 'site' };
    const { rows } = await recommendedOfA();
    // The accepted ones keep their ranks; the others are ordered on the ranks left free.
    const ids = rows.filter((r) => r.status === 'recommended').map((r) => r.id);
    const locked = new Set(rows.filter((r) => r.status !== 'recommended').map((r) => r.unitRank));
    const free: number[] = [];
    for (let r = 1; free.length < ids.length; r++) if (!locked.has(r)) free.push(r);
    const reversed = [...ids].reverse();
    const res = await kit.c.unitA.post('/api/applications/ranks', { ...campaign, order: reversed });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual(reversed.map((id, i) => ({ id, unitRank: free[i] })));
    const missing = await kit.c.unitA.post('/api/applications/ranks', {
      ...campaign,
      order: reversed.slice(1),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0]).toMatchObject({ field: 'order', code: 'incomplete_order' });
    const foreign = await appOf(kit, await kit.branch('B'), { status: 'recommended', unitRank: 5 });
    const withForeign = await kit.c.unitA.post('/api/applications/ranks', {
      ...campaign,
      order: [...reversed, foreign.id],
    });
    expect(withForeign.statusCode).toBe(400);
    expect(withForeign.json().error.details[0]).toMatchObject({
      field: `order.${ids.length}`,
      code: 'not_recommended',
    });
    const after = await recommendedOfA();
    expect(after.rows.filter((r) => r.status === 'recommended').map((r) => [r.id, r.unitRank])).toEqual(
      reversed.map((id, i) => [id, free[i]]),
    );
  });

  it('refuses reordering after the recommendation deadline (409 DEADLINE_PASSED)', async () => {
    const deadline = kit.campaign.recommendationDeadline;
    await kit.env.db
      .update(campaigns)
      .set({ recommendationDeadline: new Date(kit.env.clock.now.getTime() - 1000) })
      .where(eq(campaigns.id, kit.campaign.id));
    try {
      const { rows } = await recommendedOfA();
      const res = await kit.c.unitA.post('/api/applications/ranks', {
        campaignId: kit.campaign.id,
        trackCode: 'site',
        order: rows.filter((r) => r.status === 'recommended').map((r) => r.id),
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('DEADLINE_PASSED');
    } finally {
      await kit.env.db
        .update(campaigns)
        .set({ recommendationDeadline: deadline })
        .where(eq(campaigns.id, kit.campaign.id));
    }
  });
});

async function recommendedOfA() {
  const rows = await recommendedOfUnit(kit.env.db, {
    campaignId: kit.campaign.id,
    trackCode: 'site',
    unitId: kit.tree.unitA.id,
  });
  return { rows };
}

describe('deadlines', () => {
  it('refuses a submission once the application window has closed (clock moved past it)', async () => {
    const app = await appOf(kit, await kit.branch('A'), { complete: true });
    kit.env.clock.advance(16 * 24 * 3600_000 + 1000);
    const c = await kit.as('uadmin');
    const res = await post(c, app.id, 'submit');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'DEADLINE_PASSED',
      refusal: 'deadline_passed',
      details: [{ field: 'deadline', code: 'deadline_passed', message: '已过截止时间' }],
    });
    const detail = (await c.get(`/api/applications/${app.id}`)).json();
    expect(detail).toMatchObject({ status: 'draft', abilities: { edit: true, submit: false } });
  });
});
