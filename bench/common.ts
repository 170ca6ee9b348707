/**
 * What the benchmarks share: a fresh PostgreSQL database per run, a logged-in session, waiting for a
 * server to drain, child processes that serve, and each benchmark's own marked section of bench/RESULTS.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** One statement an app sent to PostgreSQL, as captured for a bare server to replay. */
export interface Statement {
  text: string;
  values: unknown[];
  rowMode?: string;
}

export const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database `shifan_bench_<random>` on the server of `url`, and how to drop it. */
export async function pgDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  const name = `shifan_bench_${crypto.randomBytes(5).toString('hex')}`;
  await run(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Logs in and answers the session cookie header. */
export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shifan-csrf': '1' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * autocannon leaves up to 50 requests in flight when it stops, and the server finishes them (PGlite one
 * query at a time): wait until health answers quickly three times in a row before the next measurement.
 */
export async function settle(base: string, cookie: string): Promise<void> {
  let quiet = 0;
  const until = performance.now() + 120_000;
  while (quiet < 3 && performance.now() < until) {
    const t0 = performance.now();
    await (await fetch(`${base}/api/health`, { headers: { cookie } })).arrayBuffer();
    quiet = performance.now() - t0 < 20 ? quiet + 1 : 0;
  }
}

/** Replace (or append) the section `<!-- name:start -->…<!-- name:end -->` of bench/RESULTS.md. */
export function writeSection(name: string, md: string): void {
  const file = path.join(HERE, 'RESULTS.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const re = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->\\n?`);
  const out = re.test(old) ? old.replace(re, md) : `${old}${old && !old.endsWith('\n\n') ? '\n' : ''}${md}`;
  fs.writeFileSync(file, out);
}

/** A benchmark's child process (a server), ready, and how to stop it. */
export interface BenchChild<T> {
  proc: ChildProcess;
  /** The child's `{ kind: 'ready', … }` message. */
  ready: T;
  /** Sends 'stop', waits up to 10 s for the exit, then kills. */
  stop: () => Promise<void>;
}

/**
 * Forks `script` with `args` (stdout and stderr inherited, IPC), sends `first` when given (what the child
 * needs before it can listen), and waits for its `{ kind: 'ready' }` message; a `{ kind: 'failed' }`
 * message or an exit before it rejects.
 */
export function startChild<T>(script: string, args: string[], first?: unknown): Promise<BenchChild<T>> {
  const proc = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const stop = async () => {
    if (proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.send('stop');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (proc.exitCode === null) proc.kill();
  };
  const ready = new Promise<BenchChild<T>>((resolve, reject) => {
    proc.once('message', (m: { kind: string; message?: string }) =>
      m.kind === 'ready' ? resolve({ proc, ready: m as T, stop }) : reject(new Error(m.message)),
    );
    proc.once('exit', (code) => reject(new Error(`${args[0] ?? script} exited (${code})`)));
  });
  if (first !== undefined) proc.send(first as never);
  return ready;
}
