/**
 * The real app as the load benchmarks serve it: `buildApp` on an open database with its audit chain
 * opened, production settings, no request log, listening on 127.0.0.1 on a free port.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import type { Database } from '../server/src/db/client';
import { memoryKeyRing } from '../server/src/core/keys';
import { openAuditChain } from '../server/src/modules/audit/chain';

/** The benchmarks' audit key (the server reads its key file; a benchmark keeps one in memory). */
export const BENCH_KEYS = memoryKeyRing(['audit']);

export async function serveApp(
  database: Database,
  dataDir: string,
): Promise<{ app: FastifyInstance; port: number }> {
  await openAuditChain(database.db, BENCH_KEYS); // as startServer does: audit events need the chain's key
  const config = loadConfig({
    NODE_ENV: 'production',
    SHIFAN_ALLOW_EMBEDDED: 'true',
    SHIFAN_DATA_DIR: dataDir,
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
  return { app, port: typeof address === 'object' && address ? address.port : 0 };
}
