import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { operatingWarnings, type Config } from './config';
import type { Database } from './db/client';
import { openKeyedDatabase } from './db/keyed';
import { startJobRunner } from './jobs';
import { checkAuditChain } from './jobs/audit-chain';
import type { JobRunner } from './jobs/runner';

export const VERSION: string = JSON.parse(
  fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8'),
).version;

/**
 * Opens the configured database (locking a PGlite data directory), builds the app on it, listens, and
 * then starts the job runner (deadline reminders, e-mail); closing the app stops the runner first.
 */
export async function startServer(
  config: Readonly<Config>,
): Promise<{ app: FastifyInstance; database: Database; runner: JobRunner }> {
  const { database, chained } = await openKeyedDatabase(config);
  const app = await buildApp(
    {
      db: database.db,
      dbKind: database.kind,
      migration: database.migration,
      config,
      clock: () => new Date(),
      version: VERSION,
    },
    { logger: true, serveWeb: true },
  );
  let runner: JobRunner | null = null;
  app.addHook('onClose', async () => {
    await runner?.stop();
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
  if (chained > 0) app.log.info({ chained }, 'audit events from before the hash chain were chained');
  await checkAuditChain(database.db, app.log); // the newest 10,000 events, and the anchor in the log
  for (const w of operatingWarnings(config, database.kind)) app.log.warn({ warning: w.code }, w.message);
  runner = await startJobRunner({ db: database.db, config, clock: () => new Date(), log: app.log });
  return { app, database, runner };
}

/** Closes the server and then the database on SIGINT/SIGTERM, so PGlite writes its last pages. */
export function closeOnSignals(app: FastifyInstance): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
