/**
 * Conflicts of interest (利益冲突回避): the pairs of a stage (derived from the tree, declared, overridden),
 * declarations (a reviewer for itself on an application it is assigned to; the committee for any pair),
 * and the committee's written waivers of derived conflicts. Each change is audited in its transaction.
 */
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { assertObject } from '../../core/object-rules';
import { writeAudit } from '../audit/write';
import { getStage } from '../stages/queries';
import { conflictDetails } from './queries';
import * as repo from './repo';
import type {
  ConflictPair,
  ConflictRecord,
  conflictListQuery,
  declareConflict as declareBody,
  overrideConflict as overrideBody,
} from '../../../../shared/src/contracts/reviewers';
import { conflictKey } from '../../../../shared/src/domain/evaluation';

const refusal = (field: string, code: string, zh: string, en: string) =>
  new AppError('CONFLICT', [fieldError(field, code, zh, en)]);
const missing = (field: string, zh: string, en: string) =>
  new AppError('NOT_FOUND', [fieldError(field, 'not_found', zh, en)]);

/** Every pair of the stage's reviewers × entrants with a conflict, a declaration or a waiver. */
export async function stageConflicts(
  db: Db,
  ctx: Ctx,
  stageId: string,
  q: z.infer<typeof conflictListQuery>,
): Promise<{ items: ConflictPair[]; total: number }> {
  requireActor(ctx);
  const stage = await getStage(db, stageId);
  if (!stage) throw new AppError('NOT_FOUND');
  const entrants = await repo.stageEntrants(db, stageId);
  const appIds = entrants.map((a) => a.id);
  const reviewerIds =
    q.reviewers === 'pool'
      ? await repo.allReviewerIds(db)
      : [
          ...new Set([
            ...(await repo.stageReviewerIds(db, stageId)),
            ...(await repo.reviewersWithRecords(db, appIds)),
          ]),
        ];
  const details = await conflictDetails(db, reviewerIds, appIds);
  const names = await repo.namesOf(db, [...new Set([...details.values()].map((d) => d.reviewerId))]);
  const appOf = new Map(entrants.map((a) => [a.id, a]));
  const items = [...details.values()]
    .map((d) => ({
      reviewerId: d.reviewerId,
      reviewerName: names.get(d.reviewerId) ?? '',
      applicationId: d.applicationId,
      organizationName: appOf.get(d.applicationId)!.organizationName,
      unitId: appOf.get(d.applicationId)!.unitId,
      sources: d.sources,
      conflicted: d.conflicted,
      declared: d.declared,
      override: d.override,
    }))
    .sort(
      (x, y) =>
        x.reviewerName.localeCompare(y.reviewerName, 'zh-CN') ||
        x.organizationName.localeCompare(y.organizationName, 'zh-CN') ||
        conflictKey(x.reviewerId, x.applicationId).localeCompare(conflictKey(y.reviewerId, y.applicationId)),
    );
  return { items, total: items.length };
}

async function pairTargets(db: Db, reviewerId: string, applicationId: string) {
  const [reviewer, application] = await Promise.all([
    repo.findReviewer(db, reviewerId),
    repo.findApplication(db, applicationId),
  ]);
  if (!reviewer) throw missing('reviewerId', '评审专家不存在', 'No such reviewer');
  if (!application) throw missing('applicationId', '申报不存在', 'No such application');
  return application;
}

/** A declaration: by the reviewer for itself (it must be assigned the application), or by the committee. */
export async function declare(db: Db, ctx: Ctx, input: z.infer<typeof declareBody>): Promise<ConflictRecord> {
  const actor = requireActor(ctx);
  let reviewerId: string;
  if (actor.role === 'reviewer') {
    if (input.reviewerId !== undefined && input.reviewerId !== actor.userId) throw new AppError('NOT_FOUND');
    reviewerId = actor.userId;
    const assigned = await repo.isAssigned(db, reviewerId, input.applicationId);
    assertObject(ctx, 'conflicts.declare', { reviewerId: assigned ? reviewerId : undefined });
  } else {
    if (input.reviewerId === undefined)
      throw new AppError('VALIDATION_FAILED', [
        fieldError('reviewerId', 'required', '请选择评审专家', 'Choose the reviewer'),
      ]);
    reviewerId = input.reviewerId;
  }
  const app = await pairTargets(db, reviewerId, input.applicationId);
  const duplicate = () =>
    new AppError('DUPLICATE', [
      fieldError('applicationId', 'duplicate', '该利益冲突已申报', 'This conflict is already declared'),
    ]);
  try {
    return await db.transaction(async (tx) => {
      if (await repo.findDeclared(tx, reviewerId, app.id)) throw duplicate();
      const row = await repo.insertDeclared(tx, {
        campaignId: app.campaignId,
        reviewerId,
        applicationId: app.id,
        unitId: app.unitId,
        reason: input.reason,
        declaredBy: actor.userId,
        declaredByName: actor.displayName,
        createdAt: ctx.now,
      });
      await writeAudit(tx, ctx, {
        action: 'conflicts.declare',
        objectType: 'conflict',
        objectId: row.id,
        unitId: app.unitId,
        changes: {
          reviewerId: { before: null, after: reviewerId },
          applicationId: { before: null, after: app.id },
          reason: { before: null, after: input.reason },
        },
      });
      return {
        id: row.id,
        reviewerId,
        applicationId: app.id,
        reason: row.reason,
        byName: row.declaredByName,
        at: row.createdAt.toISOString(),
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

/** The committee withdraws a declaration. */
export async function revokeDeclaration(db: Db, ctx: Ctx, id: string): Promise<void> {
  requireActor(ctx);
  await db.transaction(async (tx) => {
    const row = await repo.findDeclaredById(tx, id);
    if (!row || !(await repo.deleteDeclared(tx, id))) throw new AppError('NOT_FOUND');
    await writeAudit(tx, ctx, {
      action: 'conflicts.revoke',
      objectType: 'conflict',
      objectId: id,
      unitId: row.unitId,
      changes: { reason: { before: row.reason, after: null } },
      detail: `reviewer ${row.reviewerId} application ${row.applicationId}`,
    });
  });
}

/** The committee waives a derived conflict with a written reason (never a declared one). */
export async function override(
  db: Db,
  ctx: Ctx,
  input: z.infer<typeof overrideBody>,
): Promise<ConflictRecord> {
  const actor = requireActor(ctx);
  const app = await pairTargets(db, input.reviewerId, input.applicationId);
  const duplicate = () =>
    new AppError('DUPLICATE', [
      fieldError('applicationId', 'duplicate', '该利益冲突已豁免', 'This conflict is already waived'),
    ]);
  try {
    return await db.transaction(async (tx) => {
      const d = (await conflictDetails(tx, [input.reviewerId], [app.id])).get(
        conflictKey(input.reviewerId, app.id),
      );
      const derived = d?.sources.filter((s) => s !== 'declared') ?? [];
      if (derived.length === 0)
        throw refusal(
          'applicationId',
          'not_derived',
          '该专家与该申报之间没有按组织关系判定的利益冲突，无需豁免',
          'The tree gives no conflict between this reviewer and this application: nothing to waive',
        );
      if (d!.declared)
        throw refusal(
          'applicationId',
          'declared',
          '已申报的利益冲突不能豁免',
          'A declared conflict cannot be waived',
        );
      if (await repo.findOverride(tx, input.reviewerId, app.id)) throw duplicate();
      const row = await repo.insertOverride(tx, {
        campaignId: app.campaignId,
        reviewerId: input.reviewerId,
        applicationId: app.id,
        unitId: app.unitId,
        reason: input.reason,
        overriddenBy: actor.userId,
        overriddenByName: actor.displayName,
        createdAt: ctx.now,
      });
      await writeAudit(tx, ctx, {
        action: 'conflicts.override',
        objectType: 'conflict_override',
        objectId: row.id,
        unitId: app.unitId,
        changes: {
          reviewerId: { before: null, after: input.reviewerId },
          applicationId: { before: null, after: app.id },
          sources: { before: null, after: derived },
          reason: { before: null, after: input.reason },
        },
      });
      return {
        id: row.id,
        reviewerId: input.reviewerId,
        applicationId: app.id,
        reason: row.reason,
        byName: row.overriddenByName,
        at: row.createdAt.toISOString(),
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

/** The committee withdraws a waiver: the derived conflict applies again. */
export async function revokeOverride(db: Db, ctx: Ctx, id: string): Promise<void> {
  requireActor(ctx);
  await db.transaction(async (tx) => {
    const row = await repo.findOverrideById(tx, id);
    if (!row || !(await repo.deleteOverride(tx, id))) throw new AppError('NOT_FOUND');
    await writeAudit(tx, ctx, {
      action: 'conflicts.override_revoke',
      objectType: 'conflict_override',
      objectId: id,
      unitId: row.unitId,
      changes: { reason: { before: row.reason, after: null } },
      detail: `reviewer ${row.reviewerId} application ${row.applicationId}`,
    });
  });
}
