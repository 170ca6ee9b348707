/**
 * The server side of the application-list benchmark, run in a child process of its own (so autocannon
 * and the server do not share an event loop): opens the database (a PostgreSQL URL, or PGlite in a
 * data directory), writes the 100,000 applications, adds a committee admin, and listens on
 * 127.0.0.1 with the real app (`buildApp`, no request log). Talks to the parent over IPC.
 */
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/client';
import { insertUser, PASSWORD } from '../server/test/helpers';
import { seedApplications, type ListSeed } from './applications-data';

export type ServerMessage =
  | { kind: 'ready'; port: number; seed: ListSeed; seedSeconds: number; username: string; password: string }
  | { kind: 'failed'; message: string };

export async function serveList(backend: 'pglite' | 'postgres', target: string): Promise<void> {
  const database = await openDatabase(
    backend === 'postgres' ? { databaseUrl: target } : { databaseUrl: null, dataDir: target },
  );
  const t0 = performance.now();
  const seed = await seedApplications(database.db);
  const seedSeconds = (performance.now() - t0) / 1000;
  await insertUser(database.db, { username: 'bench-cadmin', role: 'committee_admin' });
  const config = loadConfig({
    NODE_ENV: 'production',
    SHIFAN_ALLOW_EMBEDDED: 'true',
    SHIFAN_DATA_DIR: backend === 'pglite' ? target : '/tmp',
    SHIFAN_LOG_LEVEL: 'silent',
    SHIFAN_COOKIE_SECURE: 'false',
  });
  const app = await buildApp(
    {
      db: database.db,
      dbKind: database.kind,
      migration: database.migration,
      config,
      clock: () => new Date(),
      version: 'bench',
    },
    { logger: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.on('message', async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
  process.send!({
    kind: 'ready',
    port,
    seed,
    seedSeconds,
    username: 'bench-cadmin',
    password: PASSWORD,
  } satisfies ServerMessage);
}
