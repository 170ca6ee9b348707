import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config';
import { DataDirLockedError, lockDataDir } from './db/lock';
import { KeyFileError } from './core/keys';
import { openKeyedDatabase } from './db/keyed';
import { auditArchiveCommand, auditVerifyCommand } from './modules/audit/cli';
import { RetentionError } from './modules/audit/retention';
import { AppError } from './core/errors';
import { createBootstrapAdmin } from './modules/accounts/bootstrap';
import { seedDemo } from './demo/seed';
import { storeDemoEvidence } from './demo/evidence-file';
import { evidenceStorage } from './modules/evidence/storage';
import { closeOnSignals, startServer } from './server';
import { ArchiveDamagedError, BackupError } from './backup/archive';
import { backupCommand, restoreCommand } from './backup/cli';
import { TargetNotEmptyError } from './backup/snapshot';
import { ROLES, type Role } from '../../shared/src/enums';

const USAGE = `Usage:
  npm run shifan -- admin create --username NAME [--display-name 名称] [--role committee_admin|security_admin|audit_admin]
      Creates an administrator and prints a one-time password (valid 24 h, must be changed at first login).
  npm run shifan -- migrate
      Applies the database migrations and exits.
  npm run shifan -- audit verify [--last N]
      Checks the audit hash chain (all events, or the newest N): exit 0 when intact, 1 naming the first
      event that fails. Needs the key file (SHIFAN_KEY_FILE); on PGlite, stop the server first. After an
      archive the chain is checked from the archive's checkpoint.
  npm run shifan -- audit verify --archive FILE [--archive FILE …] [--db]
      Checks audit archives: each one's signature and chain of events, that they join one another, and with
      --db that the database's archive records name them. Exit 0 when intact, 1 naming what fails.
  npm run shifan -- audit archive --out FILE
      Writes the audit events older than SHIFAN_AUDIT_RETENTION_DAYS (at least 184, default 365) to a signed
      archive FILE, verifies it, then removes those events from the database (the removal is audited).
  npm run shifan -- backup FILE
      Writes one archive: the database (a consistent snapshot), the evidence files and a manifest with the
      SM3 hash of every part. On the embedded database, stop the server first.
  npm run shifan -- restore FILE
      Verifies every hash of the archive, then restores it into an empty data directory or database.
  npm run demo
      Seeds a fresh demo data directory (SHIFAN_DATA_DIR, default ./data-demo) and starts the server.`;

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === 'admin' && sub === 'create') {
    const { values } = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        role: { type: 'string', default: 'committee_admin' },
      },
    });
    if (!values.username || !(ROLES as readonly string[]).includes(values.role!)) {
      console.error(USAGE);
      return 2;
    }
    const config = loadConfig();
    const database = await openDatabaseWithKeys(config);
    try {
      const { oneTimePassword } = await createBootstrapAdmin(database.db, new Date(), {
        username: values.username,
        displayName: values['display-name'] ?? values.username,
        role: values.role as Role,
      });
      console.log(`Created ${values.role} "${values.username}".`);
      console.log(`One-time password (valid 24 hours, change it at first login): ${oneTimePassword}`);
      return 0;
    } finally {
      await database.close();
    }
  }
  if (command === 'migrate') {
    const config = loadConfig();
    const database = await openDatabaseWithKeys(config);
    console.log(`Database ${database.kind} is at migration ${database.migration}.`);
    await database.close();
    return 0;
  }
  if (command === 'audit' && (sub === 'verify' || sub === 'archive')) {
    const code = await (sub === 'verify' ? auditVerifyCommand(rest) : auditArchiveCommand(rest));
    if (code !== 'usage') return code;
  }
  if ((command === 'backup' || command === 'restore') && sub && rest.length === 0) {
    const config = loadConfig();
    await (command === 'backup' ? backupCommand(config, sub) : restoreCommand(config, sub));
    return 0;
  }
  if (command === 'demo') {
    const config = loadConfig({
      ...process.env,
      SHIFAN_DEMO: 'true',
      SHIFAN_ALLOW_EMBEDDED: 'true',
      SHIFAN_DATA_DIR: process.env.SHIFAN_DATA_DIR ?? './data-demo',
    });
    if (config.databaseUrl) {
      console.error('The demo runs on the embedded database; unset DATABASE_URL.');
      return 2;
    }
    lockDataDir(config.dataDir).release(); // refuse early if a server runs on this directory
    fs.rmSync(path.join(config.dataDir, 'pgdata'), { recursive: true, force: true });
    const seeding = await openDatabaseWithKeys({ ...config, databaseUrl: null });
    await seedDemo(seeding.db, new Date());
    await storeDemoEvidence(evidenceStorage(config).store);
    await seeding.close();
    const { app } = await startServer(config);
    app.log.info(
      `Shifan demo on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} — log in as admin / Demo-2026-shifan`,
    );
    closeOnSignals(app);
    return -1; // keep running
  }
  console.error(USAGE);
  return 2;
}

/** The database with its migrations applied and the audit chain keyed (db/keyed.ts). */
const openDatabaseWithKeys = async (config: Pick<Config, 'databaseUrl' | 'dataDir' | 'keyFile'>) =>
  (await openKeyedDatabase(config)).database;

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (
      err instanceof ConfigError ||
      err instanceof DataDirLockedError ||
      err instanceof KeyFileError ||
      err instanceof BackupError ||
      err instanceof ArchiveDamagedError ||
      err instanceof TargetNotEmptyError ||
      err instanceof RetentionError
    )
      console.error(err.message);
    else if (err instanceof AppError)
      console.error(`${err.code}: ${err.details.map((d) => d.en).join('; ')}`);
    else console.error(err);
    const usage = [AppError, BackupError, ArchiveDamagedError, TargetNotEmptyError].some(
      (c) => err instanceof c,
    );
    process.exit(usage ? 2 : 1);
  },
);
