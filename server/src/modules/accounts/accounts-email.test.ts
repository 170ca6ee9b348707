import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, users } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';

let env: TestEnv;
let cadmin: ReturnType<typeof client>;

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  cadmin = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

const storedEmail = async (id: string) =>
  (await env.db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0]?.email;
const auditOf = (id: string, action: string) =>
  env.db
    .select({ changes: auditEvents.changes })
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));

describe('an account’s e-mail address', () => {
  it('is stored trimmed and lower-cased, answered, listed, and audited masked', async () => {
    const res = await cadmin.post('/api/accounts', {
      username: 'mail.wang',
      displayName: '王建华',
      role: 'reviewer',
      email: '  WangJianHua@Example.ORG ',
    });
    expect(res.statusCode).toBe(201);
    const id: string = res.json().account.id;
    expect(res.json().account.email).toBe('wangjianhua@example.org');
    expect(await storedEmail(id)).toBe('wangjianhua@example.org');

    const list = await cadmin.get('/api/accounts?q=mail.wang');
    expect(
      list.json().items.map((a: { username: string; email: string | null }) => [a.username, a.email]),
    ).toEqual([['mail.wang', 'wangjianhua@example.org']]);
    expect((await cadmin.get(`/api/accounts/${id}`)).json().email).toBe('wangjianhua@example.org');

    const [created] = await auditOf(id, 'accounts.create');
    expect(created!.changes).toMatchObject({ email: { before: null, after: 'w***@example.org' } });
    expect(JSON.stringify(await env.db.select().from(auditEvents))).not.toContain('wangjianhua@');
  });

  it('is null when none is given', async () => {
    const res = await cadmin.post('/api/accounts', {
      username: 'mail.none',
      displayName: '无邮箱',
      role: 'reviewer',
      email: '',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().account.email).toBeNull();
    const plain = await cadmin.post('/api/accounts', {
      username: 'mail.none2',
      displayName: '无邮箱',
      role: 'reviewer',
    });
    expect(plain.json().account.email).toBeNull();
    expect(await storedEmail(plain.json().account.id)).toBeNull();
  });

  it('is changed, then cleared with null and with an empty string, each change audited masked', async () => {
    const id: string = (
      await cadmin.post('/api/accounts', {
        username: 'mail.zhao',
        displayName: '赵文静',
        role: 'reviewer',
        email: 'zhao@example.org',
      })
    ).json().account.id;
    const set = await cadmin.patch(`/api/accounts/${id}`, { email: 'ZhaoWenJing@Example.org', version: 1 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ email: 'zhaowenjing@example.org', version: 2 });

    const cleared = await cadmin.patch(`/api/accounts/${id}`, { email: null, version: 2 });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ email: null, version: 3 });
    expect(await storedEmail(id)).toBeNull();

    await cadmin.patch(`/api/accounts/${id}`, { email: 'zhao@example.org', version: 3 });
    const empty = await cadmin.patch(`/api/accounts/${id}`, { email: '', version: 4 });
    expect(empty.json()).toMatchObject({ email: null, version: 5 });

    const events = await auditOf(id, 'accounts.update');
    expect(events.map((e) => e.changes)).toEqual([
      { email: { before: 'z***@example.org', after: 'z***@example.org' } },
      { email: { before: 'z***@example.org', after: null } },
      { email: { before: null, after: 'z***@example.org' } },
      { email: { before: 'z***@example.org', after: null } },
    ]);
  });

  it('refuses a bad address with a field error on email in both languages, writing nothing', async () => {
    const zh = await cadmin.post('/api/accounts', {
      username: 'mail.bad',
      displayName: '坏邮箱',
      role: 'reviewer',
      email: 'not-an-address',
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'email', code: 'invalid_format', message: '邮箱格式不正确' }],
    });
    expect(await env.db.select().from(users).where(eq(users.username, 'mail.bad'))).toEqual([]);

    const id: string = (await cadmin.get('/api/accounts?q=mail.none2')).json().items[0].id;
    const en = await cadmin.patch(
      `/api/accounts/${id}`,
      { email: 'wang@', version: 1 },
      { 'accept-language': 'en' },
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details).toEqual([
      { field: 'email', code: 'invalid_format', message: 'Not a valid e-mail address' },
    ]);
    expect(await storedEmail(id)).toBeNull();
    expect((await cadmin.get(`/api/accounts/${id}`)).json().version).toBe(1);
  });

  it('refuses an address longer than 254 characters', async () => {
    const res = await cadmin.post('/api/accounts', {
      username: 'mail.long',
      displayName: '长邮箱',
      role: 'reviewer',
      email: `${'a'.repeat(64)}@${'b'.repeat(190)}.org`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'email', code: 'too_big', message: '不能超过 254（长度或数值）' },
    ]);
  });
});
