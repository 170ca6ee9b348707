import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents, reviewerProfiles, users } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let committee: ReturnType<typeof client>;

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  committee = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

const counts = async () => ({
  users: (await env.db.select({ n: count() }).from(users))[0]!.n,
  profiles: (await env.db.select({ n: count() }).from(reviewerProfiles))[0]!.n,
  events: (await env.db.select({ n: count() }).from(auditEvents))[0]!.n,
});

describe('expert pool', () => {
  it('creates a reviewer account with its profile in one go; the one-time password works once', async () => {
    const res = await committee.post('/api/reviewers', {
      username: 'Expert.Wang',
      displayName: '王教授',
      affiliationOrgId: tree.a1.id,
      title: '教授',
      expertise: ['基层党建', ' 基层党建 ', '廉政'],
    });
    expect(res.statusCode).toBe(201);
    const { reviewer, oneTimePassword } = res.json();
    expect(reviewer).toMatchObject({
      username: 'expert.wang',
      displayName: '王教授',
      affiliationOrgId: tree.a1.id,
      affiliationOrgName: '市水务局排水五所党支部',
      affiliationUnitId: tree.unitA.id,
      externalAffiliation: null,
      title: '教授',
      expertise: ['基层党建', '廉政'],
      available: true,
      version: 1,
    });
    expect(oneTimePassword).toMatch(/.{8,}/);
    const [u] = await env.db.select().from(users).where(eq(users.id, reviewer.id));
    expect(u).toMatchObject({ role: 'reviewer', organizationId: null, mustChangePassword: true });
    const [p] = await env.db.select().from(reviewerProfiles).where(eq(reviewerProfiles.userId, reviewer.id));
    expect(p!.affiliationPath).toBe(tree.a1.path);
    const events = await env.db.select().from(auditEvents).where(eq(auditEvents.objectId, reviewer.id));
    expect(events.map((e) => e.action).sort()).toEqual(['accounts.create', 'reviewers.create']);
    const me = await login(env.app, 'expert.wang', oneTimePassword);
    expect((await client(env.app, me).get('/api/auth/me')).json().user).toMatchObject({
      mustChangePassword: true,
    });
  });

  it('refuses a duplicate username, both affiliations, an unknown organisation: nothing written', async () => {
    await committee.post('/api/reviewers', {
      username: 'dup01',
      displayName: '甲',
      externalAffiliation: '天津大学',
    });
    const before = await counts();
    const dup = await committee.post('/api/reviewers', { username: 'DUP01', displayName: '乙' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    const both = await committee.post('/api/reviewers', {
      username: 'both01',
      displayName: '丙',
      affiliationOrgId: tree.a1.id,
      externalAffiliation: '天津大学',
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details[0]).toMatchObject({ field: 'externalAffiliation', code: 'both' });
    const unknown = await committee.post(
      '/api/reviewers',
      { username: 'unk01', displayName: '丁', affiliationOrgId: crypto.randomUUID() },
      { 'accept-language': 'en' },
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({
      field: 'affiliationOrgId',
      message: 'No such active organisation',
    });
    expect(await counts()).toEqual(before);
  });

  it('updates a profile at its version (a reviewer made elsewhere gets one), refuses a stale version', async () => {
    const rev = (await env.db.select().from(users).where(eq(users.username, 'rev')))[0]!;
    const first = await committee.patch(`/api/reviewers/${rev.id}`, {
      version: 1,
      externalAffiliation: '市委党校',
      expertise: ['党史'],
      available: false,
      availabilityNote: '出差至月底',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      externalAffiliation: '市委党校',
      expertise: ['党史'],
      available: false,
      version: 2,
    });
    const before = await counts();
    const stale = await committee.patch(`/api/reviewers/${rev.id}`, { version: 1, title: '讲师' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    expect(await counts()).toEqual(before);
    const [e] = await env.db.select().from(auditEvents).where(eq(auditEvents.action, 'reviewers.update'));
    expect(e!.changes).toMatchObject({ available: { before: true, after: false } });
  });

  it('lists and filters the pool', async () => {
    const byTag = (await committee.get('/api/reviewers?tag=%E5%BB%89%E6%94%BF')).json();
    expect(byTag.items.map((r: { username: string }) => r.username)).toEqual(['expert.wang']);
    const unavailable = (await committee.get('/api/reviewers?available=false')).json();
    expect(unavailable.items.map((r: { username: string }) => r.username)).toEqual(['rev']);
    const search = (await committee.get('/api/reviewers?q=%E5%A4%A9%E6%B4%A5')).json();
    expect(search.items.map((r: { username: string }) => r.username)).toEqual(['dup01']);
    expect((await committee.get(`/api/reviewers/${tree.a1.id}`)).statusCode).toBe(404);
  });
});
