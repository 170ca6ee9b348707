import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { loadKeyRing } from '../../core/keys';
import { freshPostgres } from '../../../test/helpers';
import { useAuditKeys } from './chain';
import { writeAudit } from './write';

/**
 * `npm run shifan -- audit verify` as an operator runs it: a separate process on the same database (a
 * PGlite data directory, or a PostgreSQL database with TEST_DATABASE_URL) and the same key file.
 */
const run = promisify(execFile);
let dir: string;
let pgUrl: { url: string; drop: () => Promise<void> } | null = null;
let env: Record<string, string>;

const open = (): Promise<Database> => openDatabase(pgUrl ? { databaseUrl: pgUrl.url } : { dataDir: dir });

async function asOwner(statement: ReturnType<typeof sql>): Promise<void> {
  const database = await open();
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
      await tx.execute(statement);
      await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    });
  } finally {
    await database.close();
  }
}

async function verify(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(
      path.resolve('node_modules/.bin/tsx'),
      ['server/src/cli.ts', 'audit', 'verify', ...args],
      {
        env: { ...process.env, ...env },
      },
    );
    return { code: 0, out: r.stdout.trim(), err: r.stderr.trim() };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout.trim(), err: x.stderr.trim() };
  }
}

let ids: number[] = [];
let headLink = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-verify-'));
  if (process.env.TEST_DATABASE_URL) pgUrl = await freshPostgres(process.env.TEST_DATABASE_URL);
  const keyFile = path.join(dir, 'keys', 'shifan-keys.json');
  env = {
    NODE_ENV: 'test',
    SHIFAN_DATA_DIR: dir,
    SHIFAN_KEY_FILE: keyFile,
    ...(pgUrl ? { DATABASE_URL: pgUrl.url } : {}),
  };
  useAuditKeys(loadKeyRing(keyFile, ['audit']));
  const database = await open();
  try {
    for (let i = 1; i <= 5; i++)
      await writeAudit(
        database.db,
        {
          actor: null,
          ip: '10.1.1.1',
          requestId: `cli-${i}`,
          lang: 'zh-CN',
          now: new Date(Date.UTC(2026, 10, i)),
        },
        { action: 'auth.login', outcome: i === 2 ? 'failure' : 'success', detail: `第${i}次` },
      );
    const r = await database.db.execute(sql`SELECT id, link FROM audit_events ORDER BY seq`);
    const rows = (r as unknown as { rows: { id: string | number; link: string }[] }).rows;
    ids = rows.map((x) => Number(x.id));
    headLink = rows[4]!.link;
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  await pgUrl?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Each run starts a process (tsx): slow on a busy machine.
describe('npm run shifan -- audit verify', { timeout: 120_000 }, () => {
  it('exits 0 on an intact log and prints the anchor', async () => {
    expect(await verify()).toEqual({
      code: 0,
      out: `Audit chain intact: 5 events checked (seq 1–5); anchor seq 5 link ${headLink}`,
      err: '',
    });
  });

  it('exits 1 naming the altered event', async () => {
    await asOwner(sql`UPDATE audit_events SET outcome = 'success' WHERE seq = 2`);
    const altered = await verify();
    expect(altered.code).toBe(1);
    expect(altered.err).toBe(
      `Audit chain BROKEN after 1 good events: Event ${ids[1]} (seq 2) fails: its link does not match its ` +
        'content and the previous link (changed or put in)',
    );
  });

  it('exits 1 naming the removed event; the newest 2 alone still check out', async () => {
    await asOwner(sql`DELETE FROM audit_events WHERE seq = 2`);
    const removed = await verify();
    expect(removed.code).toBe(1);
    expect(removed.err).toBe(
      `Audit chain BROKEN after 1 good events: Event seq 2 is missing (removed): event ${ids[2]} (seq 3) follows seq 1`,
    );
    expect((await verify('--last', '2')).out).toBe(
      `Audit chain intact: 2 events checked (seq 4–5); anchor seq 5 link ${headLink}`,
    );
  });

  it('refuses to run without the key file (a new key would fail every event)', async () => {
    const missing = { ...env, SHIFAN_KEY_FILE: path.join(dir, 'nowhere.json') };
    const saved = env;
    env = missing;
    try {
      expect(await verify()).toEqual({
        code: 2,
        out: '',
        err: `No key file at ${missing.SHIFAN_KEY_FILE} (SHIFAN_KEY_FILE): the chain cannot be checked without it.`,
      });
    } finally {
      env = saved;
    }
  });
});
