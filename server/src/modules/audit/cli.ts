/**
 * `npm run shifan -- audit verify [--last N]`, `audit verify --archive FILE… [--db]` and
 * `audit archive --out FILE`: run by the operator with the server's configuration and key file. On the
 * embedded database the server must be stopped (its data directory is locked).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../../config';
import { openDatabase, type Database } from '../../db/client';
import { loadKeyRing } from '../../core/keys';
import { useAuditKeys } from './chain';
import { verifyChain } from './verify';
import { verifyArchiveSet } from './archive-set';
import { archiveOldEvents } from './retention';

/** Exit code 2 (a refusal, with its message printed), or 'usage' (the caller prints the usage text). */
const USAGE_ERROR = 2;
type Exit = number | 'usage';

/** The configuration and the database with the existing key file (never a new key: it would fail every link). */
async function openWithKeys(): Promise<{ config: Readonly<Config>; database: Database } | string> {
  const config = loadConfig();
  if (!fs.existsSync(config.keyFile))
    return `No key file at ${config.keyFile} (SHIFAN_KEY_FILE): the chain cannot be checked without it.`;
  useAuditKeys(loadKeyRing(config.keyFile, []));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return { config, database };
}

export async function auditVerifyCommand(args: string[]): Promise<Exit> {
  const { values } = parseArgs({
    args,
    options: {
      last: { type: 'string' },
      archive: { type: 'string', multiple: true },
      db: { type: 'boolean' },
    },
  });
  const last = values.last === undefined ? undefined : Number(values.last);
  const badLast = last !== undefined && (!(Number.isInteger(last) && last > 0) || values.archive);
  if (badLast || (values.db && !values.archive)) return 'usage';
  if (values.archive && !values.db) return verifyArchivesOnly(values.archive);
  const opened = await openWithKeys();
  if (typeof opened === 'string') return fail(opened);
  try {
    return values.archive
      ? await archivesReport(values.archive, opened.database)
      : await chainReport(opened.database, last);
  } finally {
    await opened.database.close();
  }
}

const fail = (message: string): number => {
  console.error(message);
  return USAGE_ERROR;
};

async function chainReport(database: Database, last: number | undefined): Promise<number> {
  const r = await verifyChain(database.db, { last });
  if (!r.ok) {
    console.error(`Audit chain BROKEN after ${r.checked} good events: ${r.failure!.message}`);
    return 1;
  }
  console.log(
    `Audit chain intact: ${r.checked} events checked (seq ${r.from}–${r.head.seq}); ` +
      `anchor seq ${r.head.seq} link ${r.head.link}`,
  );
  return 0;
}

/** Archives without the database: only the key file is needed. */
async function verifyArchivesOnly(files: string[]): Promise<number> {
  const config = loadConfig();
  if (!fs.existsSync(config.keyFile))
    return fail(
      `No key file at ${config.keyFile} (SHIFAN_KEY_FILE): an archive cannot be checked without it.`,
    );
  useAuditKeys(loadKeyRing(config.keyFile, []));
  return archivesReport(files, null);
}

async function archivesReport(files: string[], database: Database | null): Promise<number> {
  const missing = files.find((f) => !fs.existsSync(f));
  if (missing) return fail(`No archive at ${missing}`);
  const r = await verifyArchiveSet(
    files.map((f) => path.resolve(f)),
    database?.db,
  );
  for (const line of r.lines) console.log(line);
  if (!r.ok) {
    console.error(`Audit archive BROKEN: ${r.failure}`);
    return 1;
  }
  console.log(
    `Audit archives intact: ${files.length} verified${database ? ' and joined to the database' : ''}.`,
  );
  return 0;
}

export async function auditArchiveCommand(args: string[]): Promise<Exit> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) return 'usage';
  const opened = await openWithKeys();
  if (typeof opened === 'string') return fail(opened);
  const now = new Date();
  try {
    const a = await archiveOldEvents(opened.database.db, {
      now,
      retentionDays: opened.config.audit.retentionDays,
      out: path.resolve(values.out),
      ctx: { actor: null, ip: null, requestId: 'cli', lang: 'zh-CN', now },
    });
    if (!a) {
      console.log(`No audit events older than ${opened.config.audit.retentionDays} days: nothing archived.`);
      return 0;
    }
    console.log(
      `Archived audit events seq ${a.fromSeq}–${a.throughSeq} (${a.events} events before ` +
        `${a.before.toISOString()}) to ${values.out}, SM3 ${a.sm3}; verified, then removed from the database.`,
    );
    return 0;
  } finally {
    await opened.database.close();
  }
}
