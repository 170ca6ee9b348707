/**
 * The intake queue's batch (issue #7 §4): accept or return several applications in one request, all or
 * nothing, each through the one transition service (history, audit event, notification per application).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { applicationEvents, applications, auditEvents, notifications } from '../../db/schema';
import { appOf, setup, type Kit } from './test-kit';

let kit: Kit;
beforeAll(async () => {
  kit = await setup();
});
afterAll(() => kit.env.close());

const batch = (body: unknown, c = kit.c.committee) => c.post('/api/applications/batch', body);

async function statusesOf(ids: string[]) {
  const rows = await kit.env.db
    .select({ id: applications.id, status: applications.status, version: applications.version })
    .from(applications)
    .where(inArray(applications.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, `${r.status}@${r.version}`]));
}

/** Rows the batch writes besides the applications: to compare before and after a refusal. */
async function written() {
  const [[e], [a], [n]] = await Promise.all([
    kit.env.db.select({ n: count() }).from(applicationEvents),
    kit.env.db.select({ n: count() }).from(auditEvents),
    kit.env.db.select({ n: count() }).from(notifications),
  ]);
  return { events: e!.n, audit: a!.n, notifications: n!.n };
}

async function recommended(n: number, unit: 'A' | 'B' = 'A') {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await appOf(kit, await kit.branch(unit), { status: 'recommended' }));
  return out;
}

describe('POST /api/applications/batch', () => {
  it('accepts three recommended applications of two units, each with its history, audit event and notice', async () => {
    const apps = [...(await recommended(2, 'A')), ...(await recommended(1, 'B'))];
    const before = await written();
    const res = await batch({ action: 'accept', items: apps.map((a) => ({ id: a.id, version: 1 })) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.action).toBe('accept');
    expect(
      body.applications.map((a: { id: string; status: string; version: number }) => [
        a.id,
        a.status,
        a.version,
      ]),
    ).toEqual(apps.map((a) => [a.id, 'accepted', 2]));
    expect(await statusesOf(apps.map((a) => a.id))).toEqual(
      Object.fromEntries(apps.map((a) => [a.id, 'accepted@2'])),
    );
    const after = await written();
    expect(after.events - before.events).toBe(3);
    expect(after.audit - before.audit).toBe(3);
    // The unit admin of A is told of its two, B's of its one (the branches have no accounts).
    expect(after.notifications - before.notifications).toBe(3);
    const audits = await kit.env.db
      .select({ action: auditEvents.action, objectId: auditEvents.objectId })
      .from(auditEvents)
      .where(
        inArray(
          auditEvents.objectId,
          apps.map((a) => a.id),
        ),
      );
    expect(audits.map((a) => a.action).sort()).toEqual(Array(3).fill('applications.accept'));
  });

  it('returns several with one reason, which every application records', async () => {
    const apps = await recommended(2);
    const res = await batch({
      action: 'return',
      reason: '佐证材料缺少照片',
      items: apps.map((a) => ({ id: a.id, version: 1 })),
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await kit.env.db
      .select({ status: applications.status, reason: applications.returnedReason })
      .from(applications)
      .where(
        inArray(
          applications.id,
          apps.map((a) => a.id),
        ),
      );
    expect(rows).toEqual([
      { status: 'returned', reason: '佐证材料缺少照片' },
      { status: 'returned', reason: '佐证材料缺少照片' },
    ]);
    const events = await kit.env.db
      .select({ reason: applicationEvents.reason, to: applicationEvents.toStatus })
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, apps[1]!.id));
    expect(events).toEqual([{ reason: '佐证材料缺少照片', to: 'returned' }]);
  });

  it('refuses the whole batch when one item cannot move, names it, and writes nothing', async () => {
    const ok = await recommended(2);
    const draft = await appOf(kit, await kit.branch('A'), { status: 'draft' });
    const stale = (await recommended(1))[0]!;
    const ids = [ok[0]!.id, draft.id, ok[1]!.id, stale.id];
    const before = await written();
    const res = await batch({
      action: 'accept',
      items: [
        { id: ok[0]!.id, version: 1 },
        { id: draft.id, version: 1 },
        { id: ok[1]!.id, version: 1 },
        { id: stale.id, version: 7 },
      ],
    });
    expect(res.statusCode, res.body).toBe(409);
    const err = res.json().error;
    expect(err.code).toBe('BATCH_REFUSED');
    expect(err.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['items.1', 'wrong_status'],
      ['items.3', 'version_conflict'],
    ]);
    expect(err.details[0].message).toMatch(/^第 2 项（测试党支部\d+）：/);
    expect(err.details[1].message).toMatch(/^第 4 项（测试党支部\d+）：该记录已被他人修改/);
    expect(await statusesOf(ids)).toEqual({
      [ok[0]!.id]: 'recommended@1',
      [draft.id]: 'draft@1',
      [ok[1]!.id]: 'recommended@1',
      [stale.id]: 'recommended@1',
    });
    expect(await written()).toEqual(before);
  });

  it('answers a bad body with field errors and writes nothing', async () => {
    const [a] = await recommended(1);
    const before = await written();
    const cases: [unknown, string][] = [
      [{ action: 'return', items: [{ id: a!.id, version: 1 }] }, 'reason'],
      [{ action: 'return', reason: '  ', items: [{ id: a!.id, version: 1 }] }, 'reason'],
      [{ action: 'accept', items: [] }, 'items'],
      [{ action: 'accept', items: Array.from({ length: 101 }, () => ({ id: a!.id, version: 1 })) }, 'items'],
      [{ action: 'recommend', items: [{ id: a!.id, version: 1 }] }, 'action'],
      [
        {
          action: 'accept',
          items: [
            { id: a!.id, version: 1 },
            { id: a!.id, version: 1 },
          ],
        },
        'items.1',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await batch(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await statusesOf([a!.id])).toEqual({ [a!.id]: 'recommended@1' });
    expect(await written()).toEqual(before);
  });

  it('is the committee’s only: a unit admin gets 403 (audited) and nothing moves', async () => {
    const [a] = await recommended(1);
    const res = await batch({ action: 'accept', items: [{ id: a!.id, version: 1 }] }, kit.c.unitA);
    expect(res.statusCode).toBe(403);
    expect(await statusesOf([a!.id])).toEqual({ [a!.id]: 'recommended@1' });
  });

  it('names an unknown id as not found without saying more', async () => {
    const [a] = await recommended(1);
    const res = await batch({
      action: 'accept',
      items: [
        { id: a!.id, version: 1 },
        { id: '00000000-0000-4000-8000-000000000000', version: 1 },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual([
      { field: 'items.1', code: 'not_found', message: '第 2 项：未找到该申报' },
    ]);
    expect(await statusesOf([a!.id])).toEqual({ [a!.id]: 'recommended@1' });
  });
});
