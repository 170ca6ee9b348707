/**
 * A stage's moves: open (fixes the entrants by the entry rule as rows of `stage_results`), close, and
 * reopen with a reason (closed → open while no later stage has opened). The pure `stageMoveRefusal`,
 * `weightProblems` and `entrantsOf` of `shared/src/domain/stage-rules.ts` decide; each move writes its
 * audit event in the same transaction, each refusal is a 409 TRANSITION_REFUSED with a code and zh/en text.
 */
import { settleClosedStage } from '../results/queries';
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import { writeAudit } from '../audit/write';
import { applicationsInStatus } from '../applications/queries';
import type { CampaignFrameRow } from '../campaigns/queries';
import type { MoveStage, ReopenStage, StageDetail } from '../../../../shared/src/contracts/stages';
import {
  covers,
  entrantsOf,
  STAGE_REFUSAL_TEXT,
  stageMoveRefusal,
  tracksWithoutPrevious,
  weightProblems,
  type EntryInput,
  type StageRefusal,
} from '../../../../shared/src/domain/stage-rules';
import type { StageMethod } from '../../../../shared/src/domain/stages';
import type { StageRow } from './queries';
import * as repo from './repo';
import { lockedStage, stageDetail } from './service';

const REFUSAL_FIELD: Partial<Record<StageRefusal, string>> = {
  campaign_not_reviewing: 'campaign',
  window_passed: 'closesAt',
};

function refused(refusal: StageRefusal): AppError {
  const t = STAGE_REFUSAL_TEXT[refusal];
  return new AppError('TRANSITION_REFUSED', [
    fieldError(REFUSAL_FIELD[refusal] ?? 'status', refusal, t.zh, t.en),
  ]);
}

/** The stage and its campaign's stages, locked; the version checked when one is given. */
async function load(tx: DbOrTx, id: string, version: number | undefined) {
  const { frame, row } = await lockedStage(tx, id);
  if (version !== undefined && version !== row.version) throw versionConflictError(row, null);
  const all = await repo.lockStages(tx, row.campaignId);
  return { frame, row, all };
}

/** Who enters `stage` now (see `entrantsOf`); refuses when a track has no earlier stage to enter from. */
async function entrants(tx: DbOrTx, frame: CampaignFrameRow, stage: StageRow, all: readonly StageRow[]) {
  const tracks = frame.tracks.filter((t) => covers(stage, t));
  const apps = (await applicationsInStatus(tx, frame.id, 'in_review')).filter((a) =>
    tracks.includes(a.trackCode),
  );
  const prevByTrack = new Map<string, StageRow>();
  for (const t of tracks) {
    const prev = all.filter((s) => s.position < stage.position && covers(s, t)).at(-1);
    if (prev) prevByTrack.set(t, prev);
  }
  const results = await repo.resultsOf(tx, [...new Set([...prevByTrack.values()].map((s) => s.id))]);
  const previous = new Map<string, { method: StageMethod; results: typeof results }>();
  for (const [t, s] of prevByTrack)
    previous.set(t, { method: s.method, results: results.filter((r) => r.stageId === s.id) });
  const input: EntryInput = {
    entry: stage.entry,
    entryN: stage.entryN,
    entryShare: stage.entryShare,
    candidates: apps.map((a) => ({
      applicationId: a.id,
      track: a.trackCode,
      kind: a.orgKind,
      submittedAt: a.submittedAt?.toISOString() ?? null,
    })),
    previous,
  };
  const missing = tracksWithoutPrevious(input, tracks);
  if (missing.length)
    throw new AppError(
      'TRANSITION_REFUSED',
      missing.map((t) =>
        fieldError(
          `tracks.${t}`,
          'no_previous_stage',
          `类别 ${t} 没有更早的评审环节，本环节只能按“全部受理申报”入围`,
          `Track ${t} has no earlier stage: this stage can only take every accepted application`,
        ),
      ),
    );
  const ids = new Set(entrantsOf(input));
  return apps.filter((a) => ids.has(a.id));
}

export async function open(db: Db, ctx: Ctx, id: string, body: MoveStage): Promise<StageDetail> {
  return db.transaction(async (tx) => {
    const { frame, row, all } = await load(tx, id, body.version);
    const refusal = stageMoveRefusal('open', row, all, frame.status, ctx.now);
    if (refusal) throw refused(refusal);
    const weights = weightProblems(all, frame.tracks);
    if (weights.length) throw new AppError('TRANSITION_REFUSED', weights);
    const apps = await entrants(tx, frame, row, all);
    await repo.insertEntrants(
      tx,
      apps.map((a) => ({
        stageId: id,
        applicationId: a.id,
        campaignId: frame.id,
        trackCode: a.trackCode,
        orgKind: a.orgKind,
        unitId: a.unitId,
        enteredAt: ctx.now,
        updatedAt: ctx.now,
      })),
    );
    const updated = (await repo.updateStage(tx, id, row.version, {
      status: 'open',
      openedAt: ctx.now,
      updatedAt: ctx.now,
    }))!;
    await writeAudit(tx, ctx, {
      action: 'stages.open',
      objectType: 'stage',
      objectId: id,
      changes: { status: { before: 'draft', after: 'open' }, entrants: { before: 0, after: apps.length } },
      detail: `entry ${row.entry}`,
    });
    return stageDetail(tx, updated);
  });
}

/** STAGE_INCOMPLETE: a field error per entrant below the minimum and per review saved but not locked. */
function incomplete(gaps: Awaited<ReturnType<typeof repo.closeGaps>>, minReviews: number): AppError {
  return new AppError('STAGE_INCOMPLETE', [
    ...gaps.short.map((s) =>
      fieldError(
        `applications.${s.applicationId}`,
        'below_min_reviews',
        `计入的评分 ${s.counted} 份，少于本环节要求的 ${minReviews} 份`,
        `${s.counted} counted review(s), fewer than the stage's minimum of ${minReviews}`,
      ),
    ),
    ...gaps.unlocked.map((r) =>
      fieldError(
        `reviews.${r.id}`,
        'not_locked',
        '该评分已保存但未确认锁定',
        'This review is saved but not confirmed and locked',
      ),
    ),
  ]);
}

/**
 * Close: refused (STAGE_INCOMPLETE) while an entrant has fewer counted reviews than the stage's minimum or
 * a review is saved but not locked, unless the committee states why; the reason and what was missing are
 * audited with the close.
 */
export async function close(db: Db, ctx: Ctx, id: string, body: MoveStage): Promise<StageDetail> {
  return db.transaction(async (tx) => {
    const { frame, row, all } = await load(tx, id, body.version);
    const refusal = stageMoveRefusal('close', row, all, frame.status, ctx.now);
    if (refusal) throw refused(refusal);
    const gaps = await repo.closeGaps(tx, id, row.minReviews);
    const short = gaps.short.length + gaps.unlocked.length > 0;
    if (short && !body.reason) throw incomplete(gaps, row.minReviews);
    const updated = (await repo.updateStage(tx, id, row.version, {
      status: 'closed',
      closedAt: ctx.now,
      updatedAt: ctx.now,
    }))!;
    // Every review of the stage is in: standardise it (when it says so) and settle the totals.
    await settleClosedStage(tx, row, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'stages.close',
      objectType: 'stage',
      objectId: id,
      changes: {
        status: { before: 'open', after: 'closed' },
        ...(short
          ? {
              belowMinReviews: { before: null, after: gaps.short.map((s) => s.applicationId) },
              unlockedReviews: { before: null, after: gaps.unlocked.map((r) => r.id) },
            }
          : {}),
      },
      ...(body.reason ? { detail: body.reason } : {}),
    });
    return stageDetail(tx, updated);
  });
}

export async function reopen(db: Db, ctx: Ctx, id: string, body: ReopenStage): Promise<StageDetail> {
  return db.transaction(async (tx) => {
    const { frame, row, all } = await load(tx, id, body.version);
    const refusal = stageMoveRefusal('reopen', row, all, frame.status, ctx.now);
    if (refusal) throw refused(refusal);
    const updated = (await repo.updateStage(tx, id, row.version, {
      status: 'open',
      closedAt: null,
      updatedAt: ctx.now,
    }))!;
    await writeAudit(tx, ctx, {
      action: 'stages.reopen',
      objectType: 'stage',
      objectId: id,
      changes: {
        status: { before: 'closed', after: 'open' },
        closedAt: { before: row.closedAt?.toISOString() ?? null, after: null },
      },
      detail: body.reason,
    });
    return stageDetail(tx, updated);
  });
}
