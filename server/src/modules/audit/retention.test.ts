/**
 * Audit retention (issue #9 §4): events older than the retention go to a signed archive, verified, then
 * removed in one transaction with the checkpoint and the removal's own event; the database chain verifies
 * from the checkpoint, the archives verify alone and joined; a damaged archive is named; a failed write
 * removes nothing; the trigger lets no other removal through. PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditArchives, auditEvents } from '../../db/schema';
import type { DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { makeTestEnv, type TestEnv } from '../../../test/helpers';
import { GENESIS, type AuditRow } from './chain';
import { verifyChain } from './verify';
import { writeAudit } from './write';
import { archiveOldEvents, RetentionError } from './retention';
import { eventLine, verifyArchiveFile } from './archive-file';
import { verifyArchiveSet } from './archive-set';
import { openArchive, writeBackup } from '../../backup/archive';
import { loadSnapshot } from '../../backup/snapshot';

let env: TestEnv;
let dir: string;
let original: AuditRow[];
const NOW = new Date('2026-12-08T00:00:00.000Z'); // 184 days before: 2026-06-07T00:00:00Z
const ctxAt = (now: Date): Ctx => ({ actor: null, ip: null, requestId: 'cli', lang: 'zh-CN', now });
const WRITTEN = [
  '2026-01-10T08:00:00.000Z',
  '2026-03-01T08:00:00.000Z',
  '2026-06-06T23:59:59.999Z', // the last one older than 184 days
  '2026-06-07T00:00:00.000Z', // exactly 184 days: kept
  '2026-05-01T08:00:00.000Z', // older, but after a kept one in the chain: kept (only a prefix goes)
  '2026-12-01T08:00:00.000Z',
];
const events = () => env.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
const records = () => env.db.select().from(auditArchives).orderBy(asc(auditArchives.fromSeq));
const archive = (name: string, now = NOW, retentionDays = 184) =>
  archiveOldEvents(env.db, { now, retentionDays, out: path.join(dir, name), ctx: ctxAt(now) });
const appendOnly = { cause: { message: 'audit_events is append-only' } };

beforeAll(async () => {
  env = await makeTestEnv();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shifan-retention-'));
  for (const [i, at] of WRITTEN.entries())
    await writeAudit(env.db, ctxAt(new Date(at)), { action: 'auth.login', detail: `event-${i + 1}` });
  original = await events();
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `change` with the setting the archive code uses, then rolls back. */
async function withArchiveSetting(change: (tx: DbOrTx) => Promise<unknown>): Promise<void> {
  await env.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('shifan.audit_archive', 'on', true)`);
    await change(tx);
  });
}

describe('refusals before any archive', () => {
  it('refuses a retention below 184 days and writes nothing', async () => {
    await expect(archive('short.jsonl', NOW, 183)).rejects.toThrow(
      new RetentionError('Audit events are kept at least 184 days'),
    );
    expect(fs.existsSync(path.join(dir, 'short.jsonl'))).toBe(false);
  });

  it('removes nothing when the archive cannot be written (no such directory), leaving no file', async () => {
    await expect(archive(path.join('missing', 'a.jsonl'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await events()).toEqual(original);
    expect(await records()).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('never overwrites an existing file, and removes nothing then', async () => {
    fs.writeFileSync(path.join(dir, 'taken.jsonl'), 'x');
    await expect(archive('taken.jsonl')).rejects.toThrow(
      `${path.join(dir, 'taken.jsonl')} exists: an archive is never overwritten`,
    );
    expect(fs.readFileSync(path.join(dir, 'taken.jsonl'), 'utf8')).toBe('x');
    expect(await events()).toEqual(original);
    fs.rmSync(path.join(dir, 'taken.jsonl'));
  });

  it('the trigger refuses a removal even with the setting while no archive covers the event', async () => {
    await expect(
      withArchiveSetting((tx) => tx.execute(sql`DELETE FROM audit_events WHERE seq = 1`)),
    ).rejects.toMatchObject(appendOnly);
  });
});

describe('the first archive', () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(dir, 'audit-1.jsonl');
    expect(await archive('audit-1.jsonl')).toEqual({
      fromSeq: 1,
      throughSeq: 3,
      events: 3,
      previousLink: GENESIS,
      throughLink: original[2]!.link,
      before: new Date('2026-06-07T00:00:00.000Z'),
      file,
      sm3: (await verifyArchiveFile(file)).sm3,
    });
  });

  it('writes the header, the three oldest events as stored (links included), and the signature', () => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(6); // header, 3 events, signature, '' after the last newline
    expect(JSON.parse(lines[0]!)).toEqual({
      format: 'shifan-audit-archive',
      version: 1,
      fromSeq: 1,
      throughSeq: 3,
      events: 3,
      previousLink: GENESIS,
      throughLink: original[2]!.link,
      before: '2026-06-07T00:00:00.000Z',
      createdAt: '2026-12-08T00:00:00.000Z',
      keyVersion: 1,
    });
    expect(lines.slice(1, 4)).toEqual(original.slice(0, 3).map(eventLine));
    expect(Object.keys(JSON.parse(lines[4]!))).toEqual(['signature']);
    expect(lines[5]).toBe('');
  });

  it('removes exactly those events, records the checkpoint and audits the removal', async () => {
    const left = await events();
    expect(left.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect(left.slice(0, 3)).toEqual(original.slice(3));
    const sm3 = (await verifyArchiveFile(file)).sm3;
    expect(left[3]).toMatchObject({
      action: 'audit.archive',
      objectType: 'audit_event',
      objectId: '1-3',
      outcome: 'success',
      at: NOW,
      detail: `seq 1–3 (3 events before 2026-06-07T00:00:00.000Z) archived to audit-1.jsonl, SM3 ${sm3}`,
    });
    expect(await records()).toMatchObject([
      { fromSeq: 1, throughSeq: 3, throughLink: original[2]!.link, events: 3, fileSm3: sm3 },
    ]);
  });

  it('the database chain verifies from the checkpoint', async () => {
    const r = await verifyChain(env.db);
    expect(r).toMatchObject({ ok: true, checked: 4, from: 4, head: { seq: 7 }, failure: null });
    expect(await verifyChain(env.db, { last: 2 })).toMatchObject({ ok: true, checked: 2, from: 6 });
    expect(await verifyChain(env.db, { last: 100 })).toMatchObject({ ok: true, checked: 4, from: 4 });
  });

  it('the archive verifies alone and against the database', async () => {
    const alone = await verifyArchiveFile(file);
    expect(alone).toMatchObject({ ok: true, checked: 3, failure: null });
    expect(await verifyArchiveSet([file], env.db)).toEqual({
      ok: true,
      lines: [`audit-1.jsonl: seq 1–3, 3 events, signature good, SM3 ${alone.sm3}`],
      failure: null,
    });
  });

  it('names the event of a flipped byte, a line no longer JSON, and a changed signature', async () => {
    const bytes = fs.readFileSync(file);
    const flip = (at: number, name: string) => {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 0x01;
      fs.writeFileSync(path.join(dir, name), copy);
      return verifyArchiveFile(path.join(dir, name)).then((r) => r.failure);
    };
    expect(await flip(bytes.indexOf('event-2') + 6, 'flip-event.jsonl')).toBe(
      `Line 3: Event ${original[1]!.id} (seq 2) fails: its link does not match its content and the previous link (changed or put in)`,
    );
    expect(await flip(bytes.indexOf('\n') + 1, 'flip-json.jsonl')).toBe('Line 2 is not JSON (damaged)');
    expect(await flip(bytes.lastIndexOf('"signature":"') + 14, 'flip-sig.jsonl')).toBe(
      "The archive's signature does not match its content (changed after it was written)",
    );
    expect((await verifyArchiveSet([file, path.join(dir, 'flip-event.jsonl')])).failure).toMatch(
      /^flip-event\.jsonl: Line 3: Event \d+ \(seq 2\) fails/,
    );
  });

  it('the trigger still refuses any other removal: outside the archived range, without the setting, truncation', async () => {
    await expect(
      withArchiveSetting((tx) => tx.execute(sql`DELETE FROM audit_events WHERE seq = 4`)),
    ).rejects.toMatchObject(appendOnly);
    await expect(env.db.execute(sql`DELETE FROM audit_events WHERE seq = 4`)).rejects.toMatchObject(
      appendOnly,
    );
    await expect(withArchiveSetting((tx) => tx.execute(sql`TRUNCATE audit_events`))).rejects.toMatchObject(
      appendOnly,
    );
    await expect(env.db.execute(sql`UPDATE audit_archives SET through_seq = 5`)).rejects.toMatchObject({
      cause: { message: 'audit_archives is append-only' },
    });
    await expect(env.db.execute(sql`DELETE FROM audit_archives`)).rejects.toMatchObject({
      cause: { message: 'audit_archives is append-only' },
    });
    expect((await events()).length).toBe(4);
  });

  it('a backup restores the checkpoint: the restored chain verifies from it', async () => {
    const files = path.join(dir, 'no-files');
    fs.mkdirSync(files);
    const backup = path.join(dir, 'backup.tar.gz');
    await writeBackup(backup, { db: env.db, kind: env.database.kind, filesRoot: files });
    const fresh = await makeTestEnv();
    const opened = await openArchive(backup);
    try {
      await loadSnapshot(fresh.db, opened.readTable, opened.manifest.database.tables);
      expect(await verifyChain(fresh.db)).toEqual(await verifyChain(env.db));
      expect((await verifyChain(fresh.db)).from).toBe(4);
    } finally {
      await opened.close();
      await fresh.close();
      fs.rmSync(backup);
      fs.rmSync(files, { recursive: true });
    }
  }, 120_000);

  it('a moved checkpoint fails verification (its MAC)', async () => {
    let report: Awaited<ReturnType<typeof verifyChain>> | null = null;
    await expect(
      env.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_archives DISABLE TRIGGER audit_archives_guard`);
        await tx.execute(sql`UPDATE audit_archives SET through_seq = 4, through_link = ${original[3]!.link}`);
        report = await verifyChain(tx);
        tx.rollback();
      }),
    ).rejects.toThrow('Rollback');
    expect(report).toMatchObject({
      ok: false,
      failure: {
        id: null,
        seq: 4,
        message: 'The archive checkpoint (through seq 4) fails: its MAC does not match (changed or made up)',
      },
    });
  });
});

describe('a second archive', () => {
  const later = new Date('2027-06-10T00:00:00.000Z'); // 184 days before: 2026-12-08T00:00:00Z
  it('takes the next events, joins the first archive, and the database still verifies', async () => {
    const second = await archive('audit-2.jsonl', later);
    expect(second).toMatchObject({ fromSeq: 4, throughSeq: 6, events: 3, previousLink: original[2]!.link });
    expect((await events()).map((e) => [e.seq, e.action])).toEqual([
      [7, 'audit.archive'],
      [8, 'audit.archive'],
    ]);
    expect(await verifyChain(env.db)).toMatchObject({ ok: true, checked: 2, from: 7, head: { seq: 8 } });
    const files = [path.join(dir, 'audit-2.jsonl'), path.join(dir, 'audit-1.jsonl')];
    const set = await verifyArchiveSet(files, env.db);
    expect(set.ok).toBe(true);
    expect(set.lines.map((l) => l.split(', SM3')[0])).toEqual([
      'audit-1.jsonl: seq 1–3, 3 events, signature good',
      'audit-2.jsonl: seq 4–6, 3 events, signature good',
    ]);
    expect((await verifyArchiveSet([files[0]!])).ok).toBe(true);
  });

  it('finds nothing more to archive, and writes no file', async () => {
    expect(await archive('audit-3.jsonl', later)).toBeNull();
    expect(fs.existsSync(path.join(dir, 'audit-3.jsonl'))).toBe(false);
  });
});
