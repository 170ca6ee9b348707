/// <reference types="vite/client" />
/**
 * Walks every registered route × every role (and anonymous) × {in scope, out of scope} against the
 * committed table in `server/test/authz-matrix.ts`. Each cell gets a fresh session and, for mutations,
 * fresh target records, so cells do not disturb each other.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents, organizations, sessions, venues } from '../src/db/schema';
import { hashToken } from '../src/modules/auth/service';
import { insertOrg, insertUser, makeTestEnv, seedTree, seedUsers, type TestEnv } from './helpers';
import { MATRIX } from './authz-matrix';
import type { Builder, MatrixCtx, ModuleMatrix, Outcome, Row, Who } from './matrix-types';
import { seedOpenCampaign } from './campaign-fixtures';
import { ROLES } from '../../shared/src/enums';
import { SESSION_COOKIE } from '../../shared/src/contracts/auth';

type Scope = 'in' | 'out';
interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** Later modules keep their rows and builders beside their routes, in `modules/<name>/matrix.ts`. */
const moduleMatrices = Object.values(
  import.meta.glob<{ matrix: ModuleMatrix }>('../src/modules/*/matrix.ts', { eager: true }),
).map((m) => m.matrix);

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let users: Awaited<ReturnType<typeof seedUsers>>;
const WHO: Who[] = ['anon', ...ROLES];

async function sessionFor(who: Who): Promise<string | null> {
  if (who === 'anon') return null;
  const token = crypto.randomBytes(32).toString('base64url');
  const now = env.clock.now;
  await env.db.insert(sessions).values({
    idHash: hashToken(token),
    userId: users[who].id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
  });
  return `${SESSION_COOKIE}=${token}`;
}

const unitOf = (s: Scope) => (s === 'in' ? tree.unitA : tree.unitB);
const branchOf = (s: Scope) => (s === 'in' ? tree.a1 : tree.b1);
const uniq = () => crypto.randomBytes(4).toString('hex');
const freshBranch = (s: Scope) =>
  insertOrg(env.db, { code: `T${uniq()}`, name: `测试支部${uniq()}`, kind: 'branch', parent: unitOf(s) });
async function freshVenue(s: Scope) {
  const [v] = await env.db
    .insert(venues)
    .values({ organizationId: branchOf(s).id, unitId: unitOf(s).id, name: `党员活动室${uniq()}` })
    .returning();
  return v!;
}
const freshApplicant = (s: Scope) =>
  insertUser(env.db, {
    username: `u${uniq()}`,
    role: 'applicant',
    organizationId: branchOf(s).id,
    unitId: unitOf(s).id,
  });

function multipartCsv(csv: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shifan${uniq()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="orgs.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(`\uFEFF${csv}`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** How to call each route for a target in or out of the caller's scope. */
const BUILD: Record<string, (s: Scope) => Promise<Req> | Req> = {
  'GET /api/health': () => ({ method: 'GET', url: '/api/health' }),
  'GET /api/openapi.json': () => ({ method: 'GET', url: '/api/openapi.json' }),
  'GET /api/docs': () => ({ method: 'GET', url: '/api/docs' }),
  'GET /api/docs/json': () => ({ method: 'GET', url: '/api/docs/json' }),
  'GET /api/docs/yaml': () => ({ method: 'GET', url: '/api/docs/yaml' }),
  'GET /api/docs/static/index.html': () => ({ method: 'GET', url: '/api/docs/static/index.html' }),
  'GET /api/docs/static/swagger-initializer.js': () => ({
    method: 'GET',
    url: '/api/docs/static/swagger-initializer.js',
  }),
  'GET /api/docs/static/*': () => ({ method: 'GET', url: '/api/docs/static/swagger-ui.css' }),

  'POST /api/auth/login': () => ({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'nobody', password: 'x' },
  }),
  'POST /api/auth/logout': () => ({ method: 'POST', url: '/api/auth/logout' }),
  'GET /api/auth/me': () => ({ method: 'GET', url: '/api/auth/me' }),
  'POST /api/auth/password': () => ({
    method: 'POST',
    url: '/api/auth/password',
    payload: { currentPassword: 'wrong', newPassword: 'Another-pass-2026' },
  }),

  'GET /api/organizations': (s) => ({
    method: 'GET',
    url: s === 'in' ? '/api/organizations' : `/api/organizations?unitId=${tree.unitB.id}`,
  }),
  'GET /api/organizations/:id': (s) => ({ method: 'GET', url: `/api/organizations/${branchOf(s).id}` }),
  'GET /api/organizations/:id/ancestors': (s) => ({
    method: 'GET',
    url: `/api/organizations/${branchOf(s).id}/ancestors`,
  }),
  'POST /api/organizations': (s) => ({
    method: 'POST',
    url: '/api/organizations',
    payload: { code: `N${uniq()}`, name: `新建支部${uniq()}`, kind: 'branch', parentId: unitOf(s).id },
  }),
  'PATCH /api/organizations/:id': async (s) => ({
    method: 'PATCH',
    url: `/api/organizations/${(await freshBranch(s)).id}`,
    payload: { name: `改名支部${uniq()}`, version: 1 },
  }),
  'POST /api/organizations/:id/move': async (s) => {
    const target = await insertOrg(env.db, {
      code: `G${uniq()}`,
      name: `测试总支${uniq()}`,
      kind: 'general_branch',
      parent: unitOf(s),
    });
    return {
      method: 'POST',
      url: `/api/organizations/${(await freshBranch(s)).id}/move`,
      payload: { parentId: target.id, version: 1 },
    };
  },
  'POST /api/organizations/:id/deactivate': async (s) => ({
    method: 'POST',
    url: `/api/organizations/${(await freshBranch(s)).id}/deactivate`,
    payload: { version: 1 },
  }),
  'POST /api/organizations/:id/activate': async (s) => {
    const org = await freshBranch(s);
    await env.db.update(organizations).set({ active: false }).where(eq(organizations.id, org.id));
    return { method: 'POST', url: `/api/organizations/${org.id}/activate`, payload: { version: 1 } };
  },
  'GET /api/organizations/import/template': () => ({
    method: 'GET',
    url: '/api/organizations/import/template',
  }),
  'POST /api/organizations/import': (s) => {
    const m = multipartCsv(
      `组织编码,组织名称,组织类型,上级组织编码\nI${uniq()},导入支部,党支部,${unitOf(s).code}\n`,
    );
    return {
      method: 'POST',
      url: '/api/organizations/import?dryRun=true',
      payload: m.payload,
      headers: m.headers,
    };
  },
  // Phones are unmasked for the roles that may export: the purpose is stated (PI-02).
  'GET /api/organizations/export.xlsx': (s) => ({
    method: 'GET',
    url:
      s === 'in'
        ? '/api/organizations/export.xlsx?purpose=matrix-check'
        : `/api/organizations/export.xlsx?purpose=matrix-check&unitId=${tree.unitB.id}`,
  }),

  'GET /api/venues': (s) => ({
    method: 'GET',
    url: s === 'in' ? '/api/venues' : `/api/venues?unitId=${tree.unitB.id}`,
  }),
  'GET /api/venues/:id': async (s) => ({ method: 'GET', url: `/api/venues/${(await freshVenue(s)).id}` }),
  'POST /api/venues': (s) => ({
    method: 'POST',
    url: '/api/venues',
    payload: { organizationId: branchOf(s).id, name: '党员活动室' },
  }),
  'PATCH /api/venues/:id': async (s) => ({
    method: 'PATCH',
    url: `/api/venues/${(await freshVenue(s)).id}`,
    payload: { name: '党员教育基地', version: 1 },
  }),

  'GET /api/accounts': (s) => ({
    method: 'GET',
    url: s === 'in' ? '/api/accounts' : `/api/accounts?unitId=${tree.unitB.id}`,
  }),
  'GET /api/accounts/:id': async (s) => ({
    method: 'GET',
    url: `/api/accounts/${(await freshApplicant(s)).id}`,
  }),
  'POST /api/accounts': (s) => ({
    method: 'POST',
    url: '/api/accounts',
    payload: {
      username: `new${uniq()}`,
      displayName: '联络员',
      role: 'applicant',
      organizationId: branchOf(s).id,
    },
  }),
  'PATCH /api/accounts/:id': async (s) => ({
    method: 'PATCH',
    url: `/api/accounts/${(await freshApplicant(s)).id}`,
    payload: { displayName: '新名字', version: 1 },
  }),
  'POST /api/accounts/:id/reset-password': async (s) => ({
    method: 'POST',
    url: `/api/accounts/${(await freshApplicant(s)).id}/reset-password`,
    payload: { version: 1 },
  }),
  'POST /api/accounts/:id/unlock': async (s) => ({
    method: 'POST',
    url: `/api/accounts/${(await freshApplicant(s)).id}/unlock`,
    payload: { version: 1 },
  }),

  'GET /api/audit-events': (s) => ({
    method: 'GET',
    url: s === 'in' ? '/api/audit-events' : '/api/audit-events?outcome=denied',
  }),
  'GET /api/audit-events/export.xlsx': () => ({ method: 'GET', url: '/api/audit-events/export.xlsx' }),
};

const ROWS: Record<string, Row> = Object.assign({}, MATRIX, ...moduleMatrices.map((m) => m.rows));
let ctx: MatrixCtx;
const BUILDERS: Record<string, Builder> = Object.assign(
  Object.fromEntries(Object.entries(BUILD).map(([k, b]) => [k, (_c: MatrixCtx, s: Scope) => b(s)])),
  ...moduleMatrices.map((m) => m.build),
);

async function deniedEvents(): Promise<number> {
  const [row] = await env.db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'authz.denied'));
  return row!.n;
}

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  users = await seedUsers(env.db, tree);
  const campaign = await seedOpenCampaign(env.db, env.clock.now);
  ctx = { env, tree, users, campaign, uniq, unitOf, branchOf, freshBranch };
});
afterAll(() => env.close());

describe('authorization matrix', () => {
  it('has exactly one row and one request builder for every registered route', () => {
    const registered = [...new Set(env.app.routeRecords.map((r) => `${r.method} ${r.url}`))].sort();
    expect(Object.keys(ROWS).sort()).toEqual(registered);
    expect(Object.keys(BUILDERS).sort()).toEqual(registered);
  });

  it(
    'answers every route × role × scope as the table says, and audits every 403',
    { timeout: 600_000 },
    async () => {
      const mismatches: string[] = [];
      let cells = 0;
      for (const route of env.app.routeRecords) {
        const key = `${route.method} ${route.url}`;
        const row = ROWS[key];
        const build = BUILDERS[key];
        if (!row || !build) continue; // reported by the test above
        for (const who of WHO) {
          for (const [i, scope] of (['in', 'out'] as const).entries()) {
            const expected: Outcome = row[who][i]!;
            const req = await build(ctx, scope);
            const cookie = await sessionFor(who);
            const before = await deniedEvents();
            const res = await env.app.inject({
              method: req.method,
              url: req.url,
              headers: {
                ...(cookie ? { cookie } : {}),
                ...(req.method === 'GET' ? {} : { 'x-shifan-csrf': '1' }),
                ...req.headers,
              },
              ...(req.payload === undefined ? {} : { payload: req.payload as never }),
            });
            cells++;
            let actual: Outcome = res.statusCode as Outcome;
            if (expected === 'empty' && res.statusCode === 200)
              actual = res.json().total === 0 ? 'empty' : 200;
            if (actual !== expected)
              mismatches.push(
                `${key} as ${who} (${scope}): expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
              );
            if (res.statusCode === 403 && (await deniedEvents()) !== before + 1)
              mismatches.push(`${key} as ${who} (${scope}): 403 not audited`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(cells).toBe(Object.keys(ROWS).length * WHO.length * 2);
    },
  );
});
