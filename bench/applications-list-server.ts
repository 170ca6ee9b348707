/**
 * The server side of the application-list benchmark, run in a child process of its own (so autocannon
 * and the server do not share an event loop): opens the database (a PostgreSQL URL, or PGlite in a
 * data directory), writes the 100,000 applications, adds a committee admin, and listens on
 * 127.0.0.1 with the real app (`buildApp`, no request log). Talks to the parent over IPC.
 */
import { openDatabase } from '../server/src/db/client';
import { serveApp } from './serve-app';
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
  const { app, port } = await serveApp(database, backend === 'pglite' ? target : '/tmp');
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
