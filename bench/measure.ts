/**
 * One backend's measurement (run in a child process by bench/run.ts): the real import service on a
 * fresh database, then the plain `unnest` baseline of the same rows on a second fresh database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { asc, count, gt } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../server/src/db/client';
import { organizations } from '../server/src/db/schema';
import type { Ctx } from '../server/src/core/context';
import { importOrganizations, parseFile } from '../server/src/modules/organizations/import-service';
import { insertOrganizations } from '../server/src/modules/organizations/import-repo';
import type { PlannedOrg } from '../server/src/modules/organizations/import-plan';
import { ROOT_CODE, ROOT_NAME } from './generate';

export interface Measurement {
  backend: 'pglite' | 'postgres';
  rows: number;
  importSeconds: number;
  peakRssBytes: number;
  baselineSeconds: number;
  parseSeconds: number;
  written: number;
}

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Backend {
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

function pgliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-bench-pglite-'));
      dirs.push(dir);
      return openDatabase({ dataDir: dir });
    },
    async cleanup() {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

async function postgresBackend(url: string): Promise<Backend> {
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await admin.connect();
  await admin.end();
  const names: string[] = [];
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  return {
    async open() {
      const name = `shifan_bench_${crypto.randomBytes(5).toString('hex')}`;
      await run(`CREATE DATABASE ${name}`);
      names.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return openDatabase({ databaseUrl: u.toString() });
    },
    async cleanup() {
      for (const n of names) await run(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    },
  };
}

async function seedRoot(db: Db, id: string, now: Date): Promise<void> {
  await db.insert(organizations).values({
    id,
    code: ROOT_CODE,
    name: ROOT_NAME,
    kind: 'working_committee',
    path: `/${id}/`,
    depth: 0,
    createdAt: now,
    updatedAt: now,
  });
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

export async function measure(
  backend: 'pglite' | 'postgres',
  file: string,
): Promise<Measurement | { skipped: string }> {
  let b: Backend;
  try {
    b =
      backend === 'pglite'
        ? pgliteBackend()
        : await postgresBackend(process.env.BENCH_DATABASE_URL ?? DEFAULT_PG);
  } catch (err) {
    return { skipped: `PostgreSQL unreachable (${(err as Error).message})` };
  }
  try {
    const now = new Date();
    const rootId = crypto.randomUUID();
    const ctx: Ctx = {
      actor: {
        userId: crypto.randomUUID(),
        username: 'bench',
        displayName: 'bench',
        role: 'committee_admin',
        organizationId: null,
        unitId: null,
        mustChangePassword: false,
      },
      ip: null,
      requestId: 'bench',
      lang: 'zh-CN',
      now,
    };
    const bytes = fs.readFileSync(file);

    const main = await b.open();
    await seedRoot(main.db, rootId, now);
    const t0 = performance.now();
    const result = await importOrganizations(
      main.db,
      ctx,
      { bytes, filename: path.basename(file) },
      { dryRun: false },
    );
    const importSeconds = seconds(t0);
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    if (result.errors.length > 0)
      throw new Error(`import reported errors: ${JSON.stringify(result.errors.slice(0, 5))}`);
    const [written] = await main.db
      .select({ n: count() })
      .from(organizations)
      .where(gt(organizations.depth, 0));
    const rows: PlannedOrg[] = (
      await main.db
        .select()
        .from(organizations)
        .where(gt(organizations.depth, 0))
        .orderBy(asc(organizations.depth))
    ).map((o) => ({ ...o, row: 0, action: 'create', changed: true }));
    await main.close();

    const base = await b.open();
    await seedRoot(base.db, rootId, now);
    const t1 = performance.now();
    await base.db.transaction((tx) => insertOrganizations(tx, rows, now));
    const baselineSeconds = seconds(t1);
    await base.close();

    const t2 = performance.now();
    await parseFile({ bytes, filename: path.basename(file) });
    const parseSeconds = seconds(t2);

    return {
      backend,
      rows: result.total,
      importSeconds,
      peakRssBytes,
      baselineSeconds,
      parseSeconds,
      written: written!.n,
    };
  } finally {
    await b.cleanup();
  }
}
