/**
 * Test helpers: the real app on a real database. PGlite in memory by default; with
 * TEST_DATABASE_URL=postgres://…, each test file gets a fresh database on that server, dropped after.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { openDatabase, type Database, type Db } from '../src/db/client';
import { organizations, users } from '../src/db/schema';
import { hashPassword } from '../src/core/passwords';
import { memoryKeyRing } from '../src/core/keys';
import { openAuditChain } from '../src/modules/audit/chain';
import { totpCodeAt } from '../src/core/totp';
import type { OrgKind, Role } from '../../shared/src/enums';
import { SESSION_COOKIE } from '../../shared/src/contracts/auth';

export const PASSWORD = 'Test-pass-2026';

export interface TestClock {
  now: Date;
  advance(ms: number): void;
}

export interface TestEnv {
  app: FastifyInstance;
  db: Db;
  database: Database;
  config: Readonly<Config>;
  clock: TestClock;
  close(): Promise<void>;
}

/** A new database on the TEST_DATABASE_URL server, and how to drop it. */
export async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `shifan_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      // pool.end() resolves once the pool has asked its clients to end, not when their backends
      // have gone; dropping WITH (FORCE) at that moment kills a backend whose client is still
      // closing, and that client then raises an uncaught FATAL 57P01. Wait for them to leave first.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The key ring of this test worker (the audit chain key), in memory. */
export const testKeys = memoryKeyRing(['audit']);

let template: Blob | null | undefined;
/** The migrated PGlite dump of this test run (server/test/global-setup.ts), read once per worker. */
function pgliteTemplate(): Blob | null {
  if (template === undefined) {
    const file = process.env.SHIFAN_TEST_PGLITE_TEMPLATE;
    template = file && fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : null;
  }
  return template;
}

export interface TestEnvOptions {
  /** Extra routes registered before the app is ready (e.g. a route a test needs to probe a hook). */
  routes?: (app: FastifyInstance) => unknown;
}

export async function makeTestEnv(
  env: Record<string, string> = {},
  opts: TestEnvOptions = {},
): Promise<TestEnv> {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const clock: TestClock = {
    now: new Date('2026-11-29T08:00:00.000Z'),
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const pgUrl = process.env.TEST_DATABASE_URL;
  const fresh = pgUrl ? await freshPostgres(pgUrl) : null;
  const database = await openDatabase({
    databaseUrl: fresh?.url ?? null,
    dataDir: null,
    loadDataDir: fresh ? null : pgliteTemplate(),
  });
  await openAuditChain(database.db, testKeys);
  const app = await buildApp(
    {
      db: database.db,
      dbKind: database.kind,
      migration: database.migration,
      config,
      clock: () => clock.now,
      version: 'test',
    },
    { logger: false },
  );
  await opts.routes?.(app);
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    config,
    clock,
    async close() {
      await app.close();
      await database.close();
      await fresh?.drop();
    },
  };
}

export interface OrgSpec {
  code: string;
  name: string;
  kind: OrgKind;
  parent?: { id: string; path: string; depth: number; unitId: string | null } | null;
}

/** Inserts one organisation with its derived path and unit, bypassing the API (fixtures only). */
export async function insertOrg(db: Db, spec: OrgSpec) {
  const id = crypto.randomUUID();
  const parent = spec.parent ?? null;
  const depth = parent ? parent.depth + 1 : 0;
  const unitId = depth === 0 ? null : depth === 1 ? id : parent!.unitId;
  const [row] = await db
    .insert(organizations)
    .values({
      id,
      code: spec.code,
      name: spec.name,
      kind: spec.kind,
      parentId: parent?.id ?? null,
      unitId,
      path: `${parent?.path ?? '/'}${id}/`,
      depth,
      contactPhone: '13812341234',
    })
    .returning();
  return row!;
}

/** A small tree: the working committee, units A and B, each with a branch. */
export async function seedTree(db: Db) {
  const root = await insertOrg(db, { code: 'WC', name: '市级机关工委', kind: 'working_committee' });
  const unitA = await insertOrg(db, {
    code: 'A',
    name: '市水务局机关党委',
    kind: 'party_committee',
    parent: root,
  });
  const a1 = await insertOrg(db, {
    code: 'A1',
    name: '市水务局排水五所党支部',
    kind: 'branch',
    parent: unitA,
  });
  const unitB = await insertOrg(db, {
    code: 'B',
    name: '市总工会机关党委',
    kind: 'party_committee',
    parent: root,
  });
  const b1 = await insertOrg(db, {
    code: 'B1',
    name: '市总工会权益保障部党支部',
    kind: 'branch',
    parent: unitB,
  });
  return { root, unitA, a1, unitB, b1 };
}

let cachedHash: Promise<string> | null = null;

export async function insertUser(
  db: Db,
  u: {
    username: string;
    role: Role;
    organizationId?: string | null;
    unitId?: string | null;
    mustChangePassword?: boolean;
  },
) {
  cachedHash ??= hashPassword(PASSWORD);
  const [row] = await db
    .insert(users)
    .values({
      username: u.username,
      displayName: u.username,
      role: u.role,
      organizationId: u.organizationId ?? null,
      unitId: u.unitId ?? null,
      passwordHash: await cachedHash,
      mustChangePassword: u.mustChangePassword ?? false,
    })
    .returning();
  return row!;
}

/** One account per role, scoped to unit A (unit admin) and branch A1 (applicant). */
export async function seedUsers(db: Db, tree: Awaited<ReturnType<typeof seedTree>>) {
  return {
    committee_admin: await insertUser(db, { username: 'cadmin', role: 'committee_admin' }),
    unit_admin: await insertUser(db, {
      username: 'uadmin',
      role: 'unit_admin',
      organizationId: tree.unitA.id,
      unitId: tree.unitA.id,
    }),
    applicant: await insertUser(db, {
      username: 'appl',
      role: 'applicant',
      organizationId: tree.a1.id,
      unitId: tree.unitA.id,
    }),
    reviewer: await insertUser(db, { username: 'rev', role: 'reviewer' }),
    security_admin: await insertUser(db, { username: 'secadmin', role: 'security_admin' }),
    audit_admin: await insertUser(db, { username: 'audadmin', role: 'audit_admin' }),
  };
}

/** Logs in through the API and returns the session cookie header value. */
export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-shifan-csrf': '1' },
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  return `${SESSION_COOKIE}=${c!.value}`;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A client bound to one session: mutations carry the CSRF header like the web does. */
export function client(app: FastifyInstance, cookie: string | null) {
  const call = (
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method === 'GET' ? {} : { 'x-shifan-csrf': '1' }),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload: payload as never }),
    });
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      call('POST', url, payload ?? {}, headers),
    patch: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      call('PATCH', url, payload ?? {}, headers),
    put: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      call('PUT', url, payload ?? {}, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}

/** The session cookie a response set, as a `cookie` header value. */
export function sessionCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `${SESSION_COOKIE}=${c.value}`;
}

/**
 * Enrols the session's account in TOTP through the API (the QR step, then a first code at `now`) and
 * returns its seed, its ten recovery codes and the session cookie (new when the session was held at the
 * enrolment gate).
 */
export async function enrolSecondFactor(
  app: FastifyInstance,
  cookie: string,
  now: Date,
): Promise<{ secret: string; recoveryCodes: string[]; cookie: string }> {
  const c = client(app, cookie);
  const started = await c.get('/api/auth/second-factor/enrolment');
  if (started.statusCode !== 200) throw new Error(`enrolment: ${started.statusCode} ${started.body}`);
  const secret: string = started.json().secret;
  const done = await c.post('/api/auth/second-factor/enrolment', { code: totpCodeAt(secret, now) });
  if (done.statusCode !== 200) throw new Error(`confirm: ${done.statusCode} ${done.body}`);
  const renewed = done.cookies.find((x) => x.name === SESSION_COOKIE);
  return {
    secret,
    recoveryCodes: done.json().recoveryCodes,
    cookie: renewed ? `${SESSION_COOKIE}=${renewed.value}` : cookie,
  };
}
