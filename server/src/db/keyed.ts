/**
 * The database as every process that writes to it opens it: the key file first (made at first start with
 * mode 0600; refused if others may read it), then the database with its migrations applied, then the audit
 * chain keyed — events from before the chain get their links (`chained`). The server, the CLI and the e2e
 * seeding scripts open it so.
 */
import type { Config } from '../config';
import { loadKeyRing } from '../core/keys';
import { openAuditChain } from '../modules/audit/chain';
import { openDatabase, type Database } from './client';

export async function openKeyedDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'keyFile'>,
): Promise<{ database: Database; chained: number }> {
  const keys = loadKeyRing(config.keyFile, ['audit']);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return { database, chained: await openAuditChain(database.db, keys) };
  } catch (err) {
    await database.close();
    throw err;
  }
}
