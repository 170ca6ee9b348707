/**
 * `npm run shifan -- backup FILE` and `restore FILE`: the configured database (DATABASE_URL, or the PGlite
 * data directory SHIFAN_DATA_DIR) and the evidence directory. A backup of PostgreSQL runs beside a running
 * server; PGlite allows one process on its directory, so the server must be stopped for a backup there.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { Config } from '../config';
import type { Db } from '../db/client';
import * as schema from '../db/schema';
import { DataDirLockedError, lockDataDir, type DirLock } from '../db/lock';
import { evidenceStorage } from '../modules/evidence/storage';
import { BackupError, restoreBackup, writeBackup, type Manifest } from './archive';

function stopTheServer(err: DataDirLockedError, config: Readonly<Config>, what: string): BackupError {
  return new BackupError(
    `The embedded database in ${config.dataDir} is in use by a running Shifan server (pid ${err.pid}). ` +
      `Stop the server, then run the ${what} again; start the server when it has finished. ` +
      '(On PostgreSQL a backup runs beside a running server.)',
  );
}

/** The database as it is, without migrating it (a backup must not change what it copies). */
async function openAsIs(
  config: Readonly<Config>,
): Promise<{ db: Db; kind: 'pglite' | 'postgres'; close(): Promise<void> }> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
    return { db: drizzlePg(pool, { schema }) as unknown as Db, kind: 'postgres', close: () => pool.end() };
  }
  let lock: DirLock;
  try {
    lock = lockDataDir(config.dataDir);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw stopTheServer(err, config, 'backup');
    throw err;
  }
  const pgdata = path.join(config.dataDir, 'pgdata');
  if (!fs.existsSync(pgdata)) {
    lock.release();
    throw new BackupError(`There is no database in ${config.dataDir} (no pgdata directory) to back up.`);
  }
  const client = await PGlite.create(pgdata);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: 'pglite',
    async close() {
      await client.close();
      lock.release();
    },
  };
}

const summary = (m: Manifest) =>
  `${m.database.tables.length} tables (${m.database.tables.reduce((s, t) => s + t.rows, 0)} rows, ` +
  `${m.database.kind}, migration ${m.database.migration}) and ${m.files} evidence files`;

export async function backupCommand(config: Readonly<Config>, file: string): Promise<void> {
  const source = await openAsIs(config);
  try {
    const m = await writeBackup(path.resolve(file), {
      db: source.db,
      kind: source.kind,
      filesRoot: evidenceStorage(config).root,
    });
    console.log(`Backup written to ${file}: ${summary(m)}; every part has its SM3 hash in the manifest.`);
    console.log(m.keyFile);
  } finally {
    await source.close();
  }
}

export async function restoreCommand(config: Readonly<Config>, file: string): Promise<void> {
  try {
    const m = await restoreBackup(
      path.resolve(file),
      config.databaseUrl
        ? { kind: 'postgres', databaseUrl: config.databaseUrl }
        : { kind: 'pglite', dataDir: config.dataDir },
      evidenceStorage(config).root,
    );
    console.log(`Restored ${summary(m)} from ${file} (backup of ${m.createdAt}); every hash verified.`);
    console.log(m.keyFile);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw stopTheServer(err, config, 'restore');
    throw err;
  }
}
