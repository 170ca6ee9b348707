/**
 * Backups that restore (issue #9 §6, BK-01/02): the drill — demo data with evidence files → backup →
 * restore into a fresh target → every table's row count and content hash and every file's hash equal, and `audit verify` passes on the restored copy to the same anchor —
 * and the refusals: a damaged archive, a changed part, a target that is not empty, a locked data directory.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import * as tar from 'tar';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, evidenceFiles } from '../db/schema';
import { openDatabase } from '../db/client';
import { seedDemo } from '../demo/seed';
import { evidenceStorage, newKey } from '../modules/evidence/storage';
import { pdfBytes, pngBytes } from '../modules/evidence/test-kit';
import { login, makeTestEnv, type TestEnv } from '../../test/helpers';
import { DEMO_PASSWORD } from '../demo/seed';
import {
  ArchiveDamagedError,
  filesUnder,
  openArchive,
  restoreBackup,
  writeBackup,
  type Manifest,
} from './archive';
import { verifyChain } from '../modules/audit/verify';
import { loadSnapshot, readSnapshot, sm3, TargetNotEmptyError, type TableDigest } from './snapshot';

let env: TestEnv;
let tmp: string;
let archive: string;
let manifest: Manifest;
let source: TableDigest[];
let filesRoot: string;
let demoEvidence: number;
let anchor: { seq: number; link: string };

async function fileHashes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await filesUnder(root)) out[rel] = sm3(await fsp.readFile(path.join(root, rel)));
  return out;
}

beforeAll(async () => {
  env = await makeTestEnv();
  await seedDemo(env.db, env.clock.now);
  await login(env.app, 'admin', DEMO_PASSWORD); // an audit event of today
  const { store, root } = evidenceStorage(env.config);
  filesRoot = root;
  demoEvidence = (await env.db.select().from(evidenceFiles)).length;
  const apps = await env.db.select().from(applications).orderBy(applications.id).limit(3);
  const bytes = [pdfBytes(5000), await pngBytes(64, 48), Buffer.from('第三个文件')];
  for (const [i, app] of apps.entries()) {
    const key = newKey('evidence');
    const stored = await store.put(key, Readable.from([bytes[i]!]));
    await env.db.insert(evidenceFiles).values({
      applicationId: app.id,
      unitId: app.unitId,
      originalName: `材料${i}.pdf`,
      mediaType: 'application/pdf',
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: key,
    });
  }
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'shifan-drill-'));
  archive = path.join(tmp, 'shifan.backup.tar.gz');
  manifest = await writeBackup(archive, { db: env.db, kind: env.database.kind, filesRoot });
  source = await readSnapshot(env.db);
  const before = await verifyChain(env.db);
  expect(before.ok).toBe(true);
  expect(before.checked).toBe(source.find((t) => t.name === 'audit_events')!.rows);
  anchor = before.head;
}, 300_000);
afterAll(async () => {
  await env.close();
  await fsp.rm(tmp, { recursive: true, force: true });
});

describe('backup', () => {
  it('writes a manifest with the SM3 of every part and every table, and the key-file reminder', async () => {
    expect(manifest.database.kind).toBe(env.database.kind);
    expect(manifest.database.pgdata).toBe(env.database.kind === 'pglite');
    expect(manifest.database.tables).toEqual(source);
    expect(source.find((t) => t.name === 'organizations')!.rows).toBe(441);
    expect(source.find((t) => t.name === 'evidence_files')!.rows).toBe(demoEvidence + 3);
    expect(source.find((t) => t.name === 'audit_events')!.rows).toBeGreaterThan(0);
    const stored = await filesUnder(filesRoot);
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(manifest.files).toBe(stored.length);
    const paths = manifest.parts.map((p) => p.path);
    expect(paths.filter((p) => p.startsWith('files/'))).toEqual(stored.map((f) => `files/${f}`));
    expect(paths).toContain('database/tables/audit_events.jsonl');
    expect(paths.filter((p) => p.startsWith('database/tables/'))).toHaveLength(source.length);
    for (const p of manifest.parts) expect(p.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.keyFile).toContain('SHIFAN_KEY_FILE');
  });
});

describe('restore drill', () => {
  it('restores into a fresh PGlite data directory: every table and every file equal', async () => {
    const dataDir = path.join(tmp, 'restored');
    const files = path.join(dataDir, 'files');
    await restoreBackup(archive, { kind: 'pglite', dataDir }, files);
    const restored = await openDatabase({ dataDir });
    try {
      expect(await readSnapshot(restored.db)).toEqual(source);
      // The restored audit chain verifies with the key file (the test's key ring), to the same anchor.
      expect(await verifyChain(restored.db)).toMatchObject({
        ok: true,
        from: 1,
        head: anchor,
        failure: null,
      });
      // The audit log is append-only again after the restore.
      await expect(restored.db.execute(sql`UPDATE audit_events SET action = action`)).rejects.toThrow();
    } finally {
      await restored.close();
    }
    expect(await fileHashes(files)).toEqual(await fileHashes(filesRoot));
  }, 120_000);

  it('loads the rows into a fresh database (the PostgreSQL path) equal table by table, once only', async () => {
    const fresh = await makeTestEnv();
    const opened = await openArchive(archive);
    try {
      await loadSnapshot(fresh.db, opened.readTable, opened.manifest.database.tables);
      // Equal includes the application counters: the restored ones, not ones the counters' trigger added to.
      expect(await readSnapshot(fresh.db)).toEqual(source);
      expect(await verifyChain(fresh.db)).toMatchObject({ ok: true, from: 1, head: anchor, failure: null });
      await expect(fresh.db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
      await expect(loadSnapshot(fresh.db, opened.readTable, opened.manifest.database.tables)).rejects.toThrow(
        TargetNotEmptyError,
      );
      expect(await readSnapshot(fresh.db)).toEqual(source);
    } finally {
      await opened.close();
      await fresh.close();
    }
  }, 120_000);
});

describe('refusals', () => {
  it('refuses an archive with one flipped byte and writes nothing', async () => {
    const damaged = path.join(tmp, 'flipped.tar.gz');
    const bytes = await fsp.readFile(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await fsp.writeFile(damaged, bytes);
    const dataDir = path.join(tmp, 'not-restored');
    await expect(
      restoreBackup(damaged, { kind: 'pglite', dataDir }, path.join(dataDir, 'files')),
    ).rejects.toThrow(ArchiveDamagedError);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses an archive whose table part was changed, naming the part', async () => {
    const dir = path.join(tmp, 'tamper');
    await fsp.mkdir(dir);
    await tar.x({ file: archive, cwd: dir });
    const part = path.join(dir, 'database', 'tables', 'organizations.jsonl');
    await fsp.writeFile(part, (await fsp.readFile(part, 'utf8')).replace('市水务局', '市水利局'));
    const changed = path.join(tmp, 'changed.tar.gz');
    await tar.c({ gzip: true, file: changed, cwd: dir }, await fsp.readdir(dir));
    const dataDir = path.join(tmp, 'not-restored-2');
    await expect(
      restoreBackup(changed, { kind: 'pglite', dataDir }, path.join(dataDir, 'files')),
    ).rejects.toThrow('database/tables/organizations.jsonl does not match its SM3 hash in the manifest');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses to restore over an evidence directory that has files', async () => {
    const dataDir = path.join(tmp, 'occupied');
    await fsp.mkdir(path.join(dataDir, 'files', 'evidence'), { recursive: true });
    await fsp.writeFile(path.join(dataDir, 'files', 'evidence', 'x'), 'x');
    await expect(
      restoreBackup(archive, { kind: 'pglite', dataDir }, path.join(dataDir, 'files')),
    ).rejects.toThrow(/is not empty; restore needs an empty one/);
    expect(fs.existsSync(path.join(dataDir, 'pgdata'))).toBe(false);
  });
});

function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e.DATABASE_URL;
  return e;
}

describe('the CLI on PGlite', () => {
  const run = promisify(execFile);
  const cli = (args: string[], dataDir: string) =>
    run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
      env: { ...withoutDatabaseUrl(), SHIFAN_DATA_DIR: dataDir, NODE_ENV: 'development' },
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it('says to stop the server when the data directory is locked, and writes no archive', async () => {
    const dataDir = path.join(tmp, 'locked');
    await fsp.mkdir(path.join(dataDir, 'pgdata'), { recursive: true });
    await fsp.writeFile(path.join(dataDir, 'shifan.lock'), `${process.pid}\n`);
    const file = path.join(tmp, 'locked.tar.gz');
    const r = await cli(['backup', file], dataDir);
    expect(r.out).toContain(`is in use by a running Shifan server (pid ${process.pid}). Stop the server`);
    expect(r.code).toBe(2);
    expect(fs.existsSync(file)).toBe(false);
  }, 60_000);
});
