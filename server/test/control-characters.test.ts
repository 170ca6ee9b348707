/**
 * Defect 1 of the security review: a NUL byte (U+0000) gave a 500 or a dropped connection. Every text
 * input now refuses it with a 400 field error: the contracts' text helpers refuse control characters
 * (single-line fields all of them, multi-line text all but tab, line feed and carriage return), and a
 * global guard refuses NUL in any query, params, JSON body or multipart field, name or file name, so a
 * route whose contract uses a plain `z.string()` is covered too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, cultivationNotes, organizations, users, venues } from '../src/db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from './helpers';
import { seedOpenCampaign } from './campaign-fixtures';
import { freshApplication, multipart, pdfBytes } from '../src/modules/evidence/test-kit';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let campaign: Awaited<ReturnType<typeof seedOpenCampaign>>;
let as: Record<'cadmin' | 'uadmin' | 'appl' | 'audadmin', ReturnType<typeof client>>;

beforeAll(async () => {
  env = await makeTestEnv(
    {},
    {
      // A route whose contract forgot the text helpers: plain strings, an array, a record.
      routes: (app) =>
        app.post(
          '/api/test/plain',
          {
            config: { policy: 'public' },
            schema: {
              querystring: z.object({ x: z.string().optional() }),
              body: z.object({
                s: z.string().optional(),
                list: z.array(z.string()).optional(),
                meta: z.record(z.string(), z.string()).optional(),
              }),
            },
          },
          async () => ({ ok: true }),
        ),
    },
  );
  tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  campaign = await seedOpenCampaign(env.db, env.clock.now);
  as = {
    cadmin: client(env.app, await login(env.app, 'cadmin')),
    uadmin: client(env.app, await login(env.app, 'uadmin')),
    appl: client(env.app, await login(env.app, 'appl')),
    audadmin: client(env.app, await login(env.app, 'audadmin')),
  };
});
afterAll(() => env.close());

const CONTROL = {
  code: 'control_character',
  zh: '不能包含控制字符（如 U+0000）',
  en: 'Must not contain control characters (such as U+0000)',
};

function expectControlRefusal(
  res: { statusCode: number; json(): { error: { code: string; details?: unknown[] } } },
  field: string,
  lang: 'zh' | 'en' = 'zh',
) {
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toMatchObject({
    code: 'VALIDATION_FAILED',
    details: [{ field, code: CONTROL.code, message: CONTROL[lang] }],
  });
}

describe('the login form', () => {
  it('refuses a NUL in the username with a 400 field error, and audits the refused login', async () => {
    const anon = client(env.app, null);
    const zh = await anon.post('/api/auth/login', { username: 'a\u0000b', password: 'x' });
    expectControlRefusal(zh, 'username');
    const en = await anon.post(
      '/api/auth/login',
      { username: 'a\u0000b', password: 'x' },
      { 'accept-language': 'en' },
    );
    expectControlRefusal(en, 'username', 'en');
    const events = await env.db
      .select({ name: auditEvents.actorName, outcome: auditEvents.outcome, detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.login'), eq(auditEvents.detail, 'invalid_input')));
    expect(events).toEqual([
      { name: 'a\\u0000b', outcome: 'failure', detail: 'invalid_input' },
      { name: 'a\\u0000b', outcome: 'failure', detail: 'invalid_input' },
    ]);
  });

  it('refuses a NUL in the password the same way', async () => {
    const res = await client(env.app, null).post('/api/auth/login', { username: 'rev', password: 'x\u0000' });
    expectControlRefusal(res, 'password');
  });
});

describe('search and filters', () => {
  it.each([
    ['/api/organizations', 'cadmin'],
    ['/api/applications', 'cadmin'],
    ['/api/accounts', 'cadmin'],
    ['/api/venues', 'uadmin'],
    ['/api/cultivations', 'cadmin'],
    ['/api/applications/export.xlsx', 'cadmin'],
  ] as const)('%s refuses a NUL or a line break in q (400 naming query.q)', async (url, who) => {
    expectControlRefusal(await as[who].get(`${url}?q=%00`), 'query.q');
    expectControlRefusal(await as[who].get(`${url}?q=a%0Ab`), 'query.q');
  });

  it.each(['/api/organizations/export.xlsx', '/api/cultivations/export.xlsx'])(
    'the export %s answers 400 instead of dropping the connection mid-stream',
    async (url) => {
      expectControlRefusal(await as.cadmin.get(`${url}?q=%00`), 'query.q');
    },
  );

  it.each(['actor', 'action', 'objectType', 'objectId'])('the audit filter %s refuses a NUL', async (f) => {
    expectControlRefusal(await as.audadmin.get(`/api/audit-events?${f}=x%00`), `query.${f}`);
    expectControlRefusal(await as.audadmin.get(`/api/audit-events/export.xlsx?${f}=%00`), `query.${f}`);
  });
});

describe('names and notes', () => {
  it('refuses a NUL in an organisation, venue or account name and writes nothing', async () => {
    const org = await as.cadmin.post('/api/organizations', {
      code: 'NUL1',
      name: '排水\u0000支部',
      kind: 'branch',
      parentId: tree.unitA.id,
    });
    expectControlRefusal(org, 'name');
    const venue = await as.uadmin.post('/api/venues', { organizationId: tree.a1.id, name: '活动室\u0000' });
    expectControlRefusal(venue, 'name');
    const account = await as.uadmin.post('/api/accounts', {
      username: 'nulname',
      displayName: '张\u0000三',
      role: 'applicant',
      organizationId: tree.a1.id,
    });
    expectControlRefusal(account, 'displayName');
    const [o] = await env.db.select({ n: count() }).from(organizations).where(eq(organizations.code, 'NUL1'));
    const [u] = await env.db.select({ n: count() }).from(users).where(eq(users.username, 'nulname'));
    const [v] = await env.db.select({ n: count() }).from(venues).where(eq(venues.organizationId, tree.a1.id));
    expect([o!.n, u!.n, v!.n]).toEqual([0, 0, 0]);
  });

  it('refuses a line break or tab inside a single-line name, but trims one at the ends', async () => {
    expectControlRefusal(
      await as.uadmin.post('/api/venues', { organizationId: tree.a1.id, name: '活动\n室' }),
      'name',
    );
    expectControlRefusal(
      await as.uadmin.post('/api/venues', { organizationId: tree.a1.id, name: '活动\t室' }),
      'name',
    );
    const ok = await as.uadmin.post('/api/venues', { organizationId: tree.a1.id, name: '活动室\n' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().name).toBe('活动室');
  });

  it('keeps line breaks and tabs in multi-line notes, and refuses NUL and other controls there', async () => {
    const c = await as.uadmin.post('/api/cultivations', {
      trackCode: 'site',
      organizationId: tree.a1.id,
      plan: '第一步\n第二步',
    });
    expect(c.statusCode).toBe(201);
    const id = c.json().id as string;
    expectControlRefusal(
      await as.uadmin.post(`/api/cultivations/${id}/notes`, { body: '走访\u0000' }),
      'body',
    );
    expectControlRefusal(
      await as.uadmin.post(`/api/cultivations/${id}/notes`, { body: '走访\u001b[31m' }),
      'body',
    );
    const ok = await as.uadmin.post(`/api/cultivations/${id}/notes`, { body: '走访记录：\r\n\t一、座谈' });
    expect(ok.statusCode).toBe(201);
    const [n] = await env.db
      .select({ n: count() })
      .from(cultivationNotes)
      .where(eq(cultivationNotes.cultivationId, id));
    expect(n!.n).toBe(1);
    const plan = await as.uadmin.post('/api/cultivations', {
      trackCode: 'site',
      organizationId: tree.unitA.id,
      plan: '计划\u0000',
    });
    expectControlRefusal(plan, 'plan');
  });
});

describe('the global guard (a contract with plain strings)', () => {
  const post = (url: string, payload: unknown) => client(env.app, null).post(url, payload);

  it('passes ordinary text', async () => {
    const res = await post('/api/test/plain?x=ok', { s: 'a\tb\nc', list: ['x'], meta: { k: 'v' } });
    expect(res.statusCode).toBe(200);
  });

  it('refuses NUL in a query value, a body string, an array item, a record key or value', async () => {
    expectControlRefusal(await post('/api/test/plain?x=%00', {}), 'query.x');
    expectControlRefusal(await post('/api/test/plain', { s: '\u0000' }), 's');
    expectControlRefusal(await post('/api/test/plain', { list: ['ok', 'a\u0000'] }), 'list.1');
    expectControlRefusal(await post('/api/test/plain', { meta: { 'k\u0000': 'v' } }), 'meta.k\\u0000');
    expectControlRefusal(await post('/api/test/plain', { meta: { k: 'v\u0000' } }), 'meta.k');
  });

  it('refuses NUL in a multipart field value or field name, and any control in a file name', async () => {
    const appl = await freshApplication(env.db, {
      campaignId: campaign.campaign.id,
      standardVersionId: campaign.standards.venue.versionId,
      org: tree.a1,
    });
    const send = (body: ReturnType<typeof multipart>) =>
      as.appl.post(`/api/applications/${appl.id}/evidence`, body.payload, body.headers);
    const value = await send(
      multipart([
        { name: 'criterionId', value: 'x\u0000' },
        { name: 'file', filename: 'a.pdf', data: pdfBytes() },
      ]),
    );
    expectControlRefusal(value, 'criterionId');
    const name = await send(
      multipart([
        { name: 'note\u0000', value: 'x' },
        { name: 'file', filename: 'a.pdf', data: pdfBytes() },
      ]),
    );
    expectControlRefusal(name, 'note\\u0000');
    for (const filename of ['组织\u0000.csv', '组织\u0007.csv']) {
      const body = multipart([{ name: 'file', filename, data: Buffer.from('组织编码,组织名称\n') }]);
      const res = await as.cadmin.post('/api/organizations/import?dryRun=true', body.payload, body.headers);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'INVALID_FILE',
        details: [{ field: 'file', code: 'name_control' }],
      });
    }
  });
});
