/**
 * Authorization matrix rows of the review routes. "in" is a review assigned to the matrix's reviewer account,
 * "out" one assigned to another reviewer (the object rule `assigned`: 404). Every cell gets a fresh
 * assignment in an open presentation stage (one overall score), so cells never disturb each other.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { assignments, reviewPhotos, reviews, stages, users } from '../../db/schema';
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { insertApplication } from '../../../test/campaign-fixtures';
import { evidenceStorage, newKey } from '../evidence/storage';
import { fileUpload, pngBytes } from '../evidence/test-kit';

const DAY = 24 * 3600_000;
let stageId: string | null = null;

async function openStage(ctx: MatrixCtx): Promise<string> {
  if (stageId) return stageId;
  const now = ctx.env.clock.now.getTime();
  const [row] = await ctx.env.db
    .insert(stages)
    .values({
      campaignId: ctx.campaign.campaign.id,
      position: 900,
      nameZh: '矩阵环节',
      nameEn: 'Matrix stage',
      method: 'presentation',
      rubric: 'overall',
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 30 * DAY),
      weight: 1,
      status: 'open',
    })
    .returning();
  stageId = row!.id;
  return stageId;
}

/** A fresh assignment of an in_review application of branch A1 to the matrix reviewer (in) or another (out). */
async function freshReview(ctx: MatrixCtx, s: Scope, review?: 'draft' | 'locked'): Promise<string> {
  const stage = await openStage(ctx);
  const app = await insertApplication(ctx.env.db, {
    campaignId: ctx.campaign.campaign.id,
    organization: await ctx.freshBranch('in'),
    standardVersionId: ctx.campaign.standards.branch.versionId,
    status: 'in_review',
  });
  let reviewerId = ctx.users.reviewer.id;
  if (s === 'out') {
    const [u] = await ctx.env.db
      .insert(users)
      .values({
        username: `mrev${ctx.uniq()}`,
        displayName: '另一位专家',
        role: 'reviewer',
        passwordHash: crypto.randomBytes(16).toString('hex'),
      })
      .returning();
    reviewerId = u!.id;
  }
  const [a] = await ctx.env.db
    .insert(assignments)
    .values({
      stageId: stage,
      campaignId: ctx.campaign.campaign.id,
      applicationId: app.id,
      reviewerId,
      unitId: app.unitId,
    })
    .returning();
  if (review)
    await ctx.env.db.insert(reviews).values({
      id: a!.id,
      stageId: stage,
      applicationId: app.id,
      reviewerId,
      unitId: app.unitId,
      status: review,
      scores: { overall: { points: 88 } },
      score: review === 'locked' ? 88 : null,
      lockedAt: review === 'locked' ? ctx.env.clock.now : null,
    });
  return a!.id;
}

/** A stored photo (with its thumbnail) on a fresh review of the matrix reviewer (in) or another one (out). */
async function freshPhoto(ctx: MatrixCtx, s: Scope): Promise<string> {
  const reviewId = await freshReview(ctx, s, 'draft');
  const [review] = await ctx.env.db.select().from(reviews).where(eq(reviews.id, reviewId));
  const { store } = evidenceStorage(ctx.env.config);
  const key = newKey('photos');
  const thumbKey = newKey('thumbs');
  const stored = await store.put(key, Readable.from([Buffer.from('image bytes')]));
  await store.put(thumbKey, Readable.from([Buffer.from('thumbnail bytes')]));
  const [row] = await ctx.env.db
    .insert(reviewPhotos)
    .values({
      reviewId,
      applicationId: review!.applicationId,
      unitId: review!.unitId,
      originalName: '现场.jpg',
      mediaType: 'image/jpeg',
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: key,
      thumbKey,
      takenAt: ctx.env.clock.now,
    })
    .returning();
  return `${reviewId}/photos/${row!.id}`;
}

const build: Record<string, Builder> = {
  'POST /api/reviews/:id/photos': async (ctx, s) => {
    const body = fileUpload('现场.png', await pngBytes(64, 48));
    return {
      method: 'POST',
      url: `/api/reviews/${await freshReview(ctx, s)}/photos`,
      payload: body.payload,
      headers: body.headers,
    };
  },
  'GET /api/reviews/:id/photos/:photoId': async (ctx, s) => ({
    method: 'GET',
    url: `/api/reviews/${await freshPhoto(ctx, s)}`,
  }),
  'GET /api/reviews/:id/photos/:photoId/thumbnail': async (ctx, s) => ({
    method: 'GET',
    url: `/api/reviews/${await freshPhoto(ctx, s)}/thumbnail`,
  }),
  'GET /api/reviews/:id': async (ctx, s) => ({
    method: 'GET',
    url: `/api/reviews/${await freshReview(ctx, s)}`,
  }),
  'PUT /api/reviews/:id': async (ctx, s) => ({
    method: 'PUT',
    url: `/api/reviews/${await freshReview(ctx, s)}`,
    payload: { overall: 90.5, comment: '讲述清晰', version: 1 },
  }),
  'POST /api/reviews/:id/lock': async (ctx, s) => ({
    method: 'POST',
    url: `/api/reviews/${await freshReview(ctx, s, 'draft')}/lock`,
    payload: { version: 1 },
  }),
  'POST /api/reviews/:id/reopen': async (ctx, s) => ({
    method: 'POST',
    url: `/api/reviews/${await freshReview(ctx, s, 'locked')}/reopen`,
    payload: { reason: '复核', version: 1 },
  }),
};

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/reviews/:id': only({ committee_admin: [200, 200], reviewer: [200, 404] }),
    'PUT /api/reviews/:id': only({ reviewer: [200, 404] }),
    'POST /api/reviews/:id/lock': only({ reviewer: [200, 404] }),
    'POST /api/reviews/:id/reopen': only({ committee_admin: [200, 200] }),
    'POST /api/reviews/:id/photos': only({ reviewer: [201, 404] }),
    'GET /api/reviews/:id/photos/:photoId': only({ committee_admin: [200, 200], reviewer: [200, 404] }),
    'GET /api/reviews/:id/photos/:photoId/thumbnail': only({
      committee_admin: [200, 200],
      reviewer: [200, 404],
    }),
  },
  build,
};
