import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notifications } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { notify } from './service';

let env: TestEnv;
let users: Awaited<ReturnType<typeof seedUsers>>;
let appl: ReturnType<typeof client>;
let uadmin: ReturnType<typeof client>;

const msg = (n: number) => ({
  kind: 'test.message',
  titleZh: `消息${n}`,
  titleEn: `Message ${n}`,
  bodyZh: '正文',
  bodyEn: 'Body',
  link: `/x/${n}`,
});

beforeAll(async () => {
  env = await makeTestEnv();
  users = await seedUsers(env.db, await seedTree(env.db));
  appl = client(env.app, await login(env.app, 'appl'));
  uadmin = client(env.app, await login(env.app, 'uadmin'));
  for (const i of [1, 2, 3]) {
    await env.db.transaction((tx) =>
      notify(
        tx,
        [users.applicant.id, users.applicant.id],
        msg(i),
        new Date(env.clock.now.getTime() + i * 1000),
      ),
    );
  }
  await notify(env.db, [users.unit_admin.id], msg(9));
});
afterAll(() => env.close());

describe('notify', () => {
  it('puts one row per user, even when a user is named twice, and nothing for no users', async () => {
    const rows = await env.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, users.applicant.id));
    expect(rows).toHaveLength(3);
    expect(await notify(env.db, [], msg(0))).toBe(0);
  });
});

describe('the inbox', () => {
  it('lists only the caller’s own notifications, newest first, in both languages', async () => {
    const res = await appl.get('/api/notifications');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.items.map((n: { titleZh: string }) => n.titleZh)).toEqual(['消息3', '消息2', '消息1']);
    expect(body.items[0]).toMatchObject({
      kind: 'test.message',
      titleEn: 'Message 3',
      bodyZh: '正文',
      bodyEn: 'Body',
      link: '/x/3',
      createdAt: new Date(env.clock.now.getTime() + 3000).toISOString(),
      readAt: null,
    });
    const theirs = (await uadmin.get('/api/notifications')).json();
    expect(theirs.items.map((n: { titleZh: string }) => n.titleZh)).toEqual(['消息9']);
    expect((await client(env.app, null).get('/api/notifications')).statusCode).toBe(401);
  });

  it("answers 404 for someone else's notification and leaves it unread", async () => {
    const [other] = await env.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, users.unit_admin.id));
    const res = await appl.post(`/api/notifications/${other!.id}/read`);
    expect(res.statusCode).toBe(404);
    expect((await uadmin.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('counts unread, marks one read (keeping the first read time), then all', async () => {
    expect((await appl.get('/api/notifications/unread-count')).json()).toEqual({ count: 3 });
    const first = (await appl.get('/api/notifications')).json().items[0];
    const read = await appl.post(`/api/notifications/${first.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(env.clock.now.toISOString());
    env.clock.advance(60_000);
    expect((await appl.post(`/api/notifications/${first.id}/read`)).json().readAt).toBe(
      new Date(env.clock.now.getTime() - 60_000).toISOString(),
    );
    expect((await appl.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await appl.get('/api/notifications?unread=true')).json();
    expect(unread.items.map((n: { titleZh: string }) => n.titleZh)).toEqual(['消息2', '消息1']);
    expect((await appl.get('/api/notifications?unread=false')).json().total).toBe(1);

    expect((await appl.post('/api/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await appl.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await appl.post('/api/notifications/read-all')).json()).toEqual({ updated: 0 });
    // Another user's inbox is untouched.
    expect((await uadmin.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('pages and sorts by a whitelisted field only', async () => {
    const page = (await appl.get('/api/notifications?pageSize=2&page=2&sort=createdAt')).json();
    expect(page.total).toBe(3);
    expect(page.items.map((n: { titleZh: string }) => n.titleZh)).toEqual(['消息3']);
    expect((await appl.get('/api/notifications?sort=kind')).statusCode).toBe(400);
  });
});
