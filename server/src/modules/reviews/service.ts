/**
 * Reviews (docs/EVALUATION.md "Reviews"): the scoring sheet, drafts, lock and the committee's reopen.
 * A review's id is its assignment's id; its row is created by the first save (until then it is `pending`).
 * Every write checks, in order: the assignment exists and is the caller's (404), no conflict of interest
 * (403), the stage is open and within its window (409 STAGE_CLOSED), the review is not locked
 * (409 REVIEW_LOCKED), the version (409), the sheet (400 with field errors); then the row, the results
 * refresh and the audit event commit in one transaction.
 */
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { requireActor, scopeOf } from '../../core/context';
import { AppError } from '../../core/errors';
import { assertObject, objectRefusal, type Facts } from '../../core/object-rules';
import { versionConflictError } from '../../core/conflict';
import { writeAudit } from '../audit/write';
import { getAssignment, type AssignmentRow } from '../assignments/queries';
import { conflictStatus } from '../reviewers/queries';
import { getStage, stageFacts, type StageRow } from '../stages/queries';
import { refreshApplication } from '../results/queries';
import { scopeFor } from '../../../../shared/src/domain/permissions';
import type {
  LockReview,
  ReopenReview,
  ReviewPhoto,
  ReviewSheet,
  SaveReview,
} from '../../../../shared/src/contracts/reviews';
import type { CriterionScore } from '../../db/tables/reviews';
import * as repo from './repo';
import {
  draftErrors,
  missing,
  OVERALL,
  scoreOf,
  type SheetSpec,
  type SheetState,
} from '../../../../shared/src/domain/review-sheet';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

interface Loaded {
  assignment: AssignmentRow;
  stage: StageRow;
  review: repo.ReviewRow | null;
}

/** What a sheet shows besides the review: the application, its standard, the pair's conflict status. */
interface Parts {
  app: NonNullable<Awaited<ReturnType<typeof repo.applicationForSheet>>>;
  std: Awaited<ReturnType<typeof repo.standardOf>>;
  conflict: Awaited<ReturnType<typeof conflictStatus>>;
}

/** The assignment, its stage and its review (locked for update inside a write), or 404. */
async function load(db: DbOrTx, id: string, lock?: 'update'): Promise<Loaded> {
  const assignment = await getAssignment(db, id);
  if (!assignment) throw new AppError('NOT_FOUND');
  const stage = await getStage(db, assignment.stageId, lock ? 'share' : undefined);
  if (!stage) throw new AppError('NOT_FOUND');
  return { assignment, stage, review: await repo.findReview(db, id, lock) };
}

const factsOf = (l: Loaded, conflict: Parts['conflict']): Facts => ({
  reviewerId: l.assignment.reviewerId,
  conflicted: conflict.conflicted,
  stage: stageFacts(l.stage),
});

/** The application, its standard and the conflict status (a write reads them once, its answer reuses them). */
async function partsOf(db: DbOrTx, l: Loaded): Promise<Parts> {
  const app = await repo.applicationForSheet(db, l.assignment.applicationId);
  if (!app) throw new AppError('NOT_FOUND');
  const std = await repo.standardOf(db, app.standardVersionId);
  const conflict = await conflictStatus(db, {
    reviewerId: l.assignment.reviewerId,
    applicationId: l.assignment.applicationId,
  });
  return { app, std, conflict };
}

function specOf(stage: StageRow, { std }: Parts): SheetSpec {
  return {
    method: stage.method,
    rubric: stage.rubric,
    criteria: stage.rubric === 'overall' && stage.method !== 'gate' ? [] : std.criteria,
    totalPoints: std.totalPoints,
    bonusCap: std.bonusCap,
  };
}

const stateOf = (r: repo.ReviewRow | null): SheetState => ({
  scores: r?.scores ?? {},
  vetoes: r?.vetoes ?? {},
});

/** The scoring sheet (GET /api/reviews/:id). */
export async function getSheet(db: Db, ctx: Ctx, id: string): Promise<ReviewSheet> {
  const actor = requireActor(ctx);
  scopeOf(actor, 'reviews.read');
  const assignment = await getAssignment(db, id);
  if (!assignment) throw new AppError('NOT_FOUND');
  assertObject(ctx, 'reviews.read', { reviewerId: assignment.reviewerId });
  const l = await load(db, id);
  return sheetOf(db, ctx, l, await partsOf(db, l));
}

async function sheetOf(db: DbOrTx, ctx: Ctx, l: Loaded, parts: Parts): Promise<ReviewSheet> {
  const actor = requireActor(ctx);
  const { assignment, stage, review } = l;
  const { app, std, conflict } = parts;
  const isReviewer = actor.role === 'reviewer';
  const own = review?.status ?? 'pending';
  const seeOthers =
    !isReviewer || stage.seeOthers === 'always' || (stage.seeOthers === 'after_own' && own === 'locked');
  const others = seeOthers
    ? await repo.otherReviews(db, stage.id, assignment.applicationId, assignment.id)
    : null;
  const showNames = !isReviewer || stage.showReviewerNames;
  const facts = factsOf(l, conflict);
  const refusal =
    scopeFor(actor.role, 'reviews.write') === null
      ? 'forbidden'
      : (objectRefusal(ctx, 'reviews.write', facts) ?? (own === 'locked' ? 'locked' : null));
  const self = await repo.selfAssessmentOf(db, app.id);
  const criteriaShown = stage.rubric === 'overall' && stage.method !== 'gate' ? [] : std.criteria;
  return {
    id: assignment.id,
    reviewerId: assignment.reviewerId,
    stage: {
      id: stage.id,
      nameZh: stage.nameZh,
      nameEn: stage.nameEn,
      method: stage.method,
      rubric: stage.rubric,
      aggregation: stage.aggregation,
      status: stage.status,
      opensAt: stage.opensAt.toISOString(),
      closesAt: stage.closesAt.toISOString(),
      blind: stage.blind,
      seeOthers: stage.seeOthers,
    },
    application: {
      id: app.id,
      trackCode: app.trackCode,
      orgKind: app.orgKind,
      organizationName: isReviewer && stage.blind ? null : app.organizationName,
      brandName: app.brandName,
      summary: app.summary,
      features: app.features,
      practices: app.practices,
      results: app.results,
      selfAssessment: Object.fromEntries(self.map((s) => [s.criterionId, { score: s.score, note: s.note }])),
    },
    criteria: criteriaShown.map((c) => ({
      id: c.id,
      position: c.position,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      description: c.description,
      maxPoints: c.maxPoints,
      veto: c.veto,
      bonus: c.bonus,
      methods: c.methods,
    })),
    totalPoints: std.totalPoints,
    bonusCap: std.bonusCap,
    review: {
      status: own,
      scores: Object.fromEntries(
        Object.entries(review?.scores ?? {}).map(([k, v]) => [
          k,
          { points: v.points ?? null, comment: v.comment ?? null },
        ]),
      ),
      vetoes: review?.vetoes ?? {},
      comment: review?.comment ?? null,
      score: review?.score ?? null,
      points: review?.points ?? null,
      lockedAt: iso(review?.lockedAt ?? null),
      reopenedReason: review?.reopenedReason ?? null,
      version: review?.version ?? 1,
      updatedAt: iso(review?.updatedAt ?? null),
    },
    others:
      others?.map((o) => ({
        reviewerName: showNames ? o.reviewerName : null,
        status: o.status,
        score: o.status === 'locked' ? o.score : null,
        comment: o.status === 'locked' ? o.comment : null,
      })) ?? null,
    conflict,
    photos: (await repo.photosOf(db, assignment.id)).map(photoOf),
    canWrite: refusal === null,
    refusal,
  };
}

export function photoOf(p: repo.PhotoRow): ReviewPhoto {
  return {
    id: p.id,
    criterionId: p.criterionId,
    originalName: p.originalName,
    mediaType: p.mediaType,
    sizeBytes: p.sizeBytes,
    width: p.width,
    height: p.height,
    takenAt: p.takenAt.toISOString(),
    latitude: p.latitude,
    longitude: p.longitude,
    createdAt: p.createdAt.toISOString(),
  };
}

/** The object rules of a reviewer's write, then "not locked" and the version. */
function assertWritable(ctx: Ctx, l: Loaded, parts: Parts, version: number): void {
  scopeOf(requireActor(ctx), 'reviews.write');
  assertObject(ctx, 'reviews.write', factsOf(l, parts.conflict));
  if (l.review?.status === 'locked') throw new AppError('REVIEW_LOCKED');
  const current = l.review?.version ?? 1;
  if (version !== current)
    throw versionConflictError(
      { version: current, updatedAt: l.review?.updatedAt ?? l.assignment.createdAt },
      null,
    );
}

/** Merge a draft's changes into the review's state (absent fields keep their value; null clears). */
function merge(state: SheetState, body: SaveReview): SheetState {
  const scores: Record<string, CriterionScore> = { ...state.scores };
  for (const [id, s] of Object.entries(body.scores ?? {})) {
    const before = scores[id] ?? { points: null };
    scores[id] = {
      points: s.points === undefined ? before.points : s.points,
      comment: s.comment === undefined ? (before.comment ?? null) : s.comment,
    };
  }
  // On a criteria sheet or a gate `overall` is not part of the sheet: draftErrors refuses it.
  if (body.overall !== undefined) scores[OVERALL] = { points: body.overall };
  return { scores, vetoes: { ...state.vetoes, ...(body.vetoes ?? {}) } };
}

/** Save a draft (PUT /api/reviews/:id). */
export async function save(db: Db, ctx: Ctx, id: string, body: SaveReview): Promise<ReviewSheet> {
  const { l, parts } = await db.transaction(async (tx) => {
    const l = await load(tx, id, 'update');
    const parts = await partsOf(tx, l);
    assertWritable(ctx, l, parts, body.version);
    const spec = specOf(l.stage, parts);
    const state = merge(stateOf(l.review), body);
    const errors = draftErrors(spec, state);
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors);
    const { points, score } = scoreOf(spec, state);
    const values = {
      status: 'draft' as const,
      scores: state.scores,
      vetoes: state.vetoes,
      comment: body.comment === undefined ? (l.review?.comment ?? null) : body.comment,
      points,
      score,
      updatedAt: ctx.now,
    };
    const row = l.review
      ? await repo.updateReview(tx, id, l.review.version, values)
      : await repo.insertReview(tx, {
          id,
          stageId: l.assignment.stageId,
          applicationId: l.assignment.applicationId,
          reviewerId: l.assignment.reviewerId,
          unitId: l.assignment.unitId,
          ...values,
          version: 2,
        });
    if (!row)
      throw versionConflictError({ version: l.review!.version, updatedAt: l.review!.updatedAt }, null);
    await writeAudit(tx, ctx, {
      action: 'reviews.save',
      objectType: 'review',
      objectId: id,
      unitId: l.assignment.unitId,
      changes: { score: { before: l.review?.score ?? null, after: score } },
    });
    return { l: { ...l, review: row }, parts };
  });
  return sheetOf(db, ctx, l, parts);
}

/** Confirm and lock (POST /api/reviews/:id/lock): the sheet must be complete; results refresh. */
export async function lock(db: Db, ctx: Ctx, id: string, body: LockReview): Promise<ReviewSheet> {
  const { l, parts } = await db.transaction(async (tx) => {
    const l = await load(tx, id, 'update');
    const parts = await partsOf(tx, l);
    assertWritable(ctx, l, parts, body.version);
    const spec = specOf(l.stage, parts);
    const state = stateOf(l.review);
    const errors = [...draftErrors(spec, state), ...missing(spec, state)];
    if (!l.review || errors.length) throw new AppError('VALIDATION_FAILED', errors);
    const { points, score } = scoreOf(spec, state);
    const row = await repo.updateReview(tx, id, l.review.version, {
      status: 'locked',
      points,
      score,
      lockedAt: ctx.now,
      updatedAt: ctx.now,
    });
    if (!row) throw versionConflictError({ version: l.review.version, updatedAt: l.review.updatedAt }, null);
    await refreshApplication(tx, l.stage, l.assignment.applicationId, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'reviews.lock',
      objectType: 'review',
      objectId: id,
      unitId: l.assignment.unitId,
      changes: {
        status: { before: l.review.status, after: 'locked' },
        score: { before: null, after: score },
      },
    });
    return { l: { ...l, review: row }, parts };
  });
  return sheetOf(db, ctx, l, parts);
}

/** A committee reopen (POST /api/reviews/:id/reopen): locked → draft with a reason; results refresh. */
export async function reopen(db: Db, ctx: Ctx, id: string, body: ReopenReview): Promise<ReviewSheet> {
  scopeOf(requireActor(ctx), 'evaluation.manage');
  const l = await db.transaction(async (tx) => {
    const l = await load(tx, id, 'update');
    if (!PREDICATE_OPEN(ctx, l.stage)) throw new AppError('STAGE_CLOSED');
    if (!l.review || l.review.status !== 'locked') throw new AppError('CONFLICT');
    if (body.version !== l.review.version)
      throw versionConflictError({ version: l.review.version, updatedAt: l.review.updatedAt }, null);
    const row = await repo.updateReview(tx, id, l.review.version, {
      status: 'draft',
      lockedAt: null,
      reopenedReason: body.reason,
      updatedAt: ctx.now,
    });
    if (!row) throw versionConflictError({ version: l.review.version, updatedAt: l.review.updatedAt }, null);
    await refreshApplication(tx, l.stage, l.assignment.applicationId, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'reviews.reopen',
      objectType: 'review',
      objectId: id,
      unitId: l.assignment.unitId,
      detail: body.reason,
      changes: { status: { before: 'locked', after: 'draft' } },
    });
    return { ...l, review: row };
  });
  return sheetOf(db, ctx, l, await partsOf(db, l));
}

/** A reopen needs the stage still open (the reviewer must be able to lock again). */
function PREDICATE_OPEN(ctx: Ctx, stage: StageRow): boolean {
  const t = ctx.now.getTime();
  return stage.status === 'open' && t >= stage.opensAt.getTime() && t <= stage.closesAt.getTime();
}
