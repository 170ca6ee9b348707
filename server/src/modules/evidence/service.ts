/**
 * Evidence files (申报材料): upload, download, thumbnail, delete. Bytes are checked by content and made
 * durable in the store first; the row and its audit event then commit in one transaction, and the stored
 * bytes are removed again if that transaction fails. Scope is the application's (out of scope → 404).
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Db, DbOrTx } from '../../db/client';
import { scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import {
  EVIDENCE_LIMITS,
  evidenceUploadFields,
  type EvidenceFile,
} from '../../../../shared/src/contracts/evidence';
import {
  EDITABLE_STATUSES,
  type ApplicationStatus,
} from '../../../../shared/src/domain/application-workflow';
import { loadForWrite } from '../applications/service';
import { notEditable } from '../applications/errors';
import { fileNameProblem, inspectFile, mimeOf, processImage, type ProcessedImage } from './inspect';
import { verifyStored } from './integrity';
import { newKey, type EvidenceStorage } from './storage';
import type { ReceivedUpload } from './upload';
import * as repo from './repo';

const MiB = 1024 * 1024;

function checkUsage(used: { files: number; bytes: number }, adding: number): void {
  if (used.files + 1 > EVIDENCE_LIMITS.filesPerApplication)
    throw new AppError('EVIDENCE_COUNT_LIMIT', [
      fieldError(
        'file',
        'too_many_files',
        `每项申报最多 ${EVIDENCE_LIMITS.filesPerApplication} 个文件`,
        `An application may have at most ${EVIDENCE_LIMITS.filesPerApplication} files`,
      ),
    ]);
  if (used.bytes + adding > EVIDENCE_LIMITS.bytesPerApplication)
    throw new AppError('EVIDENCE_SIZE_LIMIT', [
      fieldError(
        'file',
        'total_too_large',
        `每项申报的材料合计不能超过 ${EVIDENCE_LIMITS.bytesPerApplication / MiB} MB`,
        `The files of an application may total at most ${EVIDENCE_LIMITS.bytesPerApplication / MiB} MB`,
      ),
    ]);
}

/**
 * Checks before any byte is received: the application exists in scope, is editable (the applications
 * module's `loadForWrite`: 404 / 409 NOT_EDITABLE), and has room for one more file. Saves reading a
 * 20 MB body only to refuse it; the transaction checks all of it again.
 */
export async function prepareUpload(db: Db, ctx: Ctx, applicationId: string): Promise<void> {
  await loadForWrite(db, ctx, applicationId);
  checkUsage(await repo.usage(db, applicationId), 0);
}

/** The optional `criterionId` field: a uuid of a criterion of the application's standard version. */
async function criterionOf(db: Db, fields: Record<string, string>, standardVersionId: string) {
  const parsed = evidenceUploadFields.safeParse({
    ...fields,
    ...(fields.criterionId === '' ? { criterionId: null } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'criterionId';
    throw new AppError('VALIDATION_FAILED', [
      issue.code === 'unrecognized_keys'
        ? fieldError(field, 'unknown_field', '不允许的字段', `Unknown field(s): ${issue.keys.join(', ')}`)
        : fieldError(field, 'invalid_format', '格式不正确', 'Invalid format'),
    ]);
  }
  const criterionId = parsed.data.criterionId ?? null;
  if (criterionId && !(await repo.criterionInVersion(db, criterionId, standardVersionId)))
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        'criterionId',
        'not_in_standard',
        '该指标不属于本申报所用的创建标准',
        "The criterion is not part of this application's standard",
      ),
    ]);
  return criterionId;
}

/**
 * Accepts a received upload: name, fields and content checks, image re-encoding, durable storage, then
 * the row and its audit event in one transaction. Scratch files are always removed.
 */
export async function acceptUpload(
  db: Db,
  storage: EvidenceStorage,
  ctx: Ctx,
  applicationId: string,
  upload: ReceivedUpload,
): Promise<EvidenceFile> {
  const { staged, filename } = upload;
  let image: ProcessedImage | null = null;
  try {
    const bad = fileNameProblem(filename);
    if (bad) throw new AppError('INVALID_FILE', [fieldError('file', bad.reason, bad.zh, bad.en)]);
    const app = await loadForWrite(db, ctx, applicationId);
    const criterionId = await criterionOf(db, upload.fields, app.standardVersionId);
    const kind = await inspectFile(staged.path, staged.size, filename);
    if (kind === 'jpeg' || kind === 'png') image = await processImage(staged.path, kind, storage.scratch);

    const key = newKey('evidence');
    const thumbKey = image ? newKey('thumbs') : null;
    const stored = await storage.store.put(key, fs.createReadStream(image?.file ?? staged.path));
    try {
      if (image && thumbKey) await storage.store.put(thumbKey, fs.createReadStream(image.thumbnail));
      return await db.transaction(async (tx) => {
        const locked = await loadForWrite(tx, ctx, applicationId);
        checkUsage(await repo.usage(tx, applicationId), stored.size);
        const row = await repo.insertEvidence(tx, {
          applicationId,
          criterionId,
          unitId: locked.unitId,
          originalName: filename,
          mediaType: mimeOf(kind),
          sizeBytes: stored.size,
          sha256: stored.sha256,
          storageKey: key,
          thumbKey,
          width: image?.width ?? null,
          height: image?.height ?? null,
          uploadedBy: ctx.actor?.userId ?? null,
          createdAt: ctx.now,
        });
        await writeAudit(tx, ctx, {
          action: 'evidence.upload',
          objectType: 'evidence_file',
          objectId: row.id,
          unitId: row.unitId,
          changes: {
            applicationId: { before: null, after: applicationId },
            criterionId: { before: null, after: criterionId },
            originalName: { before: null, after: filename },
            mediaType: { before: null, after: row.mediaType },
            sizeBytes: { before: null, after: row.sizeBytes },
            sha256: { before: null, after: row.sha256 },
          },
        });
        return repo.toContract(row);
      });
    } catch (err) {
      await storage.store.delete(key);
      if (thumbKey) await storage.store.delete(thumbKey);
      throw err;
    }
  } finally {
    await storage.scratch.discard(staged.path, image?.file, image?.thumbnail);
  }
}

export interface Download {
  stream: Readable;
  mediaType: string;
  size: number | null;
  name: string;
}

/**
 * A file (or its thumbnail) of an application the caller may read; 404 when out of scope or absent. The
 * file's bytes are checked against the hash recorded at upload first (integrity.ts: 409 EVIDENCE_CORRUPT
 * and audited on a mismatch) and the download is audited (`evidence.download`) before the first byte.
 * A thumbnail is derived, has no recorded hash and is not audited (a list shows many).
 */
export async function openDownload(
  db: Db,
  storage: EvidenceStorage,
  ctx: Ctx,
  id: string,
  which: 'file' | 'thumbnail',
  onMissing: (key: string) => void,
): Promise<Download> {
  const row = await repo.findEvidence(db, scopeOf(ctx.actor, 'applications.read'), id);
  if (!row) throw new AppError('NOT_FOUND');
  const key = which === 'file' ? row.storageKey : row.thumbKey;
  if (!key) throw new AppError('NOT_FOUND');
  if (!(await storage.store.exists(key))) {
    onMissing(key);
    throw new AppError('NOT_FOUND');
  }
  if (which === 'thumbnail')
    return {
      stream: storage.store.get(key),
      mediaType: 'image/jpeg',
      size: null,
      name: `${row.originalName.replace(/\.[^.]*$/, '')}-thumbnail.jpg`,
    };
  await verifyStored(db, storage.store, ctx, {
    key,
    sha256: row.sha256,
    size: row.sizeBytes,
    objectType: 'evidence_file',
    objectId: row.id,
    unitId: row.unitId,
    name: row.originalName,
  });
  await writeAudit(db, ctx, {
    action: 'evidence.download',
    objectType: 'evidence_file',
    objectId: row.id,
    unitId: row.unitId,
    detail: row.originalName,
  });
  return {
    stream: storage.store.get(key),
    mediaType: row.mediaType,
    size: row.sizeBytes,
    name: row.originalName,
  };
}

/**
 * Soft-deletes a file (the bytes stay for the audit trail and for a restore by an operator); only while
 * its application is editable.
 */
export async function remove(db: Db, ctx: Ctx, id: string): Promise<void> {
  const scope = scopeOf(ctx.actor, 'applications.write');
  await db.transaction(async (tx) => {
    const row = await repo.findEvidence(tx, scope, id, 'update');
    if (!row) throw new AppError('NOT_FOUND');
    if (!EDITABLE_STATUSES.includes(row.applicationStatus as ApplicationStatus))
      throw notEditable(row.applicationStatus);
    await repo.markDeleted(tx, id, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'evidence.delete',
      objectType: 'evidence_file',
      objectId: id,
      unitId: row.unitId,
      changes: { deletedAt: { before: null, after: ctx.now.toISOString() } },
      detail: row.originalName,
    });
  });
}

/** The live files of an application, for the applications module (which checks the scope). */
export async function listForApplication(db: DbOrTx, applicationId: string): Promise<EvidenceFile[]> {
  return (await repo.listLive(db, applicationId)).map(repo.toContract);
}
