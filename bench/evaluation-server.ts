/**
 * The two servers of the evaluation benchmark, each in a child process of its own:
 *
 * - `api`: the real app (`buildApp`, no request log) on PostgreSQL, after writing the data
 *   (bench/applications-data.ts, bench/evaluation-data.ts) and a committee admin. While the parent asks
 *   (`capture` … `captured`), every statement the app sends to PostgreSQL is recorded (text, values, row
 *   mode), so the bare server can run exactly the same SQL.
 * - `bare`: `node:http` + `pg` (a pool of the same size), which answers request `i` by running the
 *   statements captured for it, in the same order and on the same data, and writing the rows as JSON.
 *
 * Both talk to the parent (bench/evaluation.ts) over IPC.
 */
import http from 'node:http';
import pg from 'pg';
import { openDatabase } from '../server/src/db/client';
import { serveApp } from './serve-app';
import { hashPassword } from '../server/src/core/passwords';
import { insertUser, PASSWORD } from '../server/test/helpers';
import { seedApplications, type ListSeed } from './applications-data';
import { seedEvaluation, type EvaluationSeed } from './evaluation-data';
import { substitute, type SubmitPlan } from './review-submit';
import type { Statement } from './common';

export type { Statement };

export type ApiMessage =
  | {
      kind: 'ready';
      port: number;
      list: ListSeed;
      evaluation: EvaluationSeed;
      seedSeconds: number;
      username: string;
      password: string;
    }
  | { kind: 'capturing' }
  | { kind: 'captured'; statements: Statement[] }
  | { kind: 'failed'; message: string };

let capturing: Statement[] | null = null;

/** Record what the app sends (drizzle's node-postgres session calls `client.query(config)`). */
function recordQueries(): void {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    if (capturing) {
      if (typeof first === 'string') capturing.push({ text: first, values: (args[1] as unknown[]) ?? [] });
      else if (first && typeof first === 'object' && 'text' in first) {
        const q = first as { text: string; values?: unknown[]; rowMode?: string };
        capturing.push({
          text: q.text,
          values: (args[1] as unknown[]) ?? q.values ?? [],
          rowMode: q.rowMode,
        });
      }
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

export async function serveApi(url: string): Promise<void> {
  recordQueries();
  const database = await openDatabase({ databaseUrl: url });
  const t0 = performance.now();
  const list = await seedApplications(database.db);
  const evaluation = await seedEvaluation(database.db, list, await hashPassword(PASSWORD));
  const seedSeconds = (performance.now() - t0) / 1000;
  await insertUser(database.db, { username: 'bench-cadmin', role: 'committee_admin' });
  const { app, port } = await serveApp(database, '/tmp');
  process.on('message', async (m: string) => {
    if (m === 'capture') {
      capturing = [];
      process.send!({ kind: 'capturing' } satisfies ApiMessage);
    } else if (m === 'captured') {
      process.send!({ kind: 'captured', statements: capturing ?? [] } satisfies ApiMessage);
      capturing = null;
    } else {
      await app.close();
      await database.close();
      process.exit(0);
    }
  });
  process.send!({
    kind: 'ready',
    port,
    list,
    evaluation,
    seedSeconds,
    username: 'bench-cadmin',
    password: PASSWORD,
  } satisfies ApiMessage);
}

/** Runs statements in order on `on` (the pool, or one client) and answers the last one's rows. */
async function runAll(on: pg.Pool | pg.PoolClient, statements: readonly Statement[]): Promise<unknown[]> {
  let rows: unknown[] = [];
  for (const s of statements) {
    const config = { text: s.text, values: s.values };
    const r =
      s.rowMode === 'array' ? await on.query({ ...config, rowMode: 'array' }) : await on.query(config);
    rows = r.rows;
  }
  return rows;
}

/** Listens on a free port, stops on the parent's word, and tells the parent the port. */
async function listen(server: http.Server, pool: pg.Pool): Promise<void> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.on('message', async () => {
    server.close();
    await pool.end();
    process.exit(0);
  });
  process.send!({ kind: 'ready', port });
}

/**
 * The bare server: GET /<i> runs request i's statements (sequentially, on one pooled client, as the app
 * does for a request without a transaction) and answers the last statement's rows as JSON.
 */
export async function serveBare(url: string, requests: Statement[][]): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const server = http.createServer(async (req, res) => {
    const i = Number((req.url ?? '/').slice(1));
    const statements = requests[i];
    if (!statements) {
      res.writeHead(404).end();
      return;
    }
    try {
      const rows = await runAll(pool, statements);
      const body = JSON.stringify({ items: rows });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await listen(server, pool);
}

/**
 * The bare server of the review submission: GET /<i> locks draft i by replaying its expert's captured
 * lock with the draft's ids (bench/review-submit.ts), every statement in order on one pooled client
 * (BEGIN … COMMIT as captured), and answers the last statement's rows as JSON.
 */
export async function serveBareSubmit(url: string, plan: SubmitPlan): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const server = http.createServer(async (req, res) => {
    const draft = plan.drafts[Number((req.url ?? '/').slice(1))];
    const template = draft && plan.templates[draft.reviewer];
    if (!draft || !template) {
      res.writeHead(404).end();
      return;
    }
    const client = await pool.connect();
    try {
      const rows = await runAll(client, substitute(template.statements, template.draft, draft));
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(rows[0] ?? {}));
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      res.writeHead(500).end(String(err));
    } finally {
      client.release();
    }
  });
  await listen(server, pool);
}
