import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { DataDirLockedError, lockDataDir } from './db/lock';
import { KeyFileError } from './core/keys';
import { AppError } from './core/errors';
import { createBootstrapAdmin } from './modules/accounts/bootstrap';
import { seedDemo } from './demo/seed';
import { storeDemoEvidence } from './demo/evidence-file';
import { evidenceStorage } from './modules/evidence/storage';
import { closeOnSignals, startServer } from './server';
import { ROLES, type Role } from '../../shared/src/enums';

const USAGE = `Usage:
  npm run shifan -- admin create --username NAME [--display-name 名称] [--role committee_admin|security_admin|audit_admin]
      Creates an administrator and prints a one-time password (valid 24 h, must be changed at first login).
  npm run shifan -- migrate
      Applies the database migrations and exits.
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
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
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
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    console.log(`Database ${database.kind} is at migration ${database.migration}.`);
    await database.close();
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
    const seeding = await openDatabase({ dataDir: config.dataDir });
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

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof KeyFileError)
      console.error(err.message);
    else if (err instanceof AppError)
      console.error(`${err.code}: ${err.details.map((d) => d.en).join('; ')}`);
    else console.error(err);
    process.exit(err instanceof AppError ? 2 : 1);
  },
);
