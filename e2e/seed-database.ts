/**
 * Opens the data directory a seeding script fills before the server starts (`startSeededServer`), the way
 * the server will open it: the configured key file (`SHIFAN_KEY_FILE`, by default in the data directory,
 * made here if missing) gives the audit chain its key, so the events the script writes are chained with the
 * key the server and `audit verify` use afterwards.
 */
import { loadConfig } from '../server/src/config';
import type { Database } from '../server/src/db/client';
import { openKeyedDatabase } from '../server/src/db/keyed';

export async function openSeedDatabase(dataDir: string): Promise<Database> {
  const config = loadConfig({ ...process.env, SHIFAN_DATA_DIR: dataDir });
  return (await openKeyedDatabase({ ...config, databaseUrl: null })).database;
}
