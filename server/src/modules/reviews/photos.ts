/**
 * On-site inspection photos (实地考察): a reviewer attaches photos to its review, per criterion, stamped with
 * the time (and the place when the device gives it). The bytes go through the evidence store's checks —
 * content-sniffed, images only, re-encoded without metadata, with a thumbnail — and are durable before the
 * row and its audit event commit in one transaction (the bytes are removed again if it fails).
 */
import fs from 'node:fs';
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { requireActor, scopeOf } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { assertObject } from '../../core/object-rules';
import { writeAudit } from '../audit/write';
import { getAssignment } from '../assignments/queries';
import { conflictStatus } from '../reviewers/queries';
import { getStage, stageFacts } from '../stages/queries';
import { reviewPhotoFields, type ReviewPhoto } from '../../../../shared/src/contracts/reviews';
import { fileNameProblem, inspectFile, processImage, type ProcessedImage } from '../evidence/inspect';
import { verifyStored } from '../evidence/integrity';
import { newKey, type EvidenceStorage } from '../evidence/storage';
import type { ReceivedUpload } from '../evidence/upload';
import type { Readable } from 'node:stream';
import * as repo from './repo';
import { photoOf } from './service';

/** At most this many photos per review (an inspection is documented, not filmed). */
export const PHOTOS_PER_REVIEW = 30;

function fieldsOf(fields: Record<string, string>) {
  const parsed = reviewPhotoFields.safeParse(
    Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '')),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'fields';
    throw new AppError('VALIDATION_FAILED', [
      issue.code === 'unrecognized_keys'
        ? fieldError(field, 'unknown_field', '不允许的字段', `Unknown field(s): ${issue.keys.join(', ')}`)
        : fieldError(field, 'invalid_format', '格式不正确', 'Invalid format'),
    ]);
  }
  const f = parsed.data;
  if ((f.latitude === undefined) !== (f.longitude === undefined))
    throw new AppError('VALIDATION_FAILED', [
      fieldError('latitude', 'position_pair', '经纬度须同时提供', 'Give latitude and longitude together'),
    ]);
  return f;
}

/** The review's write rules (assigned, not conflicted, stage open) and "not locked", before any byte. */
async function assertMayAttach(db: DbOrTx, ctx: Ctx, reviewId: string) {
  scopeOf(requireActor(ctx), 'reviews.write');
  const assignment = await getAssignment(db, reviewId);
  if (!assignment) throw new AppError('NOT_FOUND');
  const stage = await getStage(db, assignment.stageId);
  if (!stage) throw new AppError('NOT_FOUND');
  const c = await conflictStatus(db, {
    reviewerId: assignment.reviewerId,
    applicationId: assignment.applicationId,
  });
  assertObject(ctx, 'reviews.write', {
    reviewerId: assignment.reviewerId,
    conflicted: c.conflicted,
    stage: stageFacts(stage),
  });
  const review = await repo.findReview(db, reviewId);
  if (review?.status === 'locked') throw new AppError('REVIEW_LOCKED');
  return { assignment, stage };
}

/** Checks before the body is read (saves receiving 20 MB only to refuse it). */
export async function preparePhoto(db: Db, ctx: Ctx, reviewId: string): Promise<void> {
  await assertMayAttach(db, ctx, reviewId);
}

export async function acceptPhoto(
  db: Db,
  storage: EvidenceStorage,
  ctx: Ctx,
  reviewId: string,
  upload: ReceivedUpload,
): Promise<ReviewPhoto> {
  const { staged, filename } = upload;
  let image: ProcessedImage | null = null;
  try {
    const bad = fileNameProblem(filename);
    if (bad) throw new AppError('INVALID_FILE', [fieldError('file', bad.reason, bad.zh, bad.en)]);
    const fields = fieldsOf(upload.fields);
    await assertMayAttach(db, ctx, reviewId);
    const kind = await inspectFile(staged.path, staged.size, filename);
    if (kind !== 'jpeg' && kind !== 'png')
      throw new AppError('INVALID_FILE', [
        fieldError(
          'file',
          'not_an_image',
          '现场照片须为 JPG 或 PNG 图片',
          'An on-site photo must be a JPG or PNG image',
        ),
      ]);
    image = await processImage(staged.path, kind, storage.scratch);
    const key = newKey('photos');
    const thumbKey = newKey('thumbs');
    const stored = await storage.store.put(key, fs.createReadStream(image.file));
    try {
      await storage.store.put(thumbKey, fs.createReadStream(image.thumbnail));
      return await db.transaction(async (tx) => {
        // Again inside the transaction, with the review row locked: the stage may have closed meanwhile.
        const { assignment } = await assertMayAttach(tx, ctx, reviewId);
        let review = await repo.findReview(tx, reviewId, 'update');
        if (review?.status === 'locked') throw new AppError('REVIEW_LOCKED');
        if ((await repo.photosOf(tx, reviewId)).length >= PHOTOS_PER_REVIEW)
          throw new AppError('EVIDENCE_COUNT_LIMIT', [
            fieldError(
              'file',
              'too_many_photos',
              `每份评分表最多 ${PHOTOS_PER_REVIEW} 张照片`,
              `A review may have at most ${PHOTOS_PER_REVIEW} photos`,
            ),
          ]);
        if (
          fields.criterionId &&
          !(await repo.criterionOfApplication(tx, fields.criterionId, assignment.applicationId))
        )
          throw new AppError('VALIDATION_FAILED', [
            fieldError(
              'criterionId',
              'not_in_standard',
              '该指标不属于本申报所用的创建标准',
              "Not a criterion of this application's standard",
            ),
          ]);
        // A pending review has no row yet: the photo's row needs one (still pending, version 1).
        review ??= await repo.insertReview(tx, {
          id: reviewId,
          stageId: assignment.stageId,
          applicationId: assignment.applicationId,
          reviewerId: assignment.reviewerId,
          unitId: assignment.unitId,
          status: 'pending',
          updatedAt: ctx.now,
        });
        const row = await repo.insertPhoto(tx, {
          reviewId,
          applicationId: assignment.applicationId,
          unitId: assignment.unitId,
          criterionId: fields.criterionId ?? null,
          originalName: filename,
          mediaType: kind === 'png' ? 'image/png' : 'image/jpeg',
          sizeBytes: stored.size,
          sha256: stored.sha256,
          storageKey: key,
          thumbKey,
          width: image!.width,
          height: image!.height,
          takenAt: fields.takenAt ? new Date(fields.takenAt) : ctx.now,
          latitude: fields.latitude ?? null,
          longitude: fields.longitude ?? null,
          uploadedBy: ctx.actor?.userId ?? null,
          createdAt: ctx.now,
        });
        await writeAudit(tx, ctx, {
          action: 'reviews.photo',
          objectType: 'review',
          objectId: reviewId,
          unitId: assignment.unitId,
          changes: {
            photoId: { before: null, after: row.id },
            criterionId: { before: null, after: row.criterionId },
            sha256: { before: null, after: row.sha256 },
            takenAt: { before: null, after: row.takenAt.toISOString() },
          },
        });
        return photoOf(row);
      });
    } catch (err) {
      await storage.store.delete(key);
      await storage.store.delete(thumbKey);
      throw err;
    }
  } finally {
    await storage.scratch.discard(staged.path, image?.file, image?.thumbnail);
  }
}

/** A photo (or its thumbnail) of a review the caller may read: its reviewer, or the committee. */
export async function openPhoto(
  db: Db,
  storage: EvidenceStorage,
  ctx: Ctx,
  reviewId: string,
  photoId: string,
  which: 'file' | 'thumbnail',
): Promise<{ stream: Readable; mediaType: string; name: string }> {
  scopeOf(requireActor(ctx), 'reviews.read');
  const assignment = await getAssignment(db, reviewId);
  if (!assignment) throw new AppError('NOT_FOUND');
  assertObject(ctx, 'reviews.read', { reviewerId: assignment.reviewerId });
  const row = await repo.findPhoto(db, reviewId, photoId);
  const key = row && (which === 'file' ? row.storageKey : row.thumbKey);
  if (!row || !key || !(await storage.store.exists(key))) throw new AppError('NOT_FOUND');
  if (which === 'file') {
    // The photo's bytes against the hash recorded at upload; the download audited before the first byte.
    await verifyStored(db, storage.store, ctx, {
      key,
      sha256: row.sha256,
      size: row.sizeBytes,
      objectType: 'review_photo',
      objectId: row.id,
      unitId: row.unitId,
      name: row.originalName,
    });
    await writeAudit(db, ctx, {
      action: 'reviews.photo_download',
      objectType: 'review_photo',
      objectId: row.id,
      unitId: row.unitId,
      detail: row.originalName,
    });
  }
  return {
    stream: storage.store.get(key),
    mediaType: which === 'file' ? row.mediaType : 'image/jpeg',
    name: row.originalName,
  };
}
