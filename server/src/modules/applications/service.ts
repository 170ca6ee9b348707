/**
 * Applications (申报): create, read, list, autosave the narrative and the self-assessment. Scope first
 * (out of scope → 404), then status (only draft and returned are editable), then the optimistic version.
 * Every write bumps `version`, records who changed it and writes its audit event in the same
 * transaction. Status changes are NOT here: `workflow.ts` owns them.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { diff, writeAudit, type Changes } from '../audit/write';
import {
  NARRATIVE_FIELDS,
  type ApplicationDetail,
  type ApplicationListItem,
  type ApplicationListQuery,
  type PatchApplication,
  type SelfAssessmentBody,
} from '../../../../shared/src/contracts/applications';
import { EDITABLE_STATUSES } from '../../../../shared/src/domain/application-workflow';
import { isValidScore } from '../../../../shared/src/domain/standards';
import type { FieldError } from '../../../../shared/src/errors';
import { buildDetail } from './detail';
import { notEditable, notFound, versionConflict } from './errors';
import { listApplications } from './list-repo';
import * as repo from './repo';

export type { ApplicationRow } from './repo';
export { create, linkCultivation } from './create';

/**
 * Loads an application the caller may change now, locked FOR UPDATE: inside the caller's write scope
 * (else 404) and in an editable status (draft, returned; else 409 NOT_EDITABLE). For the evidence
 * module and this module's own writes; call it inside the transaction of the change.
 */
export async function loadForWrite(
  tx: DbOrTx,
  ctx: Ctx,
  applicationId: string,
): Promise<repo.ApplicationRow> {
  const row = await repo.findInScope(tx, scopeOf(ctx.actor, 'applications.write'), applicationId, 'update');
  if (!row) throw notFound();
  if (!EDITABLE_STATUSES.includes(row.status)) throw notEditable(row.status);
  return row;
}

/**
 * Marks a locked application as changed by the caller (bumps `version`, `updated_at/by`) without a
 * version check: for writes beside the row itself (evidence uploads). Returns the updated row.
 */
export async function touch(tx: DbOrTx, ctx: Ctx, row: repo.ApplicationRow): Promise<repo.ApplicationRow> {
  const actor = requireActor(ctx);
  const updated = await repo.updateApplication(tx, row.id, row.version, {
    updatedAt: ctx.now,
    updatedBy: actor.userId,
    updatedByName: actor.displayName,
  });
  return updated ?? row;
}

export async function list(
  db: Db,
  ctx: Ctx,
  query: ApplicationListQuery,
): Promise<{ items: ApplicationListItem[]; total: number }> {
  return listApplications(db, scopeOf(ctx.actor, 'applications.read'), query);
}

export async function get(db: DbOrTx, ctx: Ctx, id: string): Promise<ApplicationDetail> {
  const row = await repo.findInScope(db, scopeOf(ctx.actor, 'applications.read'), id);
  if (!row) throw notFound();
  return buildDetail(db, ctx, row);
}

/** Empty texts are stored as null. */
function blankToNull<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === '' ? null : v])) as T;
}

async function lockVersion(tx: DbOrTx, ctx: Ctx, id: string, version: number): Promise<repo.ApplicationRow> {
  const row = await loadForWrite(tx, ctx, id);
  if (row.version !== version) throw versionConflict(row);
  return row;
}

async function save(
  tx: DbOrTx,
  ctx: Ctx,
  row: repo.ApplicationRow,
  set: Partial<repo.NewApplicationRow>,
): Promise<repo.ApplicationRow> {
  const actor = requireActor(ctx);
  const updated = await repo.updateApplication(tx, row.id, row.version, {
    ...set,
    updatedAt: ctx.now,
    updatedBy: actor.userId,
    updatedByName: actor.displayName,
  });
  if (!updated) throw versionConflict(row);
  return updated;
}

/** Autosave of the narrative fields; a stale `version` answers VERSION_CONFLICT and changes nothing. */
export async function update(
  db: Db,
  ctx: Ctx,
  id: string,
  body: PatchApplication,
): Promise<ApplicationDetail> {
  const { version, ...rest } = body;
  return db.transaction(async (tx) => {
    const row = await lockVersion(tx, ctx, id, version);
    const updated = await save(tx, ctx, row, blankToNull(rest));
    await writeAudit(tx, ctx, {
      action: 'applications.update',
      objectType: 'application',
      objectId: id,
      unitId: row.unitId,
      changes: diff(row, updated, [...NARRATIVE_FIELDS]),
    });
    return buildDetail(tx, ctx, updated);
  });
}

/** Saves the self-assessment of some criteria: every item must name a criterion of the standard. */
export async function selfAssess(
  db: Db,
  ctx: Ctx,
  id: string,
  body: SelfAssessmentBody,
): Promise<ApplicationDetail> {
  return db.transaction(async (tx) => {
    const row = await lockVersion(tx, ctx, id, body.version);
    const criteria = new Map((await repo.listCriteria(tx, row.standardVersionId)).map((c) => [c.id, c]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    body.items.forEach((item, i) => {
      const c = criteria.get(item.criterionId);
      if (!c) {
        errors.push(
          fieldError(
            `items.${i}.criterionId`,
            'unknown_criterion',
            `指标 ${item.criterionId} 不属于本申报适用的创建标准`,
            `Criterion ${item.criterionId} is not part of this application's standard`,
          ),
        );
      } else if (seen.has(item.criterionId)) {
        errors.push(
          fieldError(`items.${i}.criterionId`, 'duplicate', `指标“${c.titleZh}”重复`, `Criterion repeated`),
        );
      } else if (item.score !== null && !isValidScore(item.score, c.maxPoints)) {
        errors.push(
          fieldError(
            `items.${i}.score`,
            'invalid_score',
            `“${c.titleZh}”的自评分应在 0 到 ${c.maxPoints} 之间，且为 0.5 的整数倍`,
            `The score of "${c.titleEn}" must be 0 to ${c.maxPoints} in steps of 0.5`,
          ),
        );
      }
      seen.add(item.criterionId);
    });
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors);
    const before = new Map((await repo.listSelfAssessments(tx, id)).map((s) => [s.criterionId, s]));
    const items = body.items.map((i) => ({
      criterionId: i.criterionId,
      score: i.score,
      note: i.note || null,
    }));
    await repo.saveSelfAssessments(tx, row, items);
    const updated = await save(tx, ctx, row, {});
    const changes: Changes = {};
    for (const i of items) {
      const b = before.get(i.criterionId);
      const was = { score: b?.score ?? null, note: b?.note ?? null };
      if (was.score !== i.score || was.note !== i.note)
        changes[`criterion:${criteria.get(i.criterionId)!.position}`] = {
          before: was,
          after: { score: i.score, note: i.note },
        };
    }
    await writeAudit(tx, ctx, {
      action: 'applications.self_assess',
      objectType: 'application',
      objectId: id,
      unitId: row.unitId,
      changes,
    });
    return buildDetail(tx, ctx, updated);
  });
}
