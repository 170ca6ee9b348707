/**
 * An OpenAPI-driven fuzzer (issue #9 §7): for every operation of GET /api/openapi.json, requests generated
 * by fast-check from the document's schemas and hostile mutations of them, sent through `app.inject` as
 * anonymous and as each role, at records in and out of the caller's scope. Any 5xx, any answer showing a
 * stack trace, SQL or a filesystem path, any request the app fails to answer, and any change to
 * Object.prototype fails the test. The state the requests change is kept (nothing is reset), so a seed
 * replays the same run: SHIFAN_FUZZ_SEED=<seed> (printed) and SHIFAN_FUZZ_RUNS=<total requests>.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeWorld, type FuzzWorld } from './fuzz/fixtures';
import { requestArb, type FuzzRequest, type HttpMethod, type Operation, type Samples } from './fuzz/requests';
import { leakIn } from './fuzz/leaks';
import { pdfBytes, pngBytes, xlsxBytes } from '../src/modules/evidence/test-kit';

/**
 * CI (CI=true) runs a fixed seed, one that passed on the code as landed, so a landing is never refused by a
 * draw nobody has seen; everywhere else a fresh seed explores (printed; a failure found that way is fixed
 * with a regression test, and its seed can become CI's).
 */
const CI_SEED = 1358511170;
const SEED = process.env.SHIFAN_FUZZ_SEED
  ? Number(process.env.SHIFAN_FUZZ_SEED)
  : process.env.CI === 'true'
    ? CI_SEED
    : Date.now() % 2 ** 31;
/** 50,000 on PGlite (`npm test`); 5,000 on PostgreSQL (`npm run test:pg`, which runs the same files again). */
const TOTAL = process.env.SHIFAN_FUZZ_RUNS
  ? Number(process.env.SHIFAN_FUZZ_RUNS)
  : process.env.TEST_DATABASE_URL
    ? 5_000
    : 50_000;
/**
 * Operations that render files or charts, gather a whole desk, or hash a password (argon2) cost tens to
 * hundreds of milliseconds each: they get a tenth of a share (at least 20 requests).
 */
const HEAVY =
  /\.pdf|\.zip|\.xlsx|\.svg|\{file\}|openapi|statistics|dashboard|ranking|recompute|standardise|template$|import$|\/me\/desk$|\/campaigns\/current$|\/auth\/login$|\/auth\/password$/;

interface Failure {
  op: string;
  why: string;
  req: FuzzRequest;
  status?: number;
  answer?: string;
}

let world: FuzzWorld;
let samples: Samples;
beforeAll(async () => {
  world = await makeWorld(SEED);
  samples = {
    files: [
      { name: '申报书.pdf', type: 'application/pdf', data: pdfBytes() },
      { name: '现场照片.png', type: 'image/png', data: await pngBytes(32, 16) },
      {
        name: '名册.xlsx',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: await xlsxBytes(),
      },
      {
        name: 'orgs.csv',
        type: 'text/csv',
        data: Buffer.from('\uFEFF组织编码,组织名称,组织类型,上级组织编码\nF1,导入支部,党支部,A\n'),
      },
      {
        name: 'calendar.csv',
        type: 'text/csv',
        data: Buffer.from('日期,类型,名称\n2026-10-01,放假,国庆节\n'),
      },
    ],
  };
}, 600_000);
afterAll(() => world?.close());

const preview = (s: string | Buffer | undefined) =>
  s === undefined ? '' : Buffer.isBuffer(s) ? `<${s.length} bytes>` : JSON.stringify(s.slice(0, 300));

/** A 4xx answers `{ error: { code, message, requestId } }` as JSON, whatever went wrong. */
function errorShaped(contentType: unknown, text: string): boolean {
  if (!String(contentType).startsWith('application/json')) return false;
  try {
    const e = (JSON.parse(text) as { error?: Record<string, unknown> }).error;
    return typeof e?.code === 'string' && typeof e.message === 'string' && typeof e.requestId === 'string';
  } catch {
    return false;
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

it(`answers every generated request without a 5xx or a leak (seed ${SEED})`, async () => {
  console.log(`openapi fuzz: SHIFAN_FUZZ_SEED=${SEED} SHIFAN_FUZZ_RUNS=${TOTAL}`);
  const doc = (await world.env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, op]) => ({ method: m.toUpperCase() as HttpMethod, path, op })),
  );
  const weight = (p: string) => (HEAVY.test(p) ? 0.1 : 1);
  const sum = ops.reduce((s, o) => s + weight(o.path), 0);
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  const timings: { op: string; n: number; ms: number }[] = [];
  let sent = 0;
  const started = performance.now();
  for (const { method, path, op } of ops) {
    const key = `${method} ${path}`;
    const runs = Math.max(20, Math.ceil((TOTAL * weight(path)) / sum));
    const reqs = fc.sample(requestArb(method, path, op, world, samples), {
      seed: SEED ^ hash(key),
      numRuns: runs,
    });
    const cookies = await world.sessions();
    const t0 = performance.now();
    for (const req of reqs) {
      const cookie = cookies[req.who];
      const headers = cookie ? { ...req.headers, cookie } : req.headers;
      sent++;
      try {
        const res = await world.env.app.inject({
          method: req.method,
          url: req.url,
          headers,
          payload: req.payload,
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const text = res.body;
        const leak = leakIn(String(res.headers['content-type'] ?? ''), text);
        if (res.statusCode >= 500)
          failures.push({
            op: key,
            why: `answered ${res.statusCode}`,
            req,
            status: res.statusCode,
            answer: text.slice(0, 400),
          });
        else if (res.statusCode >= 400 && !errorShaped(res.headers['content-type'], text))
          failures.push({
            op: key,
            why: `answered ${res.statusCode} without the error shape`,
            req,
            status: res.statusCode,
            answer: text.slice(0, 400),
          });
        else if (leak)
          failures.push({
            op: key,
            why: `shows ${leak}`,
            req,
            status: res.statusCode,
            answer: text.slice(0, 400),
          });
      } catch (err) {
        failures.push({ op: key, why: `no answer: ${(err as Error).message}`, req });
      }
      const polluted = Object.keys(Object.prototype);
      if (polluted.length) {
        failures.push({ op: key, why: `Object.prototype polluted with ${polluted.join(',')}`, req });
        for (const k of polluted) delete (Object.prototype as Record<string, unknown>)[k];
      }
    }
    timings.push({ op: key, n: reqs.length, ms: performance.now() - t0 });
  }
  const seconds = (performance.now() - started) / 1000;
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 12);
  console.log(
    `openapi fuzz: ${sent} requests over ${ops.length} operations in ${seconds.toFixed(1)} s ` +
      `(${(sent / seconds).toFixed(0)}/s); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n` +
      `slowest operations:\n${slowest.map((t) => `  ${t.op}: ${t.n} in ${(t.ms / 1000).toFixed(1)} s`).join('\n')}`,
  );
  const kinds = new Map<string, number>();
  for (const f of failures) {
    const k = `${f.why} ${/"code":"(\w+)"/.exec(f.answer ?? '')?.[1] ?? ''}`.trim();
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  const report =
    [...kinds].map(([k, n]) => `${n}× ${k}`).join('\n') +
    '\n' +
    failures
      .slice(0, 25)
      .map(
        (f) =>
          `${f.op} ${f.why} — as ${f.req.who}, ${f.req.kind}: ${f.req.method} ${f.req.url.slice(0, 300)} ` +
          `${preview(f.req.payload)}${f.answer ? `\n    → ${f.answer}` : ''}`,
      )
      .join('\n');
  expect(
    failures.length,
    `${failures.length} failures; replay with SHIFAN_FUZZ_SEED=${SEED} SHIFAN_FUZZ_RUNS=${TOTAL}:\n${report}`,
  ).toBe(0);
  expect(sent).toBeGreaterThanOrEqual(TOTAL);
  expect(new Set(timings.map((t) => t.op)).size).toBe(ops.length);
}, 1_800_000);
