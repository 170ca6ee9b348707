/**
 * The fuzzer's world: one app on one database with the small tree (units A and B), one account per role, an
 * open campaign, and the records every module's authorization-matrix builder creates for "in" (unit A) and
 * "out" (unit B) — so each operation has real in-scope and out-of-scope ids and a valid example request.
 */
/// <reference types="vite/client" />
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { sessions } from '../../src/db/schema';
import { hashToken } from '../../src/modules/auth/service';
import { insertOrg, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../helpers';
import { seedOpenCampaign } from '../campaign-fixtures';
import type { MatrixCtx, ModuleMatrix, Req, Scope, Who } from '../matrix-types';
import { SESSION_COOKIE } from '../../../shared/src/contracts/auth';
import { ROLES, type Role } from '../../../shared/src/enums';

const moduleMatrices = Object.values(
  import.meta.glob<{ matrix: ModuleMatrix }>('../../src/modules/*/matrix.ts', { eager: true }),
).map((m) => m.matrix);

export const WHO: Who[] = ['anon', ...ROLES];

/** What the fuzzer knows about one operation before generating requests for it. */
export interface Known {
  /** Path parameter values that name real records: in unit A's scope, in unit B's. */
  params: { in: Record<string, string>[]; out: Record<string, string>[] };
  /** The matrix builder's requests (valid bodies, headers such as Idempotency-Key). */
  examples: Req[];
}

export interface FuzzWorld {
  env: TestEnv;
  /** Every `id` of every table (the role accounts left out, so no request disables the callers). */
  anyIds: string[];
  /** Ids by table name, for operations no matrix builder covers. */
  idsByTable: Map<string, string[]>;
  known: Map<string, Known>;
  /** Fresh sessions for every role (a fuzzed logout or lock ends one; each operation starts anew). */
  sessions(): Promise<Record<Who, string | null>>;
  close(): Promise<void>;
}

/** `/api/x/:id/y` (the matrix's key) → `/api/x/{id}/y` (the document's). */
export const docPath = (route: string) => route.replace(/:(\w+)/g, '{$1}');

function paramsOf(template: string, url: string): Record<string, string> | null {
  const names: string[] = [];
  const re = new RegExp(
    `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, n: string) => {
      names.push(n);
      return '([^/?]+)';
    })}(?:\\?.*)?$`,
  );
  const m = re.exec(url);
  if (!m) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
}

async function harvestIds(env: TestEnv, skip: Set<string>) {
  const rowsOf = async <T>(q: ReturnType<typeof sql>) =>
    ((await env.db.execute(q)) as unknown as { rows: T[] }).rows;
  const tables = await rowsOf<{ table_name: string }>(sql`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' ORDER BY table_name`);
  const idsByTable = new Map<string, string[]>();
  for (const { table_name: t } of tables) {
    const rows = await rowsOf<{ id: string }>(
      sql`SELECT id::text AS id FROM ${sql.identifier(t)} ORDER BY id LIMIT 40`,
    );
    idsByTable.set(
      t,
      rows.map((r) => r.id).filter((id) => !skip.has(id)),
    );
  }
  return idsByTable;
}

/** A deterministic `uniq()` for the builders, so a seed replays the same names. */
function counter(seed: number) {
  let n = 0;
  return () => `${(seed >>> 0).toString(36)}${(n++).toString(36)}`;
}

export async function makeWorld(seed: number): Promise<FuzzWorld> {
  const env = await makeTestEnv();
  const tree = await seedTree(env.db);
  const users = await seedUsers(env.db, tree);
  const campaign = await seedOpenCampaign(env.db, env.clock.now);
  const uniq = counter(seed);
  const unitOf = (s: Scope) => (s === 'in' ? tree.unitA : tree.unitB);
  const branchOf = (s: Scope) => (s === 'in' ? tree.a1 : tree.b1);
  const freshBranch = (s: Scope) =>
    insertOrg(env.db, { code: `T${uniq()}`, name: `测试支部${uniq()}`, kind: 'branch', parent: unitOf(s) });
  const ctx: MatrixCtx = { env, tree, users, campaign, uniq, unitOf, branchOf, freshBranch };

  const known = new Map<string, Known>();
  for (const m of moduleMatrices)
    for (const [route, build] of Object.entries(m.build)) {
      const [method, path] = route.split(' ') as [string, string];
      const key = `${method} ${docPath(path)}`;
      const k: Known = known.get(key) ?? { params: { in: [], out: [] }, examples: [] };
      for (const s of ['in', 'out'] as const) {
        const req = await build(ctx, s);
        const p = paramsOf(docPath(path), req.url);
        if (p && Object.keys(p).length) k.params[s].push(p);
        k.examples.push(req);
      }
      known.set(key, k);
    }
  const roleIds = new Set(Object.values(users).map((u) => u.id));
  const idsByTable = await harvestIds(env, roleIds);
  const anyIds = [...idsByTable.values()].flat();

  const sessionsFor = async () => {
    const out = { anon: null } as Record<Who, string | null>;
    for (const role of ROLES) {
      const token = crypto.randomBytes(32).toString('base64url');
      const now = env.clock.now;
      await env.db.insert(sessions).values({
        idHash: hashToken(token),
        userId: users[role as Role].id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 12 * 3600_000),
      });
      out[role] = `${SESSION_COOKIE}=${token}`;
    }
    return out;
  };
  return { env, anyIds, idsByTable, known, sessions: sessionsFor, close: () => env.close() };
}
