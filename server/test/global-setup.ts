/**
 * Runs once before the API tests: migrates one in-memory PGlite and dumps it to a temporary file, which
 * every test file's `makeTestEnv` loads instead of creating and migrating its own cluster (initdb and the
 * migrations cost seconds per file; loading the dump a fraction of it). PostgreSQL runs are unaffected.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/client';

export const TEMPLATE_ENV = 'SHIFAN_TEST_PGLITE_TEMPLATE';

export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => {};
  const database = await openDatabase({ dataDir: null });
  const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env[TEMPLATE_ENV] = file;
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
