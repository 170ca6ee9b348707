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
 * `npm run shifan -- audit archive --out FILE` and `audit verify --archive FILE` as an operator runs them:
 * separate processes on a PGlite data directory (or PostgreSQL with TEST_DATABASE_URL) and one key file.
 */
const run = promisify(execFile);
let dir: string;
let pgUrl: { url: string; drop: () => Promise<void> } | null = null;
let env: Record<string, string>;
let file: string;

const open = (): Promise<Database> => openDatabase(pgUrl ? { databaseUrl: pgUrl.url } : { dataDir: dir });

async function shifan(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(path.resolve('node_modules/.bin/tsx'), ['server/src/cli.ts', ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, out: r.stdout.trim(), err: r.stderr.trim() };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout.trim(), err: x.stderr.trim() };
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-archive-'));
  file = path.join(dir, 'audit-2025.jsonl');
  if (process.env.TEST_DATABASE_URL) pgUrl = await freshPostgres(process.env.TEST_DATABASE_URL);
  const keyFile = path.join(dir, 'keys', 'shifan-keys.json');
  env = {
    NODE_ENV: 'test',
    SHIFAN_DATA_DIR: dir,
    SHIFAN_KEY_FILE: keyFile,
    SHIFAN_AUDIT_RETENTION_DAYS: '200',
    ...(pgUrl ? { DATABASE_URL: pgUrl.url } : {}),
  };
  useAuditKeys(loadKeyRing(keyFile, ['audit']));
  const database = await open();
  try {
    // Four events of 2025 (older than 200 days, whenever the test runs), then one of now.
    const at = [
      Date.UTC(2025, 0, 5),
      Date.UTC(2025, 1, 5),
      Date.UTC(2025, 2, 5),
      Date.UTC(2025, 3, 5),
      Date.now(),
    ];
    for (const [i, t] of at.entries())
      await writeAudit(
        database.db,
        { actor: null, ip: '10.1.1.1', requestId: `cli-${i}`, lang: 'zh-CN', now: new Date(t) },
        { action: 'auth.login', detail: `第${i + 1}次` },
      );
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  await pgUrl?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run shifan -- audit archive / audit verify --archive', { timeout: 180_000 }, () => {
  it('refuses a retention below 184 days, naming the setting', async () => {
    const saved = env;
    env = { ...env, SHIFAN_AUDIT_RETENTION_DAYS: '90' };
    try {
      const r = await shifan('audit', 'archive', '--out', file);
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        'Invalid configuration:\n  SHIFAN_AUDIT_RETENTION_DAYS: must be at least 184 days ' +
          '(MLPS level 3 keeps audit records six months)',
      );
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      env = saved;
    }
  });

  it('archives the events older than the retention, removes them, and the chain verifies from the checkpoint', async () => {
    const archived = await shifan('audit', 'archive', '--out', file);
    expect(archived.err).toBe('');
    expect(archived.code).toBe(0);
    expect(archived.out).toMatch(
      /^Archived audit events seq 1–4 \(4 events before \S+\) to .*audit-2025\.jsonl, SM3 [0-9a-f]{64}; verified, then removed from the database\.$/,
    );
    const verified = await shifan('audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(
      /^Audit chain intact: 2 events checked \(seq 5–6\); anchor seq 6 link [0-9a-f]{64}$/,
    );
    const database = await open();
    try {
      const r = await database.db.execute(sql`SELECT seq::int AS seq, action FROM audit_events ORDER BY seq`);
      expect((r as unknown as { rows: unknown[] }).rows).toEqual([
        { seq: 5, action: 'auth.login' },
        { seq: 6, action: 'audit.archive' },
      ]);
    } finally {
      await database.close();
    }
  });

  it('verifies the archive alone and joined to the database; names a flipped byte with exit 1', async () => {
    const alone = await shifan('audit', 'verify', '--archive', file);
    expect(alone.code).toBe(0);
    expect(alone.out).toMatch(
      /^audit-2025\.jsonl: seq 1–4, 4 events, signature good, SM3 [0-9a-f]{64}\nAudit archives intact: 1 verified\.$/,
    );
    const joined = await shifan('audit', 'verify', '--archive', file, '--db');
    expect(joined.code).toBe(0);
    expect(joined.out).toMatch(/Audit archives intact: 1 verified and joined to the database\.$/);
    const bytes = fs.readFileSync(file);
    bytes[bytes.indexOf('cli-2') + 4]! ^= 0x01; // seq 3's request id: cli-2 → cli-3
    const flipped = path.join(dir, 'flipped.jsonl');
    fs.writeFileSync(flipped, bytes);
    const broken = await shifan('audit', 'verify', '--archive', flipped);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(
      /^Audit archive BROKEN: flipped\.jsonl: Line 4: Event \d+ \(seq 3\) fails: its link does not match its content and the previous link \(changed or put in\)$/,
    );
  });
});
