import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, users } from '../src/db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from './helpers';

/** Issue #9 §4 coverage: refused cross-site requests, 404s to a signed-in user, and 5xx answers are audited. */
let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let seeded: Awaited<ReturnType<typeof seedUsers>>;

beforeAll(async () => {
  env = await makeTestEnv(
    {},
    {
      routes: (app) =>
        app.get('/api/test/boom', { config: { policy: 'public' } }, async () => {
          throw new Error('database exploded at /srv/secret');
        }),
    },
  );
  tree = await seedTree(env.db);
  seeded = await seedUsers(env.db, tree);
});
afterAll(() => env.close());

const eventsOf = (action: string) =>
  env.db
    .select({
      actorId: auditEvents.actorId,
      outcome: auditEvents.outcome,
      objectId: auditEvents.objectId,
      detail: auditEvents.detail,
      requestId: auditEvents.requestId,
    })
    .from(auditEvents)
    .where(eq(auditEvents.action, action));

describe('audit coverage of refusals and failures', () => {
  it('audits a mutation refused for CSRF (no header, or a foreign origin), and writes nothing else', async () => {
    const cookie = await login(env.app, 'cadmin');
    const noHeader = await env.app.inject({
      method: 'POST',
      url: '/api/accounts',
      payload: { username: 'csrf.victim', displayName: '甲', role: 'reviewer' },
      headers: { cookie, 'x-request-id': 'csrf-test-0001' },
    });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('CSRF_FAILED');
    const foreign = await env.app.inject({
      method: 'POST',
      url: '/api/accounts',
      payload: { username: 'csrf.victim', displayName: '甲', role: 'reviewer' },
      headers: {
        cookie,
        'x-shifan-csrf': '1',
        origin: 'https://evil.example',
        'x-request-id': 'csrf-test-0002',
      },
    });
    expect(foreign.statusCode).toBe(403);
    expect(await eventsOf('authz.csrf_refused')).toEqual([
      {
        actorId: seeded.committee_admin.id,
        outcome: 'denied',
        objectId: null,
        detail: 'POST /api/accounts; origin -',
        requestId: 'csrf-test-0001',
      },
      {
        actorId: seeded.committee_admin.id,
        outcome: 'denied',
        objectId: null,
        detail: 'POST /api/accounts; origin https://evil.example',
        requestId: 'csrf-test-0002',
      },
    ]);
    expect(await env.db.select().from(users).where(eq(users.username, 'csrf.victim'))).toEqual([]);
  });

  it('audits an out-of-scope 404 with the object asked for; an unknown path or an anonymous 404 is not', async () => {
    const uadmin = client(env.app, await login(env.app, 'uadmin'));
    const res = await uadmin.get(`/api/organizations/${tree.b1.id}`, { 'x-request-id': 'scope-test-0001' });
    expect(res.statusCode).toBe(404);
    expect(await uadmin.get('/api/no-such-thing')).toMatchObject({ statusCode: 404 });
    expect(await eventsOf('authz.not_found')).toEqual([
      {
        actorId: seeded.unit_admin.id,
        outcome: 'denied',
        objectId: tree.b1.id,
        detail: `GET /api/organizations/:id; id=${tree.b1.id}`,
        requestId: 'scope-test-0001',
      },
    ]);
  });

  it('audits a 5xx answer with the route only (no error text), and answers the generic error', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/test/boom',
      headers: { 'x-request-id': 'boom-0001' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.body).not.toContain('exploded');
    expect(await eventsOf('system.error')).toEqual([
      {
        actorId: null,
        outcome: 'failure',
        objectId: null,
        detail: 'GET /api/test/boom',
        requestId: 'boom-0001',
      },
    ]);
  });
});
