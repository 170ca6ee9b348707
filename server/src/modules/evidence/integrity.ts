/**
 * Integrity of stored files (issue #9 §5, DI-03): every download of a file whose SHA-256 was recorded at
 * upload (evidence files, on-site photos) reads the stored bytes through once and compares size and hash
 * before the answer starts. A mismatch is never served: the caller gets 409 EVIDENCE_CORRUPT, the failure
 * is audited (`evidence.integrity_failed`, outcome failure, the recorded and the found digest as the
 * change, the file name as the detail), and the
 * security admin's desk lists it.
 *
 * Why hash first and then stream (rather than hash while streaming or buffer): once the status line and
 * the first bytes are sent, a mismatch found at the end can only cut the connection — the client has
 * already received the damaged bytes under a 200. Buffering would close that window too but holds up to
 * 20 MB per download in memory. Reading twice costs a second read (from the page cache in practice) and
 * keeps memory bounded; the store replaces files only by an atomic rename under a new key, so the bytes
 * cannot legitimately change between the check and the send.
 */
import crypto from 'node:crypto';
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import type { FileStore, StoredFile } from './storage';

/** Size and SHA-256 of the bytes under `key` as they are now. */
export async function digestOf(store: FileStore, key: string): Promise<StoredFile> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of store.get(key)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}

export interface CheckedFile {
  key: string;
  /** What was recorded at upload. */
  sha256: string;
  size: number;
  objectType: 'evidence_file' | 'review_photo';
  objectId: string;
  unitId: string | null;
  /** The file's name, for the audit trail and the desk. */
  name: string;
}

/**
 * Checks a stored file's bytes against the recorded size and hash. On a mismatch the failure is audited
 * (committed on its own: the caller does not serve the file) and what the store holds is returned;
 * null when the bytes are intact.
 */
export async function findCorruption(
  db: Db,
  store: FileStore,
  ctx: Ctx,
  f: CheckedFile,
): Promise<StoredFile | null> {
  const found = await digestOf(store, f.key);
  if (found.sha256 === f.sha256 && found.size === f.size) return null;
  await writeAudit(db, ctx, {
    action: 'evidence.integrity_failed',
    objectType: f.objectType,
    objectId: f.objectId,
    unitId: f.unitId,
    outcome: 'failure',
    // What was recorded (before) and what the store holds now (after).
    changes: {
      sha256: { before: f.sha256, after: found.sha256 },
      sizeBytes: { before: f.size, after: found.size },
    },
    detail: f.name,
  });
  return found;
}

/**
 * Checks a stored file's bytes against the recorded size and hash; the caller then streams it. On a
 * mismatch: the failure is audited and EVIDENCE_CORRUPT is thrown.
 */
export async function verifyStored(db: Db, store: FileStore, ctx: Ctx, f: CheckedFile): Promise<void> {
  if (await findCorruption(db, store, ctx, f)) throw new AppError('EVIDENCE_CORRUPT');
}
