/**
 * Evidence upload memory benchmark (run by `npm run bench` after the import benchmark, or alone with
 * `npx tsx bench/upload-memory.ts`). The real server runs in a child process on a temporary data
 * directory (PGlite); this process sends 10 uploads of a generated 20 MB PDF at once over loopback HTTP
 * with streamed bodies (fetch + ReadableStream, never the whole file in memory). The child samples its
 * own RSS every 5 ms: peak minus the baseline (after a warm-up upload) against 10 × 20 MB shows whether
 * uploads stream (a few MB) or are buffered (≥ 200 MB). Results print and go to bench/RESULTS.md, in a
 * section of their own (other sections are kept).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVIDENCE_LIMITS } from '../shared/src/contracts/evidence';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const PARALLEL = 10;
const FILE_BYTES = EVIDENCE_LIMITS.fileBytes; // 20 MiB, the largest file accepted
const CHUNK = 64 * 1024;
const MiB = 1024 * 1024;

type ToServer = { cmd: 'mark' } | { cmd: 'report' } | { cmd: 'stop' };
type FromServer =
  | { kind: 'ready'; port: number; applicationIds: string[]; username: string; password: string }
  | { kind: 'marked'; rss: number }
  | { kind: 'report'; peakRss: number; rss: number; storedFiles: number };

// ---------------------------------------------------------------------------------------------------
// The server side (child process).

async function serve(dataDir: string): Promise<void> {
  const { loadConfig } = await import('../server/src/config');
  const { buildApp } = await import('../server/src/app');
  const { openDatabase } = await import('../server/src/db/client');
  const { seedTree, seedUsers, PASSWORD } = await import('../server/test/helpers');
  const { seedOpenCampaign } = await import('../server/test/campaign-fixtures');
  const { freshApplication } = await import('../server/src/modules/evidence/test-kit');
  const { evidenceFiles } = await import('../server/src/db/schema');
  const { count } = await import('drizzle-orm');

  const config = loadConfig({
    NODE_ENV: 'production',
    SHIFAN_ALLOW_EMBEDDED: 'true',
    SHIFAN_DATA_DIR: dataDir,
    SHIFAN_LOG_LEVEL: 'silent',
    SHIFAN_COOKIE_SECURE: 'false',
  });
  // The app as main.ts builds it (without the web pages), on PGlite in the temporary data directory.
  const database = await openDatabase({ databaseUrl: null, dataDir });
  const app = await buildApp({
    db: database.db,
    dbKind: database.kind,
    migration: database.migration,
    config,
    clock: () => new Date(),
    version: 'bench',
  });
  app.addHook('onClose', () => database.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const db = database.db;
  const tree = await seedTree(db);
  await seedUsers(db, tree);
  const { campaign, standards } = await seedOpenCampaign(db, new Date());
  const applicationIds: string[] = [];
  for (let i = 0; i <= PARALLEL; i++) {
    const a = await freshApplication(db, {
      campaignId: campaign.id,
      standardVersionId: standards.venue.versionId,
      org: tree.a1,
    });
    applicationIds.push(a.id);
  }

  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  const send = (m: FromServer) => process.send!(m);
  process.on('message', async (m: ToServer) => {
    if (m.cmd === 'mark') {
      await new Promise((r) => setTimeout(r, 500));
      sample();
      peak = process.memoryUsage().rss;
      send({ kind: 'marked', rss: peak });
    } else if (m.cmd === 'report') {
      sample();
      const [row] = await db.select({ n: count() }).from(evidenceFiles);
      send({ kind: 'report', peakRss: peak, rss: process.memoryUsage().rss, storedFiles: row!.n });
    } else {
      clearInterval(timer);
      await app.close();
      process.exit(0);
    }
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  send({ kind: 'ready', port, applicationIds, username: 'uadmin', password: PASSWORD });
}

// ---------------------------------------------------------------------------------------------------
// The client side (this process).

/** A multipart body whose PDF is generated chunk by chunk (one 64 KB buffer reused). */
function streamedUpload(size: number, boundary: string): ReadableStream<Uint8Array> {
  const head = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n');
  const tail = Buffer.from('\ntrailer <</Root 1 0 R>>\n%%EOF\n');
  const filler = Buffer.alloc(CHUNK, '%');
  let left = size - head.length - tail.length;
  const queue: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    head,
  ];
  let done = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) return controller.enqueue(next);
      if (left > 0) {
        const n = Math.min(CHUNK, left);
        left -= n;
        return controller.enqueue(n === CHUNK ? filler : filler.subarray(0, n));
      }
      if (!done) {
        done = true;
        return controller.enqueue(Buffer.concat([tail, Buffer.from(`\r\n--${boundary}--\r\n`)]));
      }
      controller.close();
    },
  });
}

async function upload(base: string, cookie: string, applicationId: string): Promise<number> {
  const boundary = `----shifanbench${Math.random().toString(16).slice(2)}`;
  const res = await fetch(`${base}/api/applications/${applicationId}/evidence`, {
    method: 'POST',
    headers: {
      cookie,
      'x-shifan-csrf': '1',
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body: streamedUpload(FILE_BYTES, boundary),
    duplex: 'half',
  } as RequestInit);
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return (await res.json()).sizeBytes as number;
}

export interface UploadMemoryResult {
  parallel: number;
  fileBytes: number;
  seconds: number;
  baselineRss: number;
  peakRss: number;
  storedFiles: number;
}

export async function uploadMemoryBench(): Promise<UploadMemoryResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-bench-upload-'));
  const child = fork(SELF, ['--server', dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: FromServer[] = [];
  const waiters: ((m: FromServer) => void)[] = [];
  child.on('message', (m: FromServer) => {
    const w = waiters.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`the server exited (${code})`))),
  );
  exited.catch(() => undefined);
  const next = () =>
    Promise.race([
      new Promise<FromServer>((resolve) => {
        const m = inbox.shift();
        if (m) resolve(m);
        else waiters.push(resolve);
      }),
      exited,
    ]);
  const ask = (m: ToServer) => {
    child.send(m);
    return next();
  };
  try {
    const ready = await next();
    if (ready.kind !== 'ready') throw new Error('unexpected message from the server');
    const base = `http://127.0.0.1:${ready.port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shifan-csrf': '1' },
      body: JSON.stringify({ username: ready.username, password: ready.password }),
    });
    if (login.status !== 200) throw new Error(`login answered ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const [warmUp, ...targets] = ready.applicationIds;
    await upload(base, cookie, warmUp!);
    const marked = await ask({ cmd: 'mark' });
    if (marked.kind !== 'marked') throw new Error('unexpected message from the server');
    const t0 = performance.now();
    const sizes = await Promise.all(targets.map((id) => upload(base, cookie, id)));
    const seconds = (performance.now() - t0) / 1000;
    if (sizes.some((s) => s !== FILE_BYTES)) throw new Error(`stored sizes ${sizes.join(', ')}`);
    const report = await ask({ cmd: 'report' });
    if (report.kind !== 'report') throw new Error('unexpected message from the server');
    child.send({ cmd: 'stop' } satisfies ToServer);
    await new Promise((r) => child.once('exit', r));
    return {
      parallel: targets.length,
      fileBytes: FILE_BYTES,
      seconds,
      baselineRss: marked.rss,
      peakRss: report.peakRss,
      storedFiles: report.storedFiles,
    };
  } finally {
    if (child.exitCode === null) child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const mb = (b: number) => `${(b / MiB).toFixed(1)} MB`;

function section(r: UploadMemoryResult): string {
  const total = r.parallel * r.fileBytes;
  const delta = r.peakRss - r.baselineRss;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `<!-- upload-memory:start -->
# Evidence upload memory benchmark

Generated by \`bench/upload-memory.ts\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version},
${os.cpus().length} × ${cpu}. The real server (PGlite on a temporary data directory) in its own process;
${r.parallel} uploads of a generated ${mb(r.fileBytes)} PDF sent at once over loopback HTTP with streamed
bodies; every upload streamed to a scratch file while hashed, checked by content, put into the file
store (temp file, fsync, rename) and recorded with its audit event. RSS is sampled inside the server
every 5 ms; the baseline is taken after one warm-up upload.

| uploads | each | total sent | wall s | MB/s | baseline RSS | peak RSS | peak − baseline | ÷ total sent |
|---------|------|------------|--------|------|--------------|----------|-----------------|--------------|
| ${r.parallel} | ${mb(r.fileBytes)} | ${mb(total)} | ${r.seconds.toFixed(2)} | ${(total / MiB / r.seconds).toFixed(0)} | ${mb(r.baselineRss)} | ${mb(r.peakRss)} | ${mb(delta)} | ${((delta / total) * 100).toFixed(1)} % |

Files recorded: ${r.storedFiles} (${r.parallel} + 1 warm-up). A server that buffered each upload would
grow by at least the total sent (100 %); streaming keeps the growth to buffers and the hashing state.
<!-- upload-memory:end -->
`;
}

function writeSection(md: string): void {
  const file = path.join(HERE, 'RESULTS.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const re = /<!-- upload-memory:start -->[\s\S]*?<!-- upload-memory:end -->\n?/;
  const out = re.test(old) ? old.replace(re, md) : `${old}${old && !old.endsWith('\n\n') ? '\n' : ''}${md}`;
  fs.writeFileSync(file, out);
}

export async function runUploadMemoryBench(): Promise<void> {
  console.log(`Measuring ${PARALLEL} parallel uploads of ${mb(FILE_BYTES)}…`);
  const r = await uploadMemoryBench();
  const md = section(r);
  console.log(
    md
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .join('\n'),
  );
  writeSection(md);
  console.log('Wrote the upload section of bench/RESULTS.md');
}

if (process.argv[2] === '--server') {
  serve(process.argv[3]!).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  runUploadMemoryBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
