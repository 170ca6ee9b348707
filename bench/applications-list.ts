/**
 * The committee's application list under load (run by `npm run bench` after the other benchmarks, or
 * alone with `npx tsx bench/applications-list.ts`). For each backend — PostgreSQL (a fresh database
 * `shifan_bench_<random>` on `BENCH_DATABASE_URL`, default postgres://postgres@127.0.0.1:5432/postgres,
 * dropped after; skipped when unreachable) and PGlite (a temporary data directory) — a child process
 * writes 100,000 applications (bench/applications-data.ts) and serves the real app on 127.0.0.1; this
 * process logs a committee admin in and drives autocannon over a request mix, each kind first on one
 * connection (the request's own cost), then on 50 connections for `BENCH_LIST_SECONDS` (default 10).
 * The baseline is `GET /api/health` with the same session cookie on the same server at the same
 * concurrency: compare the ratios, the absolute figures move with the machine's load. Results print
 * and go to bench/RESULTS.md in a section of their own. `BENCH_LIST_KINDS=search,deep` measures only
 * those kinds (and the baseline), `BENCH_LIST_BACKENDS=pglite` only that backend.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { ListSeed } from './applications-data';
import type { ServerMessage } from './applications-list-server';
import { mixOf, type RequestKind } from './applications-mix';
import { DEFAULT_PG, login, pgDatabase, settle, startChild, writeSection } from './common';

const SELF = fileURLToPath(import.meta.url);
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_LIST_SECONDS ?? 10);
const SINGLE_SECONDS = Math.max(2, Math.round(SECONDS / 3));
const TARGET_P99_MS = 20;

export interface KindResult {
  name: string;
  note: string;
  single: { p50: number; p99: number };
  p50: number;
  p99: number;
  avg: number;
  rps: number;
  failures: number;
  requests: number;
  example: string;
}
export interface BackendResult {
  backend: 'postgres' | 'pglite';
  seedSeconds: number;
  seed: Omit<ListSeed, 'counts'>;
  kinds: KindResult[];
}

function startServer(backend: 'postgres' | 'pglite', target: string) {
  return startChild<Extract<ServerMessage, { kind: 'ready' }>>(SELF, ['--list-server', backend, target]);
}

/** One request of the kind, checked: 200 and a list (or the health answer). */
async function check(base: string, cookie: string, kind: RequestKind): Promise<string> {
  const p = kind.path(Math.random);
  const res = await fetch(`${base}${p}`, { headers: { cookie } });
  const body = (await res.json()) as { items?: unknown[]; total?: number; status?: string };
  if (res.status !== 200 || (kind.name !== 'health' && !Array.isArray(body.items)))
    throw new Error(`${p} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return p;
}

async function cannon(
  base: string,
  cookie: string,
  kind: RequestKind,
  connections: number,
  duration: number,
) {
  let seed = 1;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const r = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 30,
    headers: { cookie },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: kind.path(rnd) }) }],
  });
  return r;
}

async function measureKind(base: string, cookie: string, kind: RequestKind): Promise<KindResult> {
  const example = await check(base, cookie, kind);
  await settle(base, cookie);
  const single = await cannon(base, cookie, kind, 1, SINGLE_SECONDS);
  const r = await cannon(base, cookie, kind, CONNECTIONS, SECONDS);
  await settle(base, cookie);
  const result: KindResult = {
    name: kind.name,
    note: kind.note,
    single: { p50: single.latency.p50, p99: single.latency.p99 },
    p50: r.latency.p50,
    p99: r.latency.p99,
    avg: r.latency.average,
    rps: r.requests.average,
    failures: r.non2xx + r.errors + single.non2xx + single.errors,
    requests: r.requests.total,
    example,
  };
  console.log(
    `  ${kind.name.padEnd(14)} 1 conn p50 ${single.latency.p50} ms · ${CONNECTIONS} conns p50 ${r.latency.p50} ms, ` +
      `p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s${result.failures ? ` · ${result.failures} failed` : ''}`,
  );
  return result;
}

async function measureBackend(backend: 'postgres' | 'pglite'): Promise<BackendResult | { skipped: string }> {
  let target: string;
  let cleanup: () => Promise<void>;
  if (backend === 'postgres') {
    try {
      const d = await pgDatabase(process.env.BENCH_DATABASE_URL ?? DEFAULT_PG);
      target = d.url;
      cleanup = d.drop;
    } catch (err) {
      return { skipped: `PostgreSQL unreachable (${(err as Error).message})` };
    }
  } else {
    target = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-bench-list-'));
    cleanup = async () => fs.rmSync(target, { recursive: true, force: true });
  }
  try {
    const server = await startServer(backend, target);
    try {
      const { port, seed, seedSeconds, username, password } = server.ready;
      console.log(`  ${seed.applications} applications written in ${seedSeconds.toFixed(1)} s`);
      const base = `http://127.0.0.1:${port}`;
      const cookie = await login(base, username, password);
      const kinds: KindResult[] = [];
      const only = process.env.BENCH_LIST_KINDS?.split(',');
      const mix = mixOf(seed).filter((k) => k.name === 'health' || !only || only.includes(k.name));
      // Warm-up (discarded): connections, caches and the JIT, so the first kind measured is not penalised.
      await cannon(base, cookie, mix[1] ?? mix[0]!, CONNECTIONS, 2);
      await settle(base, cookie);
      for (const kind of mix) kinds.push(await measureKind(base, cookie, kind));
      const { counts: _c, ...facts } = seed;
      return { backend, seedSeconds, seed: facts, kinds };
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

const f1 = (n: number) => n.toFixed(1);

function table(r: BackendResult): string {
  const health = r.kinds.find((k) => k.name === 'health')!;
  const head = [
    'request',
    '1 conn p50 ms',
    `${CONNECTIONS} conns p50 ms`,
    'p99 ms',
    'avg ms',
    'req/s',
    'p99 ÷ health',
    'req/s ÷ health',
    'failed',
  ];
  const rows = r.kinds.map((k) => [
    k.name,
    String(k.single.p50),
    String(k.p50),
    String(k.p99),
    f1(k.avg),
    k.rps.toFixed(0),
    `${(k.p99 / health.p99).toFixed(2)}×`,
    `${(k.rps / health.rps).toFixed(2)}×`,
    `${k.failures} / ${k.requests}`,
  ]);
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((x) => x[i]!.length)));
  const line = (x: string[]) => `| ${x.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function section(results: BackendResult[], notes: string[], load: [number, number]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const first = results[0];
  const kinds = first ? first.kinds.map((k) => `- **${k.name}**: ${k.note} (e.g. \`${k.example}\`)`) : [];
  const tables = results.map((r) => {
    const health = r.kinds.find((k) => k.name === 'health')!;
    const lists = r.kinds.filter((k) => k !== health);
    const worst = Math.max(...lists.map((k) => k.p99));
    const single = Math.max(...lists.map((k) => k.single.p50));
    return `### ${r.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'}

${r.seed.applications} applications, ${r.seed.organizations} organisations in ${r.seed.units.length} units,
${r.seed.venues} venues, ${r.seed.campaigns.length} campaigns; written in ${f1(r.seedSeconds)} s.

${table(r)}

Slowest list request on one connection (p50): ${single} ms. Worst list p99 at ${CONNECTIONS} connections:
${worst} ms (target ≤ ${TARGET_P99_MS} ms on PostgreSQL${worst <= TARGET_P99_MS ? ': met' : ': not met on this run'});
health p99 at the same concurrency: ${health.p99} ms. At ${CONNECTIONS} connections the latency is mostly
queueing: the mean is connections ÷ throughput (Little's law), already ${f1((CONNECTIONS / health.rps) * 1000)} ms for
health alone at ${health.rps.toFixed(0)} req/s, so on this machine the ratios and the one-connection column
say more about the list than the absolute p99.${
      r.backend === 'pglite'
        ? " PGlite runs one query at a time on the server's own thread, so every request also waits for" +
          ` the queries of the other ${CONNECTIONS - 1}; its p99 varies from run to run (seconds in some` +
          ' kinds), p50 and req/s are the steadier figures.'
        : ''
    }`;
  });
  return `<!-- applications-list:start -->
# Application list benchmark

Generated by \`bench/applications-list.ts\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version},
${os.cpus().length} × ${cpu}; load average ${f1(load[0])} before, ${f1(load[1])} after (the machine is shared, so
absolute times move with it: compare the ratios to \`health\`, measured on the same server in the same run).

The real app (\`buildApp\`, no request log) in a child process on 127.0.0.1, a committee admin's session
cookie on every request (so \`health\` also resolves the session: the ratio isolates the list's own work).
Each request kind runs first on 1 connection for ${SINGLE_SECONDS} s (the request's own latency), then on
${CONNECTIONS} connections for ${SECONDS} s (autocannon); each request draws its filters at random from the
kind's pattern, so no two consecutive requests ask the same page.

${kinds.join('\n')}

${tables.join('\n\n')}
${notes.map((n) => `\n- ${n}`).join('')}
<!-- applications-list:end -->
`;
}

export async function runApplicationsListBench(): Promise<BackendResult[]> {
  const before = os.loadavg()[0]!;
  const results: BackendResult[] = [];
  const notes: string[] = [];
  const backends = (process.env.BENCH_LIST_BACKENDS ?? 'postgres,pglite').split(',') as (
    'postgres' | 'pglite'
  )[];
  for (const backend of backends) {
    console.log(`Application list on ${backend}…`);
    const r = await measureBackend(backend);
    if ('skipped' in r) {
      notes.push(`${backend}: skipped — ${r.skipped}`);
      console.log(`  skipped: ${r.skipped}`);
    } else {
      results.push(r);
      console.log(`\n${table(r)}\n`);
    }
  }
  writeSection('applications-list', section(results, notes, [before, os.loadavg()[0]!]));
  console.log('Wrote the application list section of bench/RESULTS.md');
  return results;
}

if (process.argv[2] === '--list-server') {
  import('./applications-list-server')
    .then((m) => m.serveList(process.argv[3] as 'pglite' | 'postgres', process.argv[4]!))
    .catch((err: unknown) => {
      console.error(err);
      process.send?.({ kind: 'failed', message: String(err) } satisfies ServerMessage);
      process.exit(1);
    });
} else if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  runApplicationsListBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
