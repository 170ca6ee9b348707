/**
 * Review assignments (评审分配) of a stage: by hand (a conflicted pair is refused unless waived), automatic
 * (k per application from the stage's available panel: no conflicts, even load, reviewers of one
 * application from different units where possible; a recorded draw), removal while the review is pending,
 * the committee's list with loads, and a reviewer's own list. Each assignment comes with its pending review
 * (the same id).
 */
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { getStage, type StageRow } from '../stages/queries';
import { conflictDetails, conflictStatus, conflictStatuses, reviewerCards } from '../reviewers/queries';
import { ASSIGN_ALGORITHM, compareIds } from '../../../../shared/src/domain/evaluation';
import type {
  Assignment,
  autoAssign as autoAssignBody,
  createAssignment as createBody,
} from '../../../../shared/src/contracts/assignments';
import * as repo from './repo';
import { changeableStage } from './panel';
import { digest, newSeed, recordDraw, runAssignment, type AssignmentInputs } from './draws';

const SOURCE_TEXT: Record<string, { zh: string; en: string }> = {
  same_unit: { zh: '同一直属单位', en: 'same unit' },
  superior: { zh: '上级组织', en: 'superior organisation' },
  subordinate: { zh: '下级组织', en: 'subordinate organisation' },
  declared: { zh: '已申报回避', en: 'declared' },
};

export function conflictRefusal(sources: string[]): AppError {
  const zh = sources.map((s) => SOURCE_TEXT[s]?.zh ?? s).join('、');
  const en = sources.map((s) => SOURCE_TEXT[s]?.en ?? s).join(', ');
  return new AppError('CONFLICT_OF_INTEREST', [
    fieldError(
      'reviewerId',
      'conflict',
      `该专家与申报单位存在利益冲突（${zh}），须回避；如确需分配，请先由工委管理员书面豁免`,
      `The reviewer has a conflict of interest with the applicant (${en}); a committee admin must waive it in writing first`,
    ),
  ]);
}

async function stageOr404(db: DbOrTx, id: string): Promise<StageRow> {
  const stage = await getStage(db, id);
  if (!stage) throw new AppError('NOT_FOUND');
  return stage;
}

export async function listAssignments(db: Db, ctx: Ctx, stageId: string) {
  requireActor(ctx);
  const stage = await stageOr404(db, stageId);
  const [rows, panel, entrants] = await Promise.all([
    repo.stageAssignments(db, stageId),
    repo.panelRows(db, stageId),
    repo.entrants(db, stageId),
  ]);
  const statuses = await conflictStatuses(db, rows);
  const items: Assignment[] = rows.map((r) => ({
    ...r,
    conflicted: statuses.get(`${r.reviewerId}:${r.applicationId}`)?.conflicted ?? false,
    createdAt: r.createdAt.toISOString(),
  }));
  const loads = new Map<string, { reviewerId: string; reviewerName: string; load: number }>();
  const cards = await reviewerCards(db, [
    ...new Set([...panel.map((p) => p.reviewerId), ...rows.map((r) => r.reviewerId)]),
  ]);
  for (const c of cards) loads.set(c.id, { reviewerId: c.id, reviewerName: c.displayName, load: 0 });
  for (const r of rows) loads.get(r.reviewerId)!.load++;
  const perApp = new Map<string, number>();
  for (const r of rows) perApp.set(r.applicationId, (perApp.get(r.applicationId) ?? 0) + 1);
  const short = entrants
    .map((e) => ({ applicationId: e.id, assigned: perApp.get(e.id) ?? 0, minimum: stage.minReviews }))
    .filter((s) => s.assigned < s.minimum);
  return {
    items,
    total: items.length,
    loads: [...loads.values()].sort(
      (a, b) =>
        a.reviewerName.localeCompare(b.reviewerName, 'zh-CN') || compareIds(a.reviewerId, b.reviewerId),
    ),
    short,
  };
}

/** One assignment by hand; the reviewer joins the panel if not on it. */
export async function createAssignment(db: Db, ctx: Ctx, stageId: string, input: z.infer<typeof createBody>) {
  const actor = requireActor(ctx);
  const duplicate = () =>
    new AppError('DUPLICATE', [
      fieldError(
        'reviewerId',
        'duplicate',
        '该专家已分配评审该申报',
        'The reviewer already has this application',
      ),
    ]);
  try {
    const id = await db.transaction(async (tx) => {
      const stage = await changeableStage(tx, stageId, true);
      const app = await repo.entrant(tx, stageId, input.applicationId);
      if (!app)
        throw new AppError('NOT_FOUND', [
          fieldError(
            'applicationId',
            'not_entrant',
            '该申报未进入本评审环节',
            'The application is not in this stage',
          ),
        ]);
      const [card] = await reviewerCards(tx, [input.reviewerId]);
      if (!card)
        throw new AppError('NOT_FOUND', [
          fieldError('reviewerId', 'not_found', '评审专家不存在', 'No such reviewer'),
        ]);
      const status = await conflictStatus(tx, input);
      if (status.conflicted) throw conflictRefusal(status.sources);
      if (await repo.pairExists(tx, stageId, app.id, card.id)) throw duplicate();
      const [row] = await repo.insertAssignments(tx, [
        {
          stageId,
          campaignId: stage.campaignId,
          applicationId: app.id,
          reviewerId: card.id,
          unitId: app.unitId,
          drawId: null,
          source: 'manual',
          createdBy: actor.userId,
          createdAt: ctx.now,
        },
      ]);
      await repo.addPanel(tx, [{ stageId, reviewerId: card.id, drawId: null, addedAt: ctx.now }]);
      await writeAudit(tx, ctx, {
        action: 'assignments.create',
        objectType: 'assignment',
        objectId: row!.id,
        unitId: app.unitId,
        changes: {
          applicationId: { before: null, after: app.id },
          reviewerId: { before: null, after: card.id },
          ...(status.override ? { override: { before: null, after: status.override.reason } } : {}),
        },
      });
      return row!.id;
    });
    return (await listAssignments(db, ctx, stageId)).items.find((a) => a.id === id)!;
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

/** Removes an assignment and its review, only while the review is pending. */
export async function deleteAssignment(db: Db, ctx: Ctx, id: string): Promise<void> {
  requireActor(ctx);
  await db.transaction(async (tx) => {
    const row = await repo.findAssignment(tx, id, true);
    if (!row) throw new AppError('NOT_FOUND');
    await changeableStage(tx, row.stageId);
    if (!(await repo.deletePendingAssignment(tx, id)))
      throw new AppError('CONFLICT', [
        fieldError(
          'id',
          'review_started',
          '该评审任务已开始评分，不能取消',
          'Scoring has started on this assignment; it cannot be removed',
        ),
      ]);
    await writeAudit(tx, ctx, {
      action: 'assignments.delete',
      objectType: 'assignment',
      objectId: id,
      unitId: row.unitId,
      changes: {
        applicationId: { before: row.applicationId, after: null },
        reviewerId: { before: row.reviewerId, after: null },
      },
    });
  });
}

type AutoInput = z.infer<typeof autoAssignBody>;

/** The inputs of an automatic assignment, as recorded in its draw (every list sorted). */
async function planAuto(db: DbOrTx, stage: StageRow, k: number, seed: number) {
  const [entrants, panel, existing, loads] = await Promise.all([
    repo.entrants(db, stage.id),
    repo.panelRows(db, stage.id),
    repo.existingPairs(db, stage.id),
    repo.loadsOf(db, stage.id),
  ]);
  const cards = (
    await reviewerCards(
      db,
      panel.map((p) => p.reviewerId),
    )
  ).filter((c) => c.available);
  if (cards.length === 0)
    throw new AppError('CONFLICT', [
      fieldError(
        'perApplication',
        'empty_panel',
        '本环节专家组没有可用的专家，请先抽取或添加专家',
        'The stage has no available experts on its panel; draw or add some first',
      ),
    ]);
  const applicationIds = entrants.map((e) => e.id).sort(compareIds);
  const reviewerIds = cards.map((c) => c.id).sort(compareIds);
  const details = await conflictDetails(db, reviewerIds, applicationIds);
  const inputs: AssignmentInputs = {
    algorithm: ASSIGN_ALGORITHM,
    stageId: stage.id,
    k,
    applications: applicationIds,
    reviewers: cards
      .map((c) => ({ id: c.id, unitId: c.unitId, load: loads.get(c.id) ?? 0 }))
      .sort((a, b) => compareIds(a.id, b.id)),
    conflicts: [...details.entries()]
      .filter(([, d]) => d.conflicted)
      .map(([key]) => key)
      .sort(compareIds),
    existing: existing
      .filter((p) => reviewerIds.includes(p.reviewerId))
      .map((p) => ({ reviewerId: p.reviewerId, applicationId: p.applicationId }))
      .sort((a, b) => compareIds(a.applicationId, b.applicationId) || compareIds(a.reviewerId, b.reviewerId)),
  };
  const outcome = runAssignment(inputs, seed);
  return {
    inputs,
    outcome,
    nameOf: new Map(cards.map((c) => [c.id, c.displayName])),
    orgOf: new Map(entrants.map((e) => [e.id, e])),
  };
}

/** 自动分配: preview (nothing written) or commit with the previewed seed (a recorded draw). */
export async function autoAssign(db: Db, ctx: Ctx, stageId: string, input: AutoInput) {
  const actor = requireActor(ctx);
  const present = (plan: Awaited<ReturnType<typeof planAuto>>, seed: number, drawId: string | null) => ({
    preview: drawId === null,
    seed,
    algorithm: ASSIGN_ALGORITHM,
    drawId,
    assignments: plan.outcome.assignments.map((a) => ({
      applicationId: a.applicationId,
      organizationName: plan.orgOf.get(a.applicationId)!.organizationName,
      reviewerId: a.reviewerId,
      reviewerName: plan.nameOf.get(a.reviewerId)!,
    })),
    loads: plan.outcome.loads.map((l) => ({ ...l, reviewerName: plan.nameOf.get(l.reviewerId)! })),
    shortfalls: plan.outcome.shortfalls,
    sharedUnits: plan.outcome.sharedUnits,
    inputsDigest: digest(plan.inputs),
    resultDigest: digest({ assignments: plan.outcome.assignments }),
  });
  if (input.preview) {
    const stage = await changeableStage(db, stageId);
    const seed = input.seed ?? newSeed();
    return present(await planAuto(db, stage, input.perApplication, seed), seed, null);
  }
  const seed = input.seed;
  if (seed === undefined)
    throw new AppError('VALIDATION_FAILED', [
      fieldError('seed', 'required', '确认分配须使用预览时的种子', 'A commit needs the seed of its preview'),
    ]);
  return db.transaction(async (tx) => {
    const stage = await changeableStage(tx, stageId, true);
    const plan = await planAuto(tx, stage, input.perApplication, seed);
    const result = { assignments: plan.outcome.assignments };
    const draw = await recordDraw(tx, ctx, {
      campaignId: stage.campaignId,
      stageId: stage.id,
      kind: 'assignment',
      seed,
      inputs: plan.inputs,
      result,
    });
    await repo.insertAssignments(
      tx,
      result.assignments.map((a) => ({
        stageId,
        campaignId: stage.campaignId,
        applicationId: a.applicationId,
        reviewerId: a.reviewerId,
        unitId: plan.orgOf.get(a.applicationId)!.unitId,
        drawId: draw.id,
        source: 'auto' as const,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })),
    );
    await writeAudit(tx, ctx, {
      action: 'assignments.auto',
      objectType: 'draw',
      objectId: draw.id,
      detail: `stage ${stage.id} seed ${seed} k ${input.perApplication}: ${result.assignments.length} assignments, ${plan.outcome.shortfalls.length} short`,
    });
    return present(plan, seed, draw.id);
  });
}

/** The caller's own assignments (reviews.read, scope self); blind stages hide the applicant. */
export async function myAssignments(db: Db, ctx: Ctx) {
  const actor = requireActor(ctx);
  const rows = await repo.myAssignments(db, actor.userId);
  const statuses = await conflictStatuses(
    db,
    rows.map((r) => ({ reviewerId: actor.userId, applicationId: r.applicationId })),
  );
  const items = rows.map((r) => ({
    id: r.id,
    stageId: r.stageId,
    stageNameZh: r.stageNameZh,
    stageNameEn: r.stageNameEn,
    stageStatus: r.stageStatus,
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    blind: r.blind,
    applicationId: r.applicationId,
    trackCode: r.trackCode,
    organizationName: r.blind ? null : r.organizationName,
    title: r.blind ? null : r.brandName,
    reviewStatus: r.reviewStatus,
    conflicted: statuses.get(`${actor.userId}:${r.applicationId}`)?.conflicted ?? false,
  }));
  return { items, total: items.length };
}
