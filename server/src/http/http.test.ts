import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/client';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../test/helpers';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

describe('health and API documents', () => {
  it('reports the database kind, the latest migration and the version', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      migration: env.database.migration,
      version: 'test',
      warnings: [],
    });
    expect(env.database.migration).toMatch(/^\d{4}_/);
  });

  it('warns when production runs on the embedded database', async () => {
    const prod = await makeTestEnv({ NODE_ENV: 'production', SHIFAN_ALLOW_EMBEDDED: 'true' });
    try {
      const res = await prod.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json().warnings.map((w: { code: string }) => w.code)).toEqual(
        process.env.TEST_DATABASE_URL ? [] : ['embedded_database'],
      );
    } finally {
      await prod.close();
    }
  });

  it('serves an OpenAPI 3.1 document that lists the routes', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');
    expect(Object.keys(doc.paths)).toContain('/api/health');
  });

  it('documents every multipart route with a requestBody naming each form field (issue 7 §1.19)', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const form = (path: string) =>
      doc.paths[path]?.post?.requestBody?.content?.['multipart/form-data']?.schema;
    expect(form('/api/organizations/import')).toMatchObject({
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    });
    expect(doc.paths['/api/organizations/import'].post.parameters).toEqual([
      expect.objectContaining({ in: 'query', name: 'dryRun' }),
    ]);
    const evidence = form('/api/applications/{id}/evidence');
    expect(Object.keys(evidence.properties)).toEqual(['file', 'criterionId']);
    expect(evidence).toMatchObject({
      properties: { file: { format: 'binary' }, criterionId: { type: 'string', format: 'uuid' } },
      required: ['file'],
    });
    // Every route that consumes multipart (found in the sources) is documented with its form.
    const multipart = new Set<string>();
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>,
    ))
      for (const [method, op] of Object.entries(ops))
        if (op.requestBody?.content?.['multipart/form-data']) multipart.add(`${method} ${path}`);
    const declared = fs
      .readdirSync('server/src/modules', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => fs.readFileSync(`server/src/modules/${f}`, 'utf8'))
      .reduce((n, src) => n + src.split("consumes: ['multipart/form-data']").length - 1, 0);
    expect(multipart.size).toBe(declared);
    // One that reads a single upload without declaring its form gets its one `file` field.
    expect(form('/api/stages/{id}/assignments/import')).toMatchObject({
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    });
  });

  it('serves the API docs page', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('headers', () => {
  it('answers exactly the security headers @fastify/helmet gave before they were computed once', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    const security = Object.fromEntries(
      Object.entries(res.headers).filter(([k]) =>
        /^(content-security-policy|cross-origin-|origin-agent|referrer|strict-transport|x-(content-type|dns|download|frame|permitted|xss))/.test(
          k,
        ),
      ),
    );
    // Recorded from the server of main before the change (curl -D), the same headers and values.
    expect(security).toEqual({
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';" +
        "img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';" +
        "style-src 'self' 'unsafe-inline';connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('sets security headers, no-store on the API and a request id', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await env.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'trace-12345678' },
    });
    expect(given.headers['x-request-id']).toBe('trace-12345678');
  });
});

describe('bad input gets a 4xx with a code, never a 500', () => {
  const c = () => client(env.app, null);

  it('malformed JSON → 400 BAD_REQUEST', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-shifan-csrf': '1' },
      payload: '{"username": "a", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('wrong types and unknown fields → 400 VALIDATION_FAILED naming each field, in zh-CN or en', async () => {
    const zh = await c().post('/api/auth/login', { username: 12, password: 'x', role: 'admin' });
    expect(zh.statusCode).toBe(400);
    const body = zh.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe('提交的数据有误，请检查标出的字段');
    const en = await c().post(
      '/api/auth/login',
      { username: 12, password: 'x' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.json().error.message).toBe('The request has invalid fields');
    expect(en.json().error.details).toEqual([
      { field: 'username', code: 'invalid_type', message: 'Expected string' },
    ]);
    const unknown = await c().post('/api/auth/login', { username: 'a', password: 'x', role: 'admin' });
    expect(unknown.json().error.details).toEqual([
      { field: 'role', code: 'unknown_field', message: '不允许的字段：role' },
    ]);
  });

  it('oversize fields → 400 with too_big', async () => {
    const res = await c().post(
      '/api/auth/login',
      { username: 'a'.repeat(65), password: 'x' },
      { 'accept-language': 'en' },
    );
    expect(res.json().error.details).toEqual([
      { field: 'username', code: 'too_big', message: 'Must be at most 64' },
    ]);
  });

  it('a body over 1 MiB → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await c().post('/api/auth/login', { username: 'a', password: 'x'.repeat(1_100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('prototype-poisoned JSON → 400', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-shifan-csrf': '1' },
      payload: '{"username":"a","password":"b","__proto__":{"polluted":1}}',
    });
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an unsupported content type → 415', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/xml', 'x-shifan-csrf': '1' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown API route → 404 NOT_FOUND in the error shape', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: '记录不存在' } });
  });
});

describe('a URL the router refuses (fuzzer, seed 4)', () => {
  it('a broken percent-escape → 400 BAD_REQUEST in the error shape, the URL not echoed', async () => {
    for (const url of ['/api/venues/%', '/api/accounts/%E4%B8/unlock', '/api/applications/%zz/submit']) {
      const res = await env.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: {
          code: 'BAD_REQUEST',
          message: 'The request is malformed',
          requestId: expect.any(String),
          details: [{ field: 'url', code: 'malformed', message: 'The address is malformed' }],
        },
      });
    }
  });

  it('a path parameter over the router limit → 400 with too_long, not a 414 echoing it', async () => {
    const res = await env.app.inject({ method: 'GET', url: `/api/organizations/${'%00'.repeat(120)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'BAD_REQUEST',
      details: [{ field: 'url', code: 'too_long', message: '地址中的参数过长' }],
    });
    expect(res.body).not.toContain('\\u0000');
  });
});

describe('the app itself', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: null });
  });
  afterAll(() => db.close());
  const deps = () => ({
    db: db.db,
    dbKind: db.kind,
    migration: db.migration,
    config: loadConfig({}),
    clock: () => new Date(),
    version: 't',
  });

  it('refuses to boot when a route declares no authorization policy', async () => {
    const app = await buildApp(deps());
    expect(() => app.get('/api/unguarded', async () => ({}))).toThrow(
      'Route GET /api/unguarded declares no valid authorization policy (config.policy)',
    );
    await app.close();
  });

  it('hides the internals of a 5xx', async () => {
    const app = await buildApp(deps());
    app.get('/api/boom', { config: { policy: 'public' } }, async () => {
      throw new Error('SELECT secret FROM users at /srv/shifan/node_modules/x.js');
    });
    const res = await app.inject({ method: 'GET', url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: {
        code: 'INTERNAL',
        message: '服务器内部错误，请稍后重试',
        requestId: res.headers['x-request-id'],
      },
    });
    await app.close();
  });
});

describe('required fields', () => {
  it('says "required" for a missing field', async () => {
    const res = await client(env.app, null).post(
      '/api/auth/login',
      { username: 'a' },
      { 'accept-language': 'en' },
    );
    expect(res.json().error.details).toEqual([{ field: 'password', code: 'required', message: 'Required' }]);
  });
});

describe('unknown query parameters', () => {
  it('are refused with the parameter named', async () => {
    await seedUsers(env.db, await seedTree(env.db));
    const cookie = await login(env.app, 'cadmin');
    const res = await client(env.app, cookie).get('/api/organizations?bogus=1', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'query.bogus', code: 'unknown_field', message: 'Unknown field(s): bogus' },
    ]);
  });
});
