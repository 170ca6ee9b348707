/**
 * `audit verify --archive FILE…`: each archive on its own (archive-file.ts), then the joins — each archive
 * starts right after the one before it, with its last link as previous link — and, asked to, the join with
 * the database: the archive record of the same range names the same last link and file SM3.
 */
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditArchives } from '../../db/schema';
import { verifyArchiveFile, type ArchiveCheck } from './archive-file';

export interface ArchiveSetReport {
  ok: boolean;
  /** One line per archive checked (and joined), in seq order. */
  lines: string[];
  failure: string | null;
}

const describe = (file: string, c: ArchiveCheck) =>
  `${path.basename(file)}: seq ${c.header!.fromSeq}–${c.header!.throughSeq}, ${c.checked} events, ` +
  `signature good, SM3 ${c.sm3}`;

/** Verifies archives (any order) and their joins; with `db`, their joins with its archive records. */
export async function verifyArchiveSet(files: string[], db?: DbOrTx): Promise<ArchiveSetReport> {
  const checked: { file: string; c: ArchiveCheck }[] = [];
  for (const file of files) {
    const c = await verifyArchiveFile(file);
    if (!c.ok) return { ok: false, lines: [], failure: `${path.basename(file)}: ${c.failure}` };
    checked.push({ file, c });
  }
  checked.sort((a, b) => a.c.header!.fromSeq - b.c.header!.fromSeq);
  const lines: string[] = [];
  for (const [i, { file, c }] of checked.entries()) {
    const failure = joinFailure(checked[i - 1]?.c, c) ?? (db ? await recordFailure(db, c) : null);
    if (failure) return { ok: false, lines, failure: `${path.basename(file)}: ${failure}` };
    lines.push(describe(file, c));
  }
  return { ok: true, lines, failure: null };
}

function joinFailure(before: ArchiveCheck | undefined, c: ArchiveCheck): string | null {
  if (!before) return null;
  const [b, h] = [before.header!, c.header!];
  if (h.fromSeq !== b.throughSeq + 1)
    return `starts at seq ${h.fromSeq}, the archive before it ends at seq ${b.throughSeq}`;
  if (h.previousLink !== b.throughLink)
    return `does not join the archive before it: its previous link ${h.previousLink} is not ${b.throughLink}`;
  return null;
}

async function recordFailure(db: DbOrTx, c: ArchiveCheck): Promise<string | null> {
  const h = c.header!;
  const [r] = await db.select().from(auditArchives).where(eq(auditArchives.throughSeq, h.throughSeq));
  if (!r) return `the database has no archive record through seq ${h.throughSeq}`;
  if (r.fromSeq !== h.fromSeq || r.throughLink !== h.throughLink || r.fileSm3 !== c.sm3)
    return (
      `the database's archive record (seq ${r.fromSeq}–${r.throughSeq}, last link ${r.throughLink}, ` +
      `SM3 ${r.fileSm3}) is not this archive`
    );
  return null;
}
