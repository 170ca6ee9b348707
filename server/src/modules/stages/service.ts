/**
 * Stages (评审环节) of a campaign: the list, creating one (appended), editing (a draft anything, an open
 * or closed one its name), deleting a draft, reordering, and the one-click templates. Each change locks
 * the campaign row (one stage change of a campaign at a time), is checked by the pure rules of
 * `shared/src/domain/stage-rules.ts` and writes one audit event in the same transaction.
 * Opening, closing and reopening live in `moves.ts`.
 */
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import { diff, writeAudit } from '../audit/write';
import { campaignFrame, type CampaignFrameRow } from '../campaigns/queries';
import type {
  CreateStage,
  PatchStage,
  ReorderStages,
  StageDetail,
  StageList,
  StageTemplateBody,
} from '../../../../shared/src/contracts/stages';
import { evaluationOver } from '../../../../shared/src/domain/campaign-rules';
import { checkStage, templateStages, type StageSettings } from '../../../../shared/src/domain/stage-rules';
import { STAGE_TEMPLATES, type StageMethod } from '../../../../shared/src/domain/stages';
import { getStage, listStages, type StageRow } from './queries';
import * as repo from './repo';

export function detailOf(row: StageRow, entrants: number): StageDetail {
  return {
    id: row.id,
    campaignId: row.campaignId,
    position: row.position,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    method: row.method,
    tracks: row.tracks,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    weight: row.weight,
    rubric: row.rubric,
    entry: row.entry,
    entryN: row.entryN,
    entryShare: row.entryShare,
    minReviews: row.minReviews,
    aggregation: row.aggregation,
    standardise: row.standardise,
    blind: row.blind,
    seeOthers: row.seeOthers,
    showReviewerNames: row.showReviewerNames,
    spreadThreshold: row.spreadThreshold,
    peerMode: row.peerMode,
    groupSize: row.groupSize,
    excludeOwnUnit: row.excludeOwnUnit,
    spearmanThreshold: row.spearmanThreshold,
    vetoRule: row.vetoRule,
    status: row.status,
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    entrants,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The settings a stage's audit events record. */
export const SETTINGS = [
  'nameZh',
  'nameEn',
  'method',
  'tracks',
  'opensAt',
  'closesAt',
  'weight',
  'rubric',
  'entry',
  'entryN',
  'entryShare',
  'minReviews',
  'aggregation',
  'standardise',
  'blind',
  'seeOthers',
  'showReviewerNames',
  'spreadThreshold',
  'peerMode',
  'groupSize',
  'excludeOwnUnit',
  'spearmanThreshold',
  'vetoRule',
] as const;
type Setting = (typeof SETTINGS)[number];
const NAMES: readonly Setting[] = ['nameZh', 'nameEn'];
const NOTHING: Record<string, unknown> = Object.fromEntries(SETTINGS.map((f) => [f, null]));

/** A stage's settings as plain values (dates as ISO strings), for comparing and auditing. */
function snapshot(row: Pick<StageRow, Setting>): Record<string, unknown> {
  return Object.fromEntries(
    SETTINGS.map((f) => {
      const v = row[f];
      return [f, v instanceof Date ? v.toISOString() : v];
    }),
  );
}

async function listOf(db: DbOrTx, campaignId: string): Promise<StageList> {
  const rows = await listStages(db, campaignId);
  const counts = await repo.entrantCounts(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => detailOf(r, counts.get(r.id) ?? 0)), total: rows.length };
}

export async function stageDetail(db: DbOrTx, row: StageRow): Promise<StageDetail> {
  return detailOf(row, (await repo.entrantCounts(db, [row.id])).get(row.id) ?? 0);
}

/** The campaign, locked FOR UPDATE, or 404. */
export async function lockedCampaign(tx: DbOrTx, campaignId: string): Promise<CampaignFrameRow> {
  const frame = await campaignFrame(tx, campaignId, 'update');
  if (!frame) throw new AppError('NOT_FOUND');
  return frame;
}

/** Once the campaign has left review, its stages are part of the record: no more changes. */
function assertEvaluationNotOver(frame: CampaignFrameRow): void {
  if (evaluationOver(frame.status))
    throw new AppError('CAMPAIGN_LOCKED', [
      fieldError(
        'campaign',
        'evaluation_over',
        '活动评审已结束，评审环节不能再修改',
        "The campaign's evaluation is over; its stages can no longer change",
      ),
    ]);
}

/** The stage (then its campaign, then the stage again) locked FOR UPDATE, or 404. */
export async function lockedStage(
  tx: DbOrTx,
  id: string,
): Promise<{ frame: CampaignFrameRow; row: StageRow }> {
  const found = await getStage(tx, id);
  if (!found) throw new AppError('NOT_FOUND');
  const frame = await lockedCampaign(tx, found.campaignId);
  const row = await getStage(tx, id, 'update');
  if (!row) throw new AppError('NOT_FOUND');
  return { frame, row };
}

function validate(settings: StageSettings, frame: CampaignFrameRow): void {
  const problems = checkStage(settings, frame);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
}

const defaultRubric = (method: StageMethod) =>
  method === 'peer' || method === 'presentation' ? ('overall' as const) : ('standard' as const);

export async function list(db: Db, _ctx: Ctx, campaignId: string): Promise<StageList> {
  if (!(await campaignFrame(db, campaignId))) throw new AppError('NOT_FOUND');
  return listOf(db, campaignId);
}

/** GET /api/stages/:id: one stage as the list shows it (404 when unknown). */
export async function get(db: Db, _ctx: Ctx, id: string): Promise<StageDetail> {
  const row = await getStage(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return stageDetail(db, row);
}

export async function create(db: Db, ctx: Ctx, campaignId: string, body: CreateStage): Promise<StageDetail> {
  return db.transaction(async (tx) => {
    const frame = await lockedCampaign(tx, campaignId);
    assertEvaluationNotOver(frame);
    const existing = await repo.lockStages(tx, campaignId);
    const settings = {
      ...body,
      rubric: body.rubric ?? defaultRubric(body.method),
      opensAt: new Date(body.opensAt),
      closesAt: new Date(body.closesAt),
    };
    validate(settings, frame);
    const [row] = await repo.insertStages(tx, [
      { ...settings, campaignId, position: existing.length + 1, createdAt: ctx.now, updatedAt: ctx.now },
    ]);
    await writeAudit(tx, ctx, {
      action: 'stages.create',
      objectType: 'stage',
      objectId: row!.id,
      changes: diff(NOTHING, snapshot(row!), [...SETTINGS]),
      detail: `campaign ${campaignId}, position ${row!.position}`,
    });
    return detailOf(row!, 0);
  });
}

export async function update(db: Db, ctx: Ctx, id: string, body: PatchStage): Promise<StageDetail> {
  return db.transaction(async (tx) => {
    const { frame, row } = await lockedStage(tx, id);
    if (row.version !== body.version) throw versionConflictError(row, null);
    assertEvaluationNotOver(frame);
    const { version: _version, ...given } = body;
    const next = {
      ...row,
      ...given,
      ...(given.opensAt !== undefined ? { opensAt: new Date(given.opensAt) } : {}),
      ...(given.closesAt !== undefined ? { closesAt: new Date(given.closesAt) } : {}),
    } as StageRow;
    const before = snapshot(row);
    const after = snapshot(next);
    const changed = SETTINGS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    if (changed.length === 0) return stageDetail(tx, row);
    const locked = changed.filter((f) => !NAMES.includes(f));
    if (row.status !== 'draft' && locked.length)
      throw new AppError(
        'STAGE_LOCKED',
        locked.map((f) =>
          fieldError(
            f,
            'not_draft',
            '评审环节已开启，只能修改名称',
            'The stage has opened; only its name can change',
          ),
        ),
      );
    if (row.status === 'draft') validate(next, frame);
    const updated = await repo.updateStage(tx, id, row.version, {
      ...Object.fromEntries(changed.map((f) => [f, next[f]])),
      updatedAt: ctx.now,
    });
    if (!updated) throw versionConflictError((await getStage(tx, id)) ?? row, null);
    await writeAudit(tx, ctx, {
      action: 'stages.update',
      objectType: 'stage',
      objectId: id,
      changes: diff(before, after, changed),
    });
    return stageDetail(tx, updated);
  });
}

const notDraft = (field: string) =>
  fieldError(
    field,
    'not_draft',
    '评审环节已开启过，不能删除或调整顺序',
    'The stage has opened; it cannot be deleted or moved',
  );

/** Renumbers the campaign's stages 1, 2, … in the given order (new versions for those that move). */
async function renumber(tx: DbOrTx, campaignId: string, order: readonly StageRow[], now: Date) {
  const moved = new Set(order.filter((s, i) => s.position !== i + 1).map((s) => s.id));
  if (moved.size)
    await repo.setPositions(
      tx,
      campaignId,
      order.map((s) => s.id),
      moved,
      now,
    );
}

export async function remove(db: Db, ctx: Ctx, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { frame, row } = await lockedStage(tx, id);
    assertEvaluationNotOver(frame);
    if (row.status !== 'draft') throw new AppError('STAGE_LOCKED', [notDraft('status')]);
    const stages = await repo.lockStages(tx, row.campaignId);
    await repo.deleteStage(tx, id);
    await renumber(
      tx,
      row.campaignId,
      stages.filter((s) => s.id !== id),
      ctx.now,
    );
    await writeAudit(tx, ctx, {
      action: 'stages.delete',
      objectType: 'stage',
      objectId: id,
      changes: diff(snapshot(row), NOTHING, [...SETTINGS]),
      detail: `campaign ${row.campaignId}, position ${row.position}`,
    });
  });
}

const nameList = (rows: readonly StageRow[]) => rows.map((s) => `${s.position}. ${s.nameZh}`);

export async function reorder(db: Db, ctx: Ctx, campaignId: string, body: ReorderStages): Promise<StageList> {
  return db.transaction(async (tx) => {
    const frame = await lockedCampaign(tx, campaignId);
    assertEvaluationNotOver(frame);
    const stages = await repo.lockStages(tx, campaignId);
    const byId = new Map(stages.map((s) => [s.id, s]));
    if (
      body.ids.length !== stages.length ||
      new Set(body.ids).size !== body.ids.length ||
      !body.ids.every((i) => byId.has(i))
    )
      throw new AppError('VALIDATION_FAILED', [
        fieldError(
          'ids',
          'not_the_stages',
          '须按新顺序列出本活动的全部评审环节，每个一次',
          'List every stage of the campaign exactly once, in the new order',
        ),
      ]);
    const order = body.ids.map((i) => byId.get(i)!);
    const stuck = order.flatMap((s, i) => (s.status !== 'draft' && s.position !== i + 1 ? [i] : []));
    if (stuck.length)
      throw new AppError(
        'STAGE_LOCKED',
        stuck.map((i) => notDraft(`ids.${i}`)),
      );
    if (order.every((s, i) => s.position === i + 1)) return listOf(tx, campaignId);
    await renumber(tx, campaignId, order, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'stages.reorder',
      objectType: 'campaign',
      objectId: campaignId,
      changes: {
        order: {
          before: nameList(stages),
          after: nameList(order.map((s, i) => ({ ...s, position: i + 1 }))),
        },
      },
    });
    return listOf(tx, campaignId);
  });
}

/**
 * One click: `seed` lays the seed's sequence over the review period (only into a campaign without
 * stages); `gate` puts a qualification check in front (before any stage has opened), and the stage that
 * was first, when it took every accepted application, now takes those that passed the gate.
 */
export async function applyTemplate(
  db: Db,
  ctx: Ctx,
  campaignId: string,
  body: StageTemplateBody,
): Promise<StageList> {
  return db.transaction(async (tx) => {
    const frame = await lockedCampaign(tx, campaignId);
    assertEvaluationNotOver(frame);
    const stages = await repo.lockStages(tx, campaignId);
    const first = stages[0];
    if (body.template !== 'gate' && first)
      throw new AppError('CONFLICT', [
        fieldError(
          'template',
          'stages_exist',
          '本活动已有评审环节，不能再套用该模板（可在最前面加入资格审查）',
          'The campaign already has stages; this template cannot be applied (a gate can go in front)',
        ),
      ]);
    if (body.template === 'gate' && first?.method === 'gate')
      throw new AppError('CONFLICT', [
        fieldError(
          'template',
          'gate_exists',
          '第一个评审环节已是资格审查',
          'The first stage is already a gate',
        ),
      ]);
    if (body.template === 'gate' && stages.some((s) => s.status !== 'draft'))
      throw new AppError('STAGE_LOCKED', [notDraft('template')]);
    const steps = templateStages(STAGE_TEMPLATES[body.template], frame, first);
    if (first) {
      await repo.shiftPositions(tx, campaignId, steps.length, ctx.now);
      if (first.entry === 'all_accepted') await repo.setEntry(tx, first.id, 'passed_previous');
    }
    await repo.insertStages(
      tx,
      steps.map((s, i) => ({
        campaignId,
        position: i + 1,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        method: s.method,
        rubric: s.rubric,
        weight: s.weight,
        entry: s.entry,
        minReviews: s.minReviews,
        peerMode: 'peerMode' in s ? s.peerMode : 'rank',
        opensAt: s.opensAt,
        closesAt: s.closesAt,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })),
    );
    const out = await listOf(tx, campaignId);
    await writeAudit(tx, ctx, {
      action: 'stages.template',
      objectType: 'campaign',
      objectId: campaignId,
      changes: {
        stages: {
          before: nameList(stages),
          after: out.items.map((s) => `${s.position}. ${s.nameZh}`),
        },
        ...(first && first.entry === 'all_accepted'
          ? { [`entry:${first.nameZh}`]: { before: 'all_accepted', after: 'passed_previous' } }
          : {}),
      },
      detail: `template ${body.template}`,
    });
    return out;
  });
}
