/**
 * A candidate's progress: milestones (里程碑), notes (培育记录) and the readiness self-check against the
 * current standard. Each change touches the cultivation's `updatedAt` (not its `version`, which guards
 * the plan and status) and commits with its audit event.
 */
import type { Db, Tx } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { diff } from '../audit/write';
import type {
  CreateMilestone,
  CreateNote,
  Milestone,
  Note,
  PatchMilestone,
  PutReadiness,
  Readiness,
} from '../../../../shared/src/contracts/cultivation';
import {
  checkReadinessItems,
  READINESS_PROBLEM_TEXT,
  type ReadinessEntry,
} from '../../../../shared/src/domain/readiness';
import * as repo from './repo';
import * as progressRepo from './progress-repo';
import { audit, notFound } from './service';
import { criteriaOf, currentStandard, readinessAnswer } from './standards';

/** Runs `fn` on a cultivation of the caller's unit, locked, in one transaction; touches `updatedAt`. */
async function withCultivation<T>(
  db: Db,
  ctx: Ctx,
  id: string,
  fn: (tx: Tx, row: repo.CultivationRow) => Promise<T>,
): Promise<T> {
  const scope = scopeOf(ctx.actor, 'cultivation.write');
  return db.transaction(async (tx) => {
    const row = await repo.findInScope(tx, scope, id, 'update');
    if (!row) throw notFound();
    const out = await fn(tx, row);
    await repo.updateCultivation(tx, id, { updatedAt: ctx.now });
    return out;
  });
}

export function addMilestone(db: Db, ctx: Ctx, id: string, body: CreateMilestone): Promise<Milestone> {
  return withCultivation(db, ctx, id, async (tx, row) => {
    const m = await progressRepo.insertMilestone(tx, {
      cultivationId: id,
      title: body.title,
      dueOn: body.dueOn ?? null,
    });
    await audit(
      tx,
      ctx,
      'milestone.create',
      row,
      diff<Record<string, unknown>>({ title: null, dueOn: null }, m, ['title', 'dueOn']),
      `milestone ${m.id}`,
    );
    return m;
  });
}

export function changeMilestone(
  db: Db,
  ctx: Ctx,
  id: string,
  mid: string,
  body: PatchMilestone,
): Promise<Milestone> {
  return withCultivation(db, ctx, id, async (tx, row) => {
    const before = await progressRepo.findMilestone(tx, id, mid);
    if (!before) throw notFound();
    const doneAt = body.done === undefined ? undefined : body.done ? (before.doneAt ?? ctx.now) : null;
    const m = await progressRepo.updateMilestone(tx, mid, {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.dueOn !== undefined ? { dueOn: body.dueOn } : {}),
      ...(doneAt !== undefined ? { doneAt } : {}),
    });
    const was = { title: before.title, dueOn: before.dueOn, done: before.doneAt !== null };
    const changes = diff(was, m, ['title', 'dueOn', 'done']);
    // Nothing changed (an empty or same-valued PATCH): nothing to record.
    if (Object.keys(changes).length > 0)
      await audit(tx, ctx, 'milestone.update', row, changes, `milestone ${mid}`);
    return m;
  });
}

export function removeMilestone(db: Db, ctx: Ctx, id: string, mid: string): Promise<void> {
  return withCultivation(db, ctx, id, async (tx, row) => {
    const before = await progressRepo.findMilestone(tx, id, mid);
    if (!before) throw notFound();
    await progressRepo.deleteMilestone(tx, mid);
    const was: Record<string, unknown> = {
      title: before.title,
      dueOn: before.dueOn,
      done: before.doneAt !== null,
    };
    const gone = { title: null, dueOn: null, done: null };
    await audit(
      tx,
      ctx,
      'milestone.delete',
      row,
      diff(was, gone, ['title', 'dueOn', 'done']),
      `milestone ${mid}`,
    );
  });
}

export function addNote(db: Db, ctx: Ctx, id: string, body: CreateNote): Promise<Note> {
  const actor = requireActor(ctx);
  return withCultivation(db, ctx, id, async (tx, row) => {
    const n = await progressRepo.insertNote(tx, {
      cultivationId: id,
      body: body.body,
      authorId: actor.userId,
      authorName: actor.displayName,
      createdAt: ctx.now,
    });
    await audit(tx, ctx, 'note.create', row, { body: { before: null, after: n.body } }, `note ${n.id}`);
    return n;
  });
}

/**
 * Replaces the readiness self-check with `items`, against the current standard for the subject (the
 * latest version of the active standard for the track and the organisation's kind). Criteria left out
 * stay unscored.
 */
export function putReadiness(db: Db, ctx: Ctx, id: string, body: PutReadiness): Promise<Readiness> {
  return withCultivation(db, ctx, id, async (tx, row) => {
    const info = await currentStandard(tx, row.trackCode, await repo.orgKindOf(tx, row.organizationId));
    if (!info)
      throw new AppError('NOT_ELIGIBLE', [
        fieldError(
          'trackCode',
          'no_standard',
          '该类别和组织类型没有适用的创建标准',
          'No standard applies to this track and organisation kind',
        ),
      ]);
    const items = await criteriaOf(tx, info.versionId);
    const problems = checkReadinessItems(items, body.items);
    if (problems.length)
      throw new AppError(
        'VALIDATION_FAILED',
        problems.map((p) => {
          const t = READINESS_PROBLEM_TEXT[p.code];
          return fieldError(`items.${p.index}.${p.field}`, p.code, t.zh, t.en);
        }),
      );
    const readiness: Record<string, ReadinessEntry> = Object.fromEntries(
      body.items.map((i) => [i.criterionId, { score: i.score, gap: i.gap?.trim() || null }]),
    );
    await repo.updateCultivation(tx, id, {
      readiness,
      standardVersionId: info.versionId,
      updatedAt: ctx.now,
    });
    await audit(
      tx,
      ctx,
      'readiness.update',
      row,
      diff(row, { readiness, standardVersionId: info.versionId }, ['readiness', 'standardVersionId']),
    );
    return readinessAnswer(info, items, readiness);
  });
}
