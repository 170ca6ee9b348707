/**
 * A stage's panel (评审专家组, `stage_reviewers`): experts added by hand or drawn at random from the
 * available pool (optionally by expertise tag). A draw's preview writes nothing; its commit must name the
 * previewed seed and records the draw (inputs, result, digests) with the panel rows and one audit event.
 */
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { getStage, type StageRow } from '../stages/queries';
import { availableReviewers, reviewerCards } from '../reviewers/queries';
import { DRAW_ALGORITHM } from '../../../../shared/src/domain/evaluation';
import type { drawPanel as drawPanelBody, PanelMember } from '../../../../shared/src/contracts/assignments';
import * as repo from './repo';
import { digest, newSeed, recordDraw, runPanel, type PanelInputs } from './draws';

/** The stage, refused when missing (404) or closed (409 STAGE_CLOSED: its panel and assignments are final). */
export async function changeableStage(db: DbOrTx, stageId: string, lock = false): Promise<StageRow> {
  const stage = await getStage(db, stageId, lock ? 'update' : undefined);
  if (!stage) throw new AppError('NOT_FOUND');
  if (stage.status === 'closed')
    throw new AppError('STAGE_CLOSED', [
      fieldError(
        'stageId',
        'closed',
        '评审环节已结束，不能再调整专家或分配',
        'The stage is closed: panel and assignments are final',
      ),
    ]);
  return stage;
}

export async function listPanel(
  db: Db,
  ctx: Ctx,
  stageId: string,
): Promise<{ items: PanelMember[]; total: number }> {
  requireActor(ctx);
  if (!(await getStage(db, stageId))) throw new AppError('NOT_FOUND');
  const rows = await repo.panelRows(db, stageId);
  const [cards, loads] = await Promise.all([
    reviewerCards(
      db,
      rows.map((r) => r.reviewerId),
    ),
    repo.loadsOf(db, stageId),
  ]);
  const cardOf = new Map(cards.map((c) => [c.id, c]));
  const items = rows.map((r) => {
    const c = cardOf.get(r.reviewerId)!;
    return {
      reviewerId: r.reviewerId,
      displayName: c.displayName,
      affiliation: c.affiliation,
      unitId: c.unitId,
      expertise: c.expertise,
      available: c.available,
      drawId: r.drawId,
      load: loads.get(r.reviewerId) ?? 0,
      addedAt: r.addedAt.toISOString(),
    };
  });
  return { items, total: items.length };
}

export async function addMember(db: Db, ctx: Ctx, stageId: string, reviewerId: string) {
  requireActor(ctx);
  await db.transaction(async (tx) => {
    const stage = await changeableStage(tx, stageId, true);
    const [card] = await reviewerCards(tx, [reviewerId]);
    if (!card)
      throw new AppError('NOT_FOUND', [
        fieldError('reviewerId', 'not_found', '评审专家不存在', 'No such reviewer'),
      ]);
    const added = await repo.addPanel(tx, [{ stageId, reviewerId, drawId: null, addedAt: ctx.now }]);
    if (added === 0)
      throw new AppError('DUPLICATE', [
        fieldError(
          'reviewerId',
          'duplicate',
          '该专家已在本环节专家组中',
          'The reviewer is already on the panel',
        ),
      ]);
    await writeAudit(tx, ctx, {
      action: 'panel.add',
      objectType: 'stage_panel',
      objectId: stage.id,
      changes: { reviewerId: { before: null, after: reviewerId } },
    });
  });
  return listPanel(db, ctx, stageId);
}

export async function removeMember(db: Db, ctx: Ctx, stageId: string, reviewerId: string): Promise<void> {
  requireActor(ctx);
  await db.transaction(async (tx) => {
    const stage = await changeableStage(tx, stageId, true);
    if ((await repo.loadsOf(tx, stageId)).get(reviewerId))
      throw new AppError('CONFLICT', [
        fieldError(
          'reviewerId',
          'has_assignments',
          '该专家在本环节已有评审任务，请先取消分配',
          'The reviewer has assignments in this stage; remove them first',
        ),
      ]);
    if (!(await repo.removePanel(tx, stageId, reviewerId))) throw new AppError('NOT_FOUND');
    await writeAudit(tx, ctx, {
      action: 'panel.remove',
      objectType: 'stage_panel',
      objectId: stage.id,
      changes: { reviewerId: { before: reviewerId, after: null } },
    });
  });
}

type DrawInput = z.infer<typeof drawPanelBody>;

async function planPanel(db: DbOrTx, stage: StageRow, input: DrawInput, seed: number) {
  const tags = [...new Set(input.tags ?? [])].sort();
  const onPanel = new Set((await repo.panelRows(db, stage.id)).map((r) => r.reviewerId));
  const pool = (await availableReviewers(db, tags)).filter((r) => !onPanel.has(r.id));
  if (input.count > pool.length)
    throw new AppError('CONFLICT', [
      fieldError(
        'count',
        'too_few_candidates',
        `可抽取的专家只有 ${pool.length} 名，少于拟抽取人数 ${input.count}`,
        `Only ${pool.length} experts can be drawn, fewer than ${input.count}`,
      ),
    ]);
  const inputs: PanelInputs = {
    algorithm: DRAW_ALGORITHM,
    stageId: stage.id,
    count: input.count,
    tags,
    candidates: pool.map((r) => r.id).sort(),
  };
  const result = runPanel(inputs, seed);
  const cardOf = new Map(pool.map((r) => [r.id, r]));
  return { inputs, result, reviewers: result.reviewerIds.map((id) => cardOf.get(id)!) };
}

/** 随机抽取: preview (nothing written, a seed chosen unless given) or commit with the previewed seed. */
export async function drawPanel(db: Db, ctx: Ctx, stageId: string, input: DrawInput) {
  requireActor(ctx);
  const present = (plan: Awaited<ReturnType<typeof planPanel>>, seed: number, drawId: string | null) => ({
    preview: drawId === null,
    seed,
    algorithm: DRAW_ALGORITHM,
    candidates: plan.inputs.candidates.length,
    reviewers: plan.reviewers.map((r) => ({
      id: r.id,
      displayName: r.displayName,
      affiliation: r.affiliation,
      expertise: r.expertise,
    })),
    drawId,
    inputsDigest: digest(plan.inputs),
    resultDigest: digest(plan.result),
  });
  if (input.preview) {
    const stage = await changeableStage(db, stageId);
    const seed = input.seed ?? newSeed();
    return present(await planPanel(db, stage, input, seed), seed, null);
  }
  const seed = input.seed;
  if (seed === undefined)
    throw new AppError('VALIDATION_FAILED', [
      fieldError('seed', 'required', '确认抽取须使用预览时的种子', 'A commit needs the seed of its preview'),
    ]);
  return db.transaction(async (tx) => {
    const stage = await changeableStage(tx, stageId, true);
    const plan = await planPanel(tx, stage, input, seed);
    const draw = await recordDraw(tx, ctx, {
      campaignId: stage.campaignId,
      stageId: stage.id,
      kind: 'panel',
      seed,
      inputs: plan.inputs,
      result: plan.result,
    });
    await repo.addPanel(
      tx,
      plan.result.reviewerIds.map((reviewerId) => ({
        stageId,
        reviewerId,
        drawId: draw.id,
        addedAt: ctx.now,
      })),
    );
    await writeAudit(tx, ctx, {
      action: 'panel.draw',
      objectType: 'draw',
      objectId: draw.id,
      changes: { panel: { before: null, after: plan.result.reviewerIds } },
      detail: `stage ${stage.id} seed ${seed} count ${input.count} of ${plan.inputs.candidates.length}`,
    });
    return present(plan, seed, draw.id);
  });
}
