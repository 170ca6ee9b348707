/**
 * One backup archive (a gzipped tar): `manifest.json` (and `manifest.sm3`, the manifest's own SM3), the
 * database as table rows (`database/tables/<table>.jsonl`, a consistent snapshot) plus, on PGlite, its data
 * directory dump (`database/pgdata.tar.gz`), and the evidence files (`files/<key>`). The manifest lists every
 * part with its size and SM3 hash, and every table's row count and SM3.
 *
 * A restore extracts into a scratch directory and checks everything there — the manifest's hash, every
 * part's hash, no part missing or added — before it writes anything to the target.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Db } from '../db/client';
import { latestMigration, openDatabase } from '../db/client';
import { lockDataDir } from '../db/lock';
import { loadSnapshot, readSnapshot, sm3, linesText, type TableDigest } from './snapshot';

export const BACKUP_FORMAT = 'shifan-backup';

export interface Part {
  path: string;
  size: number;
  sm3: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  createdAt: string;
  database: { kind: 'pglite' | 'postgres'; migration: string; pgdata: boolean; tables: TableDigest[] };
  files: number;
  parts: Part[];
  keyFile: string;
}

export const KEY_FILE_REMINDER =
  'The key file (SHIFAN_KEY_FILE, by default shifan-keys.json in the data directory) is not in this archive: ' +
  'it keys the audit hash chain and encrypted fields. Keep a copy apart from the backups and put it in place ' +
  'before starting the restored installation.';

export class BackupError extends Error {}
/** The archive is damaged or not a Shifan backup: nothing was written. */
export class ArchiveDamagedError extends Error {}

export interface BackupSource {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The evidence store's directory (`evidenceStorage(config).root`). */
  filesRoot: string;
}

/** Every regular file under `dir`, as `/`-separated paths relative to it, sorted; `.tmp` dirs left out. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== '.tmp') await walk(r);
      } else if (e.isFile()) out.push(r);
    }
  };
  await walk('');
  return out.sort();
}

async function partOf(root: string, rel: string): Promise<Part> {
  const data = await fsp.readFile(path.join(root, rel));
  return { path: rel, size: data.length, sm3: sm3(data) };
}

async function pgliteDump(db: Db): Promise<Buffer | null> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof PGlite)) return null;
  const blob = await client.dumpDataDir('gzip');
  return Buffer.from(await blob.arrayBuffer());
}

/** Writes the archive to `file` (refused if it exists); returns its manifest. */
export async function writeBackup(file: string, src: BackupSource, now = new Date()): Promise<Manifest> {
  if (fs.existsSync(file)) throw new BackupError(`${file} exists; name a new file for the backup`);
  const stage = await fsp.mkdtemp(path.join(os.tmpdir(), 'shifan-backup-'));
  try {
    await fsp.mkdir(path.join(stage, 'database', 'tables'), { recursive: true });
    const tables = await readSnapshot(src.db, (table, lines) =>
      fsp.writeFile(path.join(stage, 'database', 'tables', `${table}.jsonl`), linesText(lines)),
    );
    const dump = src.kind === 'pglite' ? await pgliteDump(src.db) : null;
    if (dump) await fsp.writeFile(path.join(stage, 'database', 'pgdata.tar.gz'), dump);
    const evidence = await filesUnder(src.filesRoot);
    for (const rel of evidence) {
      const to = path.join(stage, 'files', ...rel.split('/'));
      await fsp.mkdir(path.dirname(to), { recursive: true });
      await fsp.copyFile(path.join(src.filesRoot, ...rel.split('/')), to);
    }
    const parts: Part[] = [];
    for (const rel of await filesUnder(stage)) parts.push(await partOf(stage, rel));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      createdAt: now.toISOString(),
      database: { kind: src.kind, migration: latestMigration(), pgdata: dump !== null, tables },
      files: evidence.length,
      parts,
      keyFile: KEY_FILE_REMINDER,
    };
    const text = `${JSON.stringify(manifest, null, 1)}\n`;
    await fsp.writeFile(path.join(stage, 'manifest.json'), text);
    await fsp.writeFile(path.join(stage, 'manifest.sm3'), `${sm3(text)}\n`);
    const partial = `${file}.partial`;
    await tar.c({ gzip: true, file: partial, cwd: stage, portable: true }, [
      'manifest.json',
      'manifest.sm3',
      ...(await fsp.readdir(stage)).filter((n) => !n.startsWith('manifest.')).sort(),
    ]);
    await fsp.rename(partial, file);
    return manifest;
  } finally {
    await fsp.rm(stage, { recursive: true, force: true });
  }
}

/** An extracted, verified archive in a scratch directory; `close()` removes it. */
export interface OpenedArchive {
  dir: string;
  manifest: Manifest;
  readTable(table: string): Promise<string[]>;
  close(): Promise<void>;
}

async function verify(dir: string): Promise<Manifest> {
  const text = await fsp.readFile(path.join(dir, 'manifest.json'), 'utf8').catch(() => {
    throw new ArchiveDamagedError('the archive has no manifest.json: not a Shifan backup');
  });
  const recorded = (await fsp.readFile(path.join(dir, 'manifest.sm3'), 'utf8').catch(() => '')).trim();
  if (recorded !== sm3(text)) throw new ArchiveDamagedError('manifest.json does not match its SM3 hash');
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== 1)
    throw new ArchiveDamagedError('not a Shifan backup of a format this version reads');
  const present = (await filesUnder(dir)).filter((p) => !p.startsWith('manifest.'));
  const listed = manifest.parts.map((p) => p.path).sort();
  const extra = present.filter((p) => !listed.includes(p));
  const missing = listed.filter((p) => !present.includes(p));
  if (extra.length || missing.length)
    throw new ArchiveDamagedError(
      `the archive's parts differ from its manifest (missing: ${missing.join(', ') || '-'}; not listed: ${extra.join(', ') || '-'})`,
    );
  for (const part of manifest.parts) {
    const got = await partOf(dir, part.path);
    if (got.size !== part.size || got.sm3 !== part.sm3)
      throw new ArchiveDamagedError(`${part.path} does not match its SM3 hash in the manifest`);
  }
  return manifest;
}

/** Extracts `file` into a scratch directory and verifies every hash; throws ArchiveDamagedError otherwise. */
export async function openArchive(file: string): Promise<OpenedArchive> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shifan-restore-'));
  const close = () => fsp.rm(dir, { recursive: true, force: true });
  try {
    try {
      await tar.x({ file, cwd: dir, strict: true });
    } catch (err) {
      throw new ArchiveDamagedError(`the archive cannot be read: ${(err as Error).message}`);
    }
    const manifest = await verify(dir);
    const readTable = async (table: string) => {
      const text = await fsp.readFile(path.join(dir, 'database', 'tables', `${table}.jsonl`), 'utf8');
      return text === '' ? [] : text.slice(0, -1).split('\n');
    };
    return { dir, manifest, readTable, close };
  } catch (err) {
    await close();
    throw err;
  }
}

export type RestoreTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; databaseUrl: string };

async function ensureEmptyDir(dir: string, what: string): Promise<void> {
  if ((await filesUnder(dir)).length)
    throw new BackupError(`${what} ${dir} is not empty; restore needs an empty one`);
}

async function restoreFiles(archive: OpenedArchive, filesRoot: string): Promise<void> {
  const from = path.join(archive.dir, 'files');
  for (const rel of await filesUnder(from)) {
    const to = path.join(filesRoot, ...rel.split('/'));
    await fsp.mkdir(path.dirname(to), { recursive: true });
    await fsp.copyFile(path.join(from, ...rel.split('/')), to, fs.constants.COPYFILE_EXCL);
  }
}

/** PGlite from the archive's data directory dump: opened as it was (the server migrates at start), checked. */
async function restorePgdata(archive: OpenedArchive, pgdata: string): Promise<void> {
  const dump = await fsp.readFile(path.join(archive.dir, 'database', 'pgdata.tar.gz'));
  const client = await PGlite.create(pgdata, { loadDataDir: new Blob([dump]) });
  try {
    const digests = await readSnapshot(drizzlePglite(client) as unknown as Db);
    const want = JSON.stringify(archive.manifest.database.tables);
    if (JSON.stringify(digests) !== want)
      throw new BackupError('the restored database differs from the archive');
  } finally {
    await client.close();
  }
}

/**
 * Restores a verified archive into an empty target (a PGlite data directory without `pgdata`, or a
 * PostgreSQL database without accounts or audit events) and its evidence files into an empty `filesRoot`.
 * The database is checked table by table against the manifest before the files are written.
 */
export async function restoreBackup(
  file: string,
  target: RestoreTarget,
  filesRoot: string,
): Promise<Manifest> {
  const archive = await openArchive(file);
  try {
    const { manifest } = archive;
    await ensureEmptyDir(filesRoot, 'The evidence directory');
    const rowsLoad = async (db: Db) => {
      if (manifest.database.migration !== latestMigration())
        throw new BackupError(
          `the archive was made at migration ${manifest.database.migration}, this Shifan is at ${latestMigration()}: ` +
            'restore with the version that made it',
        );
      await loadSnapshot(db, archive.readTable, manifest.database.tables);
    };
    if (target.kind === 'pglite') {
      const pgdata = path.join(target.dataDir, 'pgdata');
      await ensureEmptyDir(pgdata, 'The database directory');
      try {
        if (manifest.database.pgdata) {
          const lock = lockDataDir(target.dataDir);
          try {
            await restorePgdata(archive, pgdata);
          } finally {
            lock.release();
          }
        } else {
          const database = await openDatabase({ dataDir: target.dataDir });
          try {
            await rowsLoad(database.db);
          } finally {
            await database.close();
          }
        }
      } catch (err) {
        await fsp.rm(pgdata, { recursive: true, force: true });
        throw err;
      }
    } else {
      const database = await openDatabase({ databaseUrl: target.databaseUrl });
      try {
        await rowsLoad(database.db);
      } finally {
        await database.close();
      }
    }
    await restoreFiles(archive, filesRoot);
    return manifest;
  } finally {
    await archive.close();
  }
}
