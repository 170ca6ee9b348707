/**
 * Publication day (issue #8, Speed): the public pages anyone may open without login — the certificate
 * verification answer a QR code opens, the list of open publicities and one publicity's list — with
 * 10,000 titles in the database. The real app (`buildApp`, production settings, no request log) serves
 * them from a child process; a bare `node:http` server in another child process answers the same paths
 * with the same bytes and headers (content type, ETag), taken from the app's own answers beforehand. The
 * ratio app ÷ bare of requests per second, measured in the same run, is the figure to watch (target
 * ≥ 0.5×); then a burst of 1,000 concurrent connections on the verification answer must give 0 errors.
 *
 * The data: the test tree, a campaign decided and published through the publicity module's test kit and
 * certified through the titles service after the window (so the publicity and the first title are the
 * real thing), then 9,999 further titles copied from that one in SQL (each with its own application row,
 * holder name, serial and verification token); the publicity lists 203 entries like the seed's (107 sites
 * and 96 venues) and its window is moved to end a week ahead, so the open list names it. Each verification
 * request draws one of the 10,000 tokens
 * at random: after the first pass the app answers from its rendered-response cache, as on the day.
 *
 * Runs on PGlite (the pages are served from the cache, so the database matters only for the first
 * answer of each token). `npx tsx bench/public-pages.ts` runs it alone; `npm run bench` runs it last.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startChild, writeSection, type BenchChild } from './common';

const SELF = fileURLToPath(import.meta.url);
export const TITLES = 10_000;
const PUBLICITY_ENTRIES = 203;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_PUBLIC_SECONDS ?? 10);
const BURST_CONNECTIONS = 1000;
const BURST_SECONDS = 5;
const TARGET_RATIO = 0.5;

/** What the app child tells the parent once it listens. */
type AppMessage =
  | { kind: 'ready'; port: number; tokens: string[]; publicityId: string; seedSeconds: number }
  | { kind: 'failed'; message: string };

/** One answer as the app gave it: the bare server replays exactly these bytes and headers. */
interface Recorded {
  status: number;
  type: string;
  etag: string | null;
  body: string;
}

interface PageResult {
  name: string;
  note: string;
  example: string;
  bytes: number;
  app: { rps: number; p50: number; p99: number; failures: number; requests: number };
  bare: { rps: number; p50: number; p99: number; failures: number; requests: number };
}

interface BurstResult {
  connections: number;
  seconds: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p99: number;
}

// ---------------------------------------------------------------------------------------------------
// The app child: seed, serve, report the tokens.

async function serveAppChild(dataDir: string): Promise<void> {
  const { sql } = await import('drizzle-orm');
  const { openDatabase } = await import('../server/src/db/client');
  const { seedTree, seedUsers } = await import('../server/test/helpers');
  const { actorOf } = await import('../server/src/modules/decisions/test-kit');
  const { seedCertified } = await import('../server/src/modules/titles/test-kit');
  const { BENCH_KEYS, serveApp } = await import('./serve-app');
  const { openAuditChain } = await import('../server/src/modules/audit/chain');

  const database = await openDatabase({ databaseUrl: null, dataDir });
  await openAuditChain(database.db, BENCH_KEYS);
  const t0 = performance.now();
  const tree = await seedTree(database.db);
  const users = await seedUsers(database.db, tree);
  const year = 2026;
  await database.db.execute(sql`INSERT INTO calendar_days (date, kind, name)
    VALUES (${`${year}-01-01`}, 'holiday', '元旦'), (${`${year + 1}-01-01`}, 'holiday', '元旦')
    ON CONFLICT DO NOTHING`);
  const s = await seedCertified(
    database.db,
    { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB },
    actorOf(users.committee_admin),
  );
  // 9,999 copies of the certified application and its title: own ids (version-4 form, which the
  // contracts check), subjects, names, serials, tokens.
  const copies = TITLES - 1;
  await database.db.execute(sql`
    INSERT INTO applications
    SELECT (jsonb_populate_record(NULL::applications, to_jsonb(a) || jsonb_build_object(
      'id', overlay(overlay(md5('bench-app-' || n) placing '4' from 13) placing '8' from 17)::uuid, 'subject_id', overlay(overlay(md5('bench-subject-' || n) placing '4' from 13) placing '8' from 17)::uuid))).*
    FROM applications a, generate_series(1, ${copies}) AS n
    WHERE a.id = ${s.title.applicationId}`);
  await database.db.execute(sql`
    INSERT INTO titles
    SELECT (jsonb_populate_record(NULL::titles, to_jsonb(t) || jsonb_build_object(
      'id', overlay(overlay(md5('bench-title-' || n) placing '4' from 13) placing '8' from 17)::uuid,
      'application_id', overlay(overlay(md5('bench-app-' || n) placing '4' from 13) placing '8' from 17)::uuid,
      'subject_id', overlay(overlay(md5('bench-subject-' || n) placing '4' from 13) placing '8' from 17)::uuid,
      'holder_name', '河西区第' || n || '党支部',
      'serial', 'TJ-BENCH-' || ${year} || '-' || lpad(n::text, 5, '0'),
      'verify_token', substr(translate(encode(sha256(('bench-token-' || n)::bytea), 'base64'), '+/=', '-_'), 1, 32)
    ))).*
    FROM titles t, generate_series(1, ${copies}) AS n
    WHERE t.id = ${s.title.id}`);
  // The publicity lists as many entries as the seed's campaign proposed (107 sites and 96 venues): the
  // listed item copied with the copies' applications and names. Its window is moved to end in a week, so
  // the list of open publicities names it as on the day.
  await database.db.execute(sql`
    INSERT INTO publicity_items
    SELECT (jsonb_populate_record(NULL::publicity_items, to_jsonb(i) || jsonb_build_object(
      'id', overlay(overlay(md5('bench-item-' || n) placing '4' from 13) placing '8' from 17)::uuid,
      'application_id', overlay(overlay(md5('bench-app-' || n) placing '4' from 13) placing '8' from 17)::uuid,
      'rank', i.rank + n,
      'name', '河西区第' || n || '党支部',
      'brand_name', '红色引擎' || n || '号'))).*
    FROM publicity_items i, generate_series(1, ${PUBLICITY_ENTRIES - 1}) AS n
    WHERE i.publicity_id = ${s.publicity.id} AND i.application_id = ${s.title.applicationId}`);
  await database.db.execute(
    sql`UPDATE publicities SET status = 'open', ends_at = now() + interval '7 days' WHERE id = ${s.publicity.id}`,
  );
  const rows = await database.db.execute<{ verify_token: string }>(
    sql`SELECT verify_token FROM titles ORDER BY serial`,
  );
  const tokens = (rows as unknown as { rows: { verify_token: string }[] }).rows.map((r) => r.verify_token);
  const seedSeconds = (performance.now() - t0) / 1000;
  const { app, port } = await serveApp(database, dataDir);
  process.on('message', async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
  process.send!({
    kind: 'ready',
    port,
    tokens,
    publicityId: s.publicity.id,
    seedSeconds,
  } satisfies AppMessage);
}

// ---------------------------------------------------------------------------------------------------
// The bare child: the same bytes for the same paths, nothing else.

function serveBareChild(): void {
  process.once('message', (answers: Record<string, Recorded>) => {
    const server = http.createServer((req, res) => {
      const a = answers[req.url ?? ''];
      if (!a) {
        res.writeHead(404).end();
        return;
      }
      const headers: http.OutgoingHttpHeaders = {
        'content-type': a.type,
        'cache-control': 'public, no-cache',
      };
      if (a.etag) headers.etag = a.etag;
      res.writeHead(a.status, headers).end(a.body);
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      process.send!({ kind: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
    });
    process.on('message', () => server.close(() => process.exit(0)));
  });
}

// ---------------------------------------------------------------------------------------------------
// The parent: start both, record the app's answers, measure.

async function record(base: string, paths: string[]): Promise<Record<string, Recorded>> {
  const out: Record<string, Recorded> = {};
  for (const p of paths) {
    const res = await fetch(`${base}${p}`);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${body.slice(0, 300)}`);
    out[p] = {
      status: res.status,
      type: res.headers.get('content-type') ?? 'application/json',
      etag: res.headers.get('etag'),
      body,
    };
  }
  return out;
}

async function cannon(base: string, paths: string[], connections: number, duration: number) {
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const r = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 30,
    requests: [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[Math.floor(rnd() * paths.length)]! }) },
    ],
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    failures: r.non2xx + r.errors + r.timeouts,
    requests: r.requests.total,
    raw: r,
  };
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function table(pages: PageResult[]): string {
  const head = [
    'page',
    'bytes',
    'app req/s',
    'bare req/s',
    'ratio',
    'app p50/p99 ms',
    'bare p50/p99 ms',
    'failed',
  ];
  const rows = pages.map((p) => [
    p.name,
    String(p.bytes),
    p.app.rps.toFixed(0),
    p.bare.rps.toFixed(0),
    `${f2(p.app.rps / p.bare.rps)}×`,
    `${p.app.p50} / ${p.app.p99}`,
    `${p.bare.p50} / ${p.bare.p99}`,
    `${p.app.failures} / ${p.app.requests}`,
  ]);
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((x) => x[i]!.length)));
  const line = (x: string[]) => `| ${x.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function section(
  pages: PageResult[],
  burst: BurstResult,
  seedSeconds: number,
  load: [number, number],
): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const worst = Math.min(...pages.map((p) => p.app.rps / p.bare.rps));
  const burstFailed = burst.non2xx + burst.errors + burst.timeouts;
  return `<!-- public-pages:start -->
# Public pages on publication day

Generated by \`bench/public-pages.ts\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version},
${os.cpus().length} × ${cpu}; load average ${f1(load[0])} before, ${f1(load[1])} after (the machine is shared:
compare the ratios, measured in the same run).

${TITLES} titles (one certified through the titles service after a real publicity, the rest copied from it in
SQL with their own application rows, holders, serials and tokens), written in ${f1(seedSeconds)} s on PGlite.
The real app (\`buildApp\`, production settings, no request log) in one child process; a bare \`node:http\`
server in another answers the same paths with the same bytes, content type and ETag (recorded from the
app's own answers). Each page runs on the app, then on the bare server, ${CONNECTIONS} connections for
${SECONDS} s (autocannon, from this process).

${pages.map((p) => `- **${p.name}**: ${p.note} (e.g. \`${p.example}\`)`).join('\n')}

${table(pages)}

Lowest ratio: ${f2(worst)}× (target ≥ ${TARGET_RATIO}×${worst >= TARGET_RATIO ? ': met' : ': not met on this run'}).

Burst: ${burst.connections} concurrent connections on the verification answer for ${burst.seconds} s:
${burst.requests} requests, ${burst.non2xx} non-2xx, ${burst.errors} errors, ${burst.timeouts} timeouts, p99 ${burst.p99} ms
(target 0 failed${burstFailed === 0 ? ': met' : ': not met on this run'}).
<!-- public-pages:end -->
`;
}

export async function runPublicPagesBench(): Promise<{ pages: PageResult[]; burst: BurstResult }> {
  const before = os.loadavg()[0]!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-bench-public-'));
  console.log(`Public pages with ${TITLES} titles…`);
  let appChild: BenchChild<Extract<AppMessage, { kind: 'ready' }>> | null = null;
  let bareChild: BenchChild<{ port: number }> | null = null;
  try {
    appChild = await startChild(SELF, ['--app', dataDir]);
    const ready = appChild.ready;
    console.log(`  ${ready.tokens.length} titles written in ${f1(ready.seedSeconds)} s`);
    const appBase = `http://127.0.0.1:${ready.port}`;
    const kinds = [
      {
        name: 'verify',
        note: `证书验证: one of the ${TITLES} titles' verification answers, drawn at random per request`,
        paths: ready.tokens.map((t) => `/api/public/verify/${t}`),
      },
      { name: 'publicity list', note: '正在公示: the open publicities', paths: ['/api/public/publicity'] },
      {
        name: 'publicity',
        note: "公示名单: one publicity's list, its window and how to object",
        paths: [`/api/public/publicity/${ready.publicityId}`],
      },
    ];
    // Every answer once through the app (rendering and caching each), then handed to the bare server.
    const answers = await record(
      appBase,
      kinds.flatMap((k) => k.paths),
    );
    const invalid = Object.entries(answers).filter(
      ([p, a]) => p.includes('/verify/') && !a.body.includes('"verdict":"valid"'),
    );
    if (invalid.length)
      throw new Error(`${invalid.length} tokens are not valid titles, e.g. ${invalid[0]![1].body}`);
    bareChild = await startChild<{ port: number }>(SELF, ['--bare'], answers);
    const bareBase = `http://127.0.0.1:${bareChild.ready.port}`;
    // Warm-up (discarded): connections and the JIT on both servers.
    await cannon(appBase, kinds[0]!.paths, CONNECTIONS, 2);
    await cannon(bareBase, kinds[0]!.paths, CONNECTIONS, 2);
    const pages: PageResult[] = [];
    for (const k of kinds) {
      const app = await cannon(appBase, k.paths, CONNECTIONS, SECONDS);
      const bare = await cannon(bareBase, k.paths, CONNECTIONS, SECONDS);
      const { raw: _a, ...appFigures } = app;
      const { raw: _b, ...bareFigures } = bare;
      pages.push({
        name: k.name,
        note: k.note,
        example: k.paths[0]!,
        bytes: Buffer.byteLength(answers[k.paths[0]!]!.body),
        app: appFigures,
        bare: bareFigures,
      });
      console.log(
        `  ${k.name.padEnd(15)} app ${app.rps.toFixed(0)} req/s, bare ${bare.rps.toFixed(0)} req/s: ` +
          `${f2(app.rps / bare.rps)}×${app.failures ? ` · ${app.failures} failed` : ''}`,
      );
    }
    const b = await cannon(appBase, kinds[0]!.paths, BURST_CONNECTIONS, BURST_SECONDS);
    const burst: BurstResult = {
      connections: BURST_CONNECTIONS,
      seconds: BURST_SECONDS,
      requests: b.requests,
      non2xx: b.raw.non2xx,
      errors: b.raw.errors,
      timeouts: b.raw.timeouts,
      p99: b.p99,
    };
    console.log(
      `  burst ${BURST_CONNECTIONS} connections: ${burst.requests} requests, ${burst.non2xx} non-2xx, ` +
        `${burst.errors} errors, ${burst.timeouts} timeouts`,
    );
    console.log(`\n${table(pages)}\n`);
    writeSection('public-pages', section(pages, burst, ready.seedSeconds, [before, os.loadavg()[0]!]));
    console.log('Wrote the public pages section of bench/RESULTS.md');
    return { pages, burst };
  } finally {
    await appChild?.stop();
    await bareChild?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--app') {
  serveAppChild(process.argv[3]!).catch((err: unknown) => {
    console.error(err);
    process.send?.({ kind: 'failed', message: String(err) } satisfies AppMessage);
    process.exit(1);
  });
} else if (process.argv[2] === '--bare') {
  serveBareChild();
} else if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  runPublicPagesBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
