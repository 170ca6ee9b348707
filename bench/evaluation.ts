/**
 * Evaluation at scale (issue #6 "Speed"; run by `npm run bench`, or alone with
 * `npx tsx bench/evaluation.ts`), on PostgreSQL (a fresh database `shifan_bench_<random>` on
 * `BENCH_DATABASE_URL`, dropped after; skipped when unreachable): 100,000 applications × 3 stages × 5
 * reviews = 1.5 million locked reviews (bench/evaluation-data.ts).
 *
 * - **Recomputation**: `POST /api/campaigns/:id/recompute` for each campaign (every stage result, the
 *   standardisation, every total) against the best single statement we could write that computes and
 *   writes the same numbers (`BEST_RECOMPUTE`); both run in turn on the same database, three rounds, the
 *   median kept; the totals they leave are compared.
 * - **Ranking page** (first 50 of one track × kind, both modes) and **the committee's application list**:
 *   the real app against a bare `node:http` + `pg` server that runs the statements captured from the app
 *   for the same requests, on the same database, at 50 connections (autocannon), one after the other.
 *
 * Results print and go to bench/RESULTS.md (section `evaluation`). Compare the ratios: the absolute figures
 * move with the machine's load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import type { ApiMessage, Statement } from './evaluation-server';
import { mixOf } from './applications-mix';
import { DEFAULT_PG, login, pgDatabase, settle, startChild, writeSection, type BenchChild } from './common';
import {
  interleave,
  lockRun,
  loginAll,
  prepareDrafts,
  SUBMITS,
  SUBMITTERS,
  WARM_UP,
  type SubmitPlan,
} from './review-submit';

const SELF = fileURLToPath(import.meta.url);
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_EVAL_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_EVAL_ROUNDS ?? 3);

/** Stage results, standardisation and totals of one campaign in one statement (the same rules as recompute.ts). */
export const BEST_RECOMPUTE = `
WITH counted AS (
  SELECT r.stage_id, r.application_id, r.reviewer_id, r.score
  FROM reviews r
  JOIN stages s ON s.id = r.stage_id
  JOIN applications a ON a.id = r.application_id
  LEFT JOIN reviewer_profiles rp ON rp.user_id = r.reviewer_id
  WHERE s.campaign_id = $1 AND s.method IN ('criteria_scoring', 'presentation') AND r.status = 'locked'
    AND NOT EXISTS (SELECT 1 FROM declared_conflicts d WHERE d.reviewer_id = r.reviewer_id AND d.application_id = r.application_id)
    AND NOT (rp.affiliation_unit_id IS NOT NULL AND rp.affiliation_unit_id = a.unit_id
             AND NOT EXISTS (SELECT 1 FROM conflict_overrides o WHERE o.reviewer_id = r.reviewer_id AND o.application_id = r.application_id))
),
st AS (SELECT stage_id, avg(score) AS mu, stddev_pop(score) AS sigma FROM counted GROUP BY stage_id),
rv AS (SELECT stage_id, reviewer_id, count(*) AS n, avg(score) AS mu_r, stddev_pop(score) AS sd_r
       FROM counted GROUP BY stage_id, reviewer_id),
z AS (
  SELECT c.stage_id, c.application_id, c.score,
    CASE WHEN rv.n >= 5 AND rv.sd_r > 0 THEN least(100, greatest(0, st.mu + st.sigma * (c.score - rv.mu_r) / rv.sd_r))
         ELSE c.score END AS x
  FROM counted c JOIN rv USING (stage_id, reviewer_id) JOIN st USING (stage_id)
),
agg AS (
  SELECT z.stage_id, z.application_id, count(*)::int AS n,
    CASE WHEN count(*) >= 5 THEN (sum(z.score) - max(z.score) - min(z.score)) / (count(*) - 2) ELSE avg(z.score) END AS score,
    CASE WHEN count(*) >= 5 THEN (sum(z.x) - max(z.x) - min(z.x)) / (count(*) - 2) ELSE avg(z.x) END AS x,
    max(z.score) - min(z.score) AS spread, stddev_pop(z.score) AS sd
  FROM z GROUP BY z.stage_id, z.application_id
),
sr AS (
  SELECT agg.stage_id, agg.application_id, a.campaign_id, a.track_code, a.org_kind, a.unit_id, a.submitted_at,
    agg.n, round(agg.score::numeric, 9)::float8 AS score,
    CASE WHEN s.standardise THEN round(agg.x::numeric, 9)::float8 ELSE round(agg.score::numeric, 9)::float8 END AS std,
    agg.spread, agg.sd, s.weight::float8 AS weight, s.position,
    array_remove(ARRAY[CASE WHEN agg.n < s.min_reviews THEN 'below_minimum' END,
                       CASE WHEN agg.spread > s.spread_threshold THEN 'spread' END], NULL) AS flags
  FROM agg JOIN stages s ON s.id = agg.stage_id JOIN applications a ON a.id = agg.application_id
),
written AS (
  INSERT INTO stage_results AS t (stage_id, application_id, campaign_id, track_code, org_kind, unit_id,
    review_count, score, standardised_score, spread, sd, gate_passed, failed_vetoes, flags, entered_at, updated_at)
  SELECT stage_id, application_id, campaign_id, track_code, org_kind, unit_id, n, score, std, spread, sd, NULL, '{}',
    flags, now(), now() FROM sr
  ON CONFLICT (stage_id, application_id) DO UPDATE SET review_count = excluded.review_count, score = excluded.score,
    standardised_score = excluded.standardised_score, spread = excluded.spread, sd = excluded.sd,
    flags = excluded.flags, updated_at = excluded.updated_at
),
totals AS (
  SELECT application_id, campaign_id, track_code, org_kind, unit_id, submitted_at,
    round(sum(weight * score ORDER BY position)::numeric, 9)::float8 AS final,
    round(sum(weight * std ORDER BY position)::numeric, 9)::float8 AS final_std,
    (array_agg(score ORDER BY position DESC))[1] AS last_score,
    (array_agg(std ORDER BY position DESC))[1] AS last_std,
    sum(n)::int AS counted
  FROM sr WHERE weight > 0
  GROUP BY application_id, campaign_id, track_code, org_kind, unit_id, submitted_at
)
INSERT INTO evaluation_totals AS t (application_id, campaign_id, track_code, org_kind, unit_id, final_score,
  final_standardised, last_stage_score, last_stage_standardised, counted_reviews, gates_passed, submitted_at, updated_at)
SELECT application_id, campaign_id, track_code, org_kind, unit_id, final, final_std, last_score, last_std, counted,
  true, submitted_at, now() FROM totals
ON CONFLICT (application_id) DO UPDATE SET final_score = excluded.final_score,
  final_standardised = excluded.final_standardised, last_stage_score = excluded.last_stage_score,
  last_stage_standardised = excluded.last_stage_standardised, counted_reviews = excluded.counted_reviews,
  gates_passed = excluded.gates_passed, submitted_at = excluded.submitted_at, updated_at = excluded.updated_at`;

const CHECKSUM = `SELECT count(*)::int AS n, round(sum(final_score)::numeric, 4)::text AS raw,
  round(sum(final_standardised)::numeric, 4)::text AS std FROM evaluation_totals WHERE campaign_id = $1`;

/** A server child as the measurements use it: its process (capture messages) and how to stop it. */
type Child = Omit<BenchChild<unknown>, 'ready'>;

function start<T>(args: string[]): Promise<{ child: Child; ready: T }> {
  return startChild<T>(SELF, args).then(({ ready, ...child }) => ({ child, ready }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface RecomputeResult {
  apiSeconds: number;
  bestSeconds: number;
  same: boolean;
  checksum: string;
}

async function measureRecompute(
  base: string,
  cookie: string,
  url: string,
  campaigns: string[],
): Promise<RecomputeResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const checksum = async () => {
    const sums: unknown[] = [];
    for (const c of campaigns) sums.push((await client.query(CHECKSUM, [c])).rows[0]);
    return JSON.stringify(sums);
  };
  const api: number[] = [];
  const best: number[] = [];
  let apiSum = '';
  let bestSum = '';
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      let t0 = performance.now();
      for (const c of campaigns) {
        const res = await fetch(`${base}/api/campaigns/${c}/recompute`, {
          method: 'POST',
          headers: { cookie, 'x-shifan-csrf': '1' },
        });
        if (res.status !== 200) throw new Error(`recompute answered ${res.status}: ${await res.text()}`);
      }
      const a = (performance.now() - t0) / 1000;
      apiSum = await checksum();
      t0 = performance.now();
      for (const c of campaigns) await client.query(BEST_RECOMPUTE, [c]);
      const b = (performance.now() - t0) / 1000;
      bestSum = await checksum();
      console.log(`  recompute round ${round}: API ${a.toFixed(2)} s, best statement ${b.toFixed(2)} s`);
      // Round 0 warms the caches.
      if (round > 0) {
        api.push(a);
        best.push(b);
      }
    }
  } finally {
    await client.end();
  }
  return { apiSeconds: median(api), bestSeconds: median(best), same: apiSum === bestSum, checksum: apiSum };
}

interface LoadResult {
  name: string;
  note: string;
  example: string;
  apiRps: number;
  bareRps: number;
  apiP50: number;
  bareP50: number;
  failures: number;
  statements: number;
}

async function cannon(base: string, paths: string[], headers: Record<string, string>) {
  let i = 0;
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
}

/** The statements the app sends to PostgreSQL while it answers one request (which must answer 200). */
async function capture(child: Child, url: string, init: RequestInit): Promise<Statement[]> {
  await new Promise<void>((resolve) => {
    child.proc.once('message', () => resolve());
    child.proc.send('capture');
  });
  const res = await fetch(url, init);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  return new Promise<Statement[]>((resolve) => {
    child.proc.once('message', (m: ApiMessage) => m.kind === 'captured' && resolve(m.statements));
    child.proc.send('captured');
  });
}

async function measureLoad(
  name: string,
  note: string,
  paths: string[],
  api: { base: string; cookie: string; child: Child },
  url: string,
): Promise<LoadResult> {
  const captured: Statement[][] = [];
  for (const p of paths)
    captured.push(await capture(api.child, `${api.base}${p}`, { headers: { cookie: api.cookie } }));
  const file = path.join(os.tmpdir(), `shifan-bench-${name}-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(captured));
  const bare = await start<{ port: number }>(['--evaluation-bare', url, file]);
  try {
    const bareBase = `http://127.0.0.1:${bare.ready.port}`;
    const barePaths = paths.map((_, i) => `/${i}`);
    const check = await fetch(`${bareBase}/0`);
    if (check.status !== 200) throw new Error(`bare ${name} answered ${check.status}: ${await check.text()}`);
    await cannon(api.base, paths, { cookie: api.cookie }); // warm-up, discarded
    await settle(api.base, api.cookie);
    const a = await cannon(api.base, paths, { cookie: api.cookie });
    await settle(api.base, api.cookie);
    await cannon(bareBase, barePaths, {}); // warm-up, discarded
    const b = await cannon(bareBase, barePaths, {});
    await settle(api.base, api.cookie);
    const r: LoadResult = {
      name,
      note,
      example: paths[0]!,
      apiRps: a.requests.average,
      bareRps: b.requests.average,
      apiP50: a.latency.p50,
      bareP50: b.latency.p50,
      failures: a.non2xx + a.errors + b.non2xx + b.errors,
      statements: captured.reduce((n, s) => n + s.length, 0) / captured.length,
    };
    console.log(
      `  ${name}: API ${r.apiRps.toFixed(0)} req/s, bare ${r.bareRps.toFixed(0)} req/s → ${(r.apiRps / r.bareRps).toFixed(2)}×` +
        ` (${r.statements.toFixed(1)} statements per request${r.failures ? `, ${r.failures} failed` : ''})`,
    );
    return r;
  } finally {
    await bare.child.stop();
    fs.rmSync(file, { force: true });
  }
}

/**
 * Review submission at 50 concurrent experts (bench/review-submit.ts): the app's lock against the bare
 * server replaying each expert's captured lock on drafts of its own. Checks every draft it sent got locked.
 */
async function measureSubmit(
  api: { base: string; child: Child },
  url: string,
  campaignId: string,
  password: string,
): Promise<LoadResult> {
  const slack = 2 * SUBMITTERS;
  const perReviewer = 1 + Math.ceil((2 * (WARM_UP + SUBMITS) + 4 * slack) / SUBMITTERS);
  const { usernames, drafts } = await prepareDrafts(url, campaignId, perReviewer);
  const cookies = await loginAll(api.base, usernames, password);
  const queue = interleave(drafts);
  const firsts = queue.slice(0, SUBMITTERS);
  const rest = queue.slice(SUBMITTERS);
  const cut = (from: number, n: number) => rest.slice(from, from + n);
  const apiWarm = cut(0, WARM_UP + slack);
  const apiRun = cut(WARM_UP + slack, SUBMITS + slack);
  const bareDrafts = rest.slice(WARM_UP + SUBMITS + 2 * slack);
  const templates: SubmitPlan['templates'] = [];
  for (const d of firsts) {
    const statements = await capture(api.child, `${api.base}/api/reviews/${d.reviewId}/lock`, {
      method: 'POST',
      headers: { cookie: cookies[d.reviewer]!, 'x-shifan-csrf': '1', 'content-type': 'application/json' },
      body: '{"version":2}',
    });
    templates[d.reviewer] = { draft: d, statements };
  }
  const file = path.join(os.tmpdir(), `shifan-bench-submit-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify({ templates, drafts: bareDrafts } satisfies SubmitPlan));
  const bare = await start<{ port: number }>(['--submit-bare', url, file]);
  try {
    const bareBase = `http://127.0.0.1:${bare.ready.port}`;
    await lockRun(api.base, apiWarm, cookies, WARM_UP);
    await settle(api.base, cookies[0]!);
    const a = await lockRun(api.base, apiRun, cookies, SUBMITS);
    await settle(api.base, cookies[0]!);
    await lockRun(bareBase, bareDrafts, null, WARM_UP);
    const b = await lockRun(bareBase, bareDrafts, null, SUBMITS, WARM_UP + slack);
    await settle(api.base, cookies[0]!);
    const locked = await lockedIn(url, campaignId);
    const sent = SUBMITTERS + a.requests.sent + b.requests.sent + 2 * WARM_UP;
    const r: LoadResult = {
      name: 'review submit',
      note:
        `an expert confirms and locks a complete sheet (POST /api/reviews/:id/lock: the review row, its audit event, ` +
        `the application's stage result and total in one transaction), ${SUBMITS} locks per side after ${WARM_UP} ` +
        `discarded, ${locked} drafts locked of ${sent} requests sent`,
      example: `/api/reviews/${apiRun[0]!.reviewId}/lock`,
      apiRps: a.requests.average,
      bareRps: b.requests.average,
      apiP50: a.latency.p50,
      bareP50: b.latency.p50,
      failures: a.non2xx + a.errors + b.non2xx + b.errors + Math.abs(sent - locked),
      statements: templates.reduce((n, t) => n + t.statements.length, 0) / templates.length,
    };
    console.log(
      `  ${r.name}: API ${r.apiRps.toFixed(0)} req/s, bare ${r.bareRps.toFixed(0)} req/s → ${(r.apiRps / r.bareRps).toFixed(2)}×` +
        ` (${r.statements.toFixed(1)} statements per request; ${locked} of ${sent} locked)`,
    );
    return r;
  } finally {
    await bare.child.stop();
    fs.rmSync(file, { force: true });
  }
}

async function lockedIn(url: string, campaignId: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(
      `SELECT count(*)::int AS n FROM reviews r JOIN stages s ON s.id = r.stage_id
       WHERE s.campaign_id = $1 AND s.position = 4 AND r.status = 'locked'`,
      [campaignId],
    );
    return (r.rows[0] as { n: number }).n;
  } finally {
    await c.end();
  }
}

function section(
  facts: { applications: number; reviews: number; experts: number; seedSeconds: number },
  recompute: RecomputeResult,
  loads: LoadResult[],
  load: [number, number],
): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const rows = loads.map(
    (l) =>
      `| ${l.name} | ${l.statements.toFixed(1)} | ${l.apiRps.toFixed(0)} | ${l.bareRps.toFixed(0)} | ${(l.apiRps / l.bareRps).toFixed(2)}× | ${l.apiP50} / ${l.bareP50} | ${l.failures} |`,
  );
  const ratio = recompute.apiSeconds / recompute.bestSeconds;
  return `<!-- evaluation:start -->
# Evaluation benchmark

Generated by \`bench/evaluation.ts\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version},
${os.cpus().length} × ${cpu}; load average ${load[0].toFixed(1)} before, ${load[1].toFixed(1)} after. PostgreSQL.

${facts.applications} applications in 3 campaigns × 3 weighted stages × 5 locked reviews = ${facts.reviews} reviews by
${facts.experts} experts (one in five affiliated to a unit: their reviews of that unit's applicants are derived
conflicts and do not count); written in ${facts.seedSeconds.toFixed(0)} s.

## Recomputation (target ≤ 1.5×)

Every stage result, the standardisation of the stage that standardises and every total of the three
campaigns: \`POST /api/campaigns/:id/recompute\` (one set-based statement, \`recomputeCampaign\`, and its audit event
in a transaction, through HTTP) against the best single statement we could write that computes and writes the
same rows (CTEs over the counted reviews; \`BEST_RECOMPUTE\` in bench/evaluation.ts). Median of ${ROUNDS} rounds
after one warm-up round, each taking turns on the same database.

| API s | best statement s | ratio | same totals |
|-------|------------------|-------|-------------|
| ${recompute.apiSeconds.toFixed(2)} | ${recompute.bestSeconds.toFixed(2)} | ${ratio.toFixed(2)}× | ${recompute.same ? 'yes' : 'NO'} |

## Requests against a bare server running the same SQL

The real app (\`buildApp\`, a committee admin's session cookie) against a bare \`node:http\` + \`pg\` server (pool of
20, as the app's) that answers each request by running the statements captured from the app for that same request
(session lookup included), in order, and writing the rows as JSON; ${CONNECTIONS} connections, ${SECONDS} s each, one after
the other, after a discarded warm-up (the review submission: a fixed number of locks per side instead, each side on
drafts of its own; see its note). Targets: ranking ≥ 0.8×, review submit ≥ 0.7×; the list is reported. The app sends three of the
ranking's statements at once on pooled connections (page, group size, quota) where the bare server runs them in
order, which is why it can pass 1×; with the load average above, the absolute req/s measure the machine more than the code.

| request | statements | API req/s | bare req/s | API ÷ bare | p50 ms API / bare | failed |
|---------|------------|-----------|------------|------------|-------------------|--------|
${rows.join('\n')}

${loads.map((l) => `- **${l.name}**: ${l.note} (e.g. \`${l.example}\`)`).join('\n')}
<!-- evaluation:end -->
`;
}

export async function runEvaluationBench(): Promise<void> {
  const before = os.loadavg()[0]!;
  let db: { url: string; drop: () => Promise<void> };
  try {
    db = await pgDatabase(process.env.BENCH_DATABASE_URL ?? DEFAULT_PG);
  } catch (err) {
    console.log(`Evaluation benchmark skipped: PostgreSQL unreachable (${(err as Error).message})`);
    return;
  }
  try {
    console.log('Evaluation on PostgreSQL: writing 100,000 applications and 1.5 million reviews…');
    const api = await start<Extract<ApiMessage, { kind: 'ready' }>>(['--evaluation-api', db.url]);
    try {
      const { port, list, evaluation, seedSeconds, username, password } = api.ready;
      console.log(`  ${evaluation.reviews} reviews written in ${seedSeconds.toFixed(0)} s`);
      const base = `http://127.0.0.1:${port}`;
      const cookie = await login(base, username, password);
      const campaigns = list.campaigns.map((c) => c.id);
      if (process.env.BENCH_EVAL_ONLY === 'submit') {
        // While working on the submission alone: measure it and print, RESULTS.md untouched.
        console.log(await measureSubmit({ base, child: api.child }, db.url, campaigns[0]!, password));
        return;
      }
      const recompute = await measureRecompute(base, cookie, db.url, campaigns);
      const target = { base, cookie, child: api.child };
      const ranking = campaigns.flatMap((c) =>
        ['kind=branch&', 'kind=party_committee&', 'kind=general_branch&', ''].flatMap((k) =>
          ['raw', 'standardised'].map(
            (m) => `/api/campaigns/${c}/ranking?track=${k ? 'site' : 'venue'}&${k}mode=${m}&limit=50`,
          ),
        ),
      );
      let seed = 7;
      const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      const mix = mixOf(list);
      const listKind = mix.find((k) => k.name === 'filters')!;
      const lists = Array.from({ length: 40 }, () => listKind.path(rnd));
      const loads = [
        await measureLoad(
          'ranking',
          'the first 50 of one (track, kind) of a campaign, raw or standardised (site per kind, venue per track)',
          ranking,
          target,
          db.url,
        ),
        await measureLoad(
          'list',
          `the committee's application list: ${listKind.note}`,
          lists,
          target,
          db.url,
        ),
      ];
      loads.push(await measureSubmit({ base, child: api.child }, db.url, campaigns[0]!, password));
      const md = section(
        {
          applications: list.applications,
          reviews: evaluation.reviews,
          experts: evaluation.experts,
          seedSeconds,
        },
        recompute,
        loads,
        [before, os.loadavg()[0]!],
      );
      writeSection('evaluation', md);
      console.log(md);
    } finally {
      await api.child.stop();
    }
  } finally {
    await db.drop();
  }
}

if (process.argv[2] === '--evaluation-api') {
  import('./evaluation-server')
    .then((m) => m.serveApi(process.argv[3]!))
    .catch((err: unknown) => {
      console.error(err);
      process.send?.({ kind: 'failed', message: String(err) } satisfies ApiMessage);
      process.exit(1);
    });
} else if (process.argv[2] === '--evaluation-bare') {
  import('./evaluation-server')
    .then((m) =>
      m.serveBare(process.argv[3]!, JSON.parse(fs.readFileSync(process.argv[4]!, 'utf8')) as Statement[][]),
    )
    .catch((err: unknown) => {
      console.error(err);
      process.send?.({ kind: 'failed', message: String(err) });
      process.exit(1);
    });
} else if (process.argv[2] === '--submit-bare') {
  import('./evaluation-server')
    .then((m) =>
      m.serveBareSubmit(
        process.argv[3]!,
        JSON.parse(fs.readFileSync(process.argv[4]!, 'utf8')) as SubmitPlan,
      ),
    )
    .catch((err: unknown) => {
      console.error(err);
      process.send?.({ kind: 'failed', message: String(err) });
      process.exit(1);
    });
} else if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  runEvaluationBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
