/**
 * Results (docs/EVALUATION.md "Results, ranking, statistics"): the committee's recomputation and
 * standardisation (set-based SQL, recompute.ts) and the ranking per (track, kind), raw and standardised side
 * by side, ranked by the pure tie rule of domain/evaluation and marked where the selection would change.
 */
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { requireActor, scopeOf } from '../../core/context';
import { AppError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { getStage } from '../stages/queries';
import {
  applicationAgreement,
  reviewerLeniency,
  stageIcc,
  compareRankings,
  rankGroup,
  TIE_RULE,
  type RankInput,
} from '../../../../shared/src/domain/evaluation';
import type {
  Ranking,
  RankingQuery,
  RecomputeAnswer,
  StageProgress,
  StageStatistics,
} from '../../../../shared/src/contracts/results';
import type { OrgKind } from '../../../../shared/src/enums';
import { recomputeCampaign, recomputeTotals, standardiseStage } from './recompute';
import * as repo from './repo';

/** POST /api/campaigns/:id/recompute: every stage result, standardisation and total, in one transaction. */
export async function recompute(db: Db, ctx: Ctx, campaignId: string): Promise<RecomputeAnswer> {
  scopeOf(requireActor(ctx), 'evaluation.manage');
  if (!(await repo.campaignExists(db, campaignId))) throw new AppError('NOT_FOUND');
  return db.transaction(async (tx) => {
    await recomputeCampaign(tx, campaignId, ctx.now);
    const n = await repo.counts(tx, campaignId);
    await writeAudit(tx, ctx, {
      action: 'results.recompute',
      objectType: 'campaign',
      objectId: campaignId,
      detail: `${n.stageResults} stage results, ${n.totals} totals`,
    });
    return { ok: true as const, ...n };
  });
}

/** POST /api/stages/:id/standardise: the stage's standardised scores and the campaign's totals. */
export async function standardise(db: Db, ctx: Ctx, stageId: string): Promise<RecomputeAnswer> {
  scopeOf(requireActor(ctx), 'evaluation.manage');
  const stage = await getStage(db, stageId);
  if (!stage) throw new AppError('NOT_FOUND');
  return db.transaction(async (tx) => {
    await standardiseStage(tx, stageId, ctx.now);
    await recomputeTotals(tx, stage.campaignId, ctx.now);
    const n = await repo.counts(tx, stage.campaignId);
    await writeAudit(tx, ctx, { action: 'results.standardise', objectType: 'stage', objectId: stageId });
    return { ok: true as const, ...n };
  });
}

/** GET /api/campaigns/:id/ranking. */
export async function ranking(db: Db, ctx: Ctx, campaignId: string, q: RankingQuery): Promise<Ranking> {
  scopeOf(requireActor(ctx), 'evaluation.manage');
  if (!(await repo.campaignExists(db, campaignId))) throw new AppError('NOT_FOUND');
  const kind = q.kind as OrgKind | undefined;
  const rows = await repo.groupTotals(db, campaignId, q.track, kind);
  const quota = await repo.quotaOf(db, campaignId, q.track, kind);
  const input = (standardised: boolean): RankInput[] =>
    rows.map((r) => ({
      applicationId: r.applicationId,
      track: q.track,
      kind: kind ?? '',
      final: (standardised ? r.finalStandardised : r.finalScore) ?? 0,
      lastStageScore: standardised ? r.lastStageStandardised : r.lastStageScore,
      countedReviews: r.countedReviews,
      submittedAt: r.submittedAt?.toISOString() ?? null,
    }));
  const raw = rankGroup(input(false));
  const std = rankGroup(input(true));
  const passed = new Set(rows.filter((r) => r.gatesPassed).map((r) => r.applicationId));
  const changes = new Set(
    quota === null ? [] : compareRankings(raw, std, quota, passed).map((c) => c.applicationId),
  );
  const rawRank = new Map(raw.map((r) => [r.applicationId, r.rank]));
  const stdRank = new Map(std.map((r) => [r.applicationId, r.rank]));
  const byId = new Map(rows.map((r) => [r.applicationId, r]));
  const order = q.mode === 'standardised' ? std : raw;
  return {
    track: q.track,
    kind: kind ?? null,
    mode: q.mode,
    quota,
    tieRule: [...TIE_RULE],
    total: rows.length,
    items: order.slice(0, q.limit).map((x) => {
      const r = byId.get(x.applicationId)!;
      return {
        applicationId: r.applicationId,
        organizationName: r.organizationName,
        unitName: r.unitName,
        brandName: r.brandName,
        rank: x.rank,
        rawRank: rawRank.get(r.applicationId)!,
        standardisedRank: stdRank.get(r.applicationId)!,
        finalScore: r.finalScore ?? 0,
        finalStandardised: r.finalStandardised ?? 0,
        lastStageScore: q.mode === 'standardised' ? r.lastStageStandardised : r.lastStageScore,
        countedReviews: r.countedReviews,
        gatesPassed: r.gatesPassed,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        selectionWouldChange: changes.has(r.applicationId),
      };
    }),
  };
}

/** GET /api/stages/:id/statistics: distribution, ICC(1), reviewer leniency, spread flags (§4). */
export async function statistics(db: Db, ctx: Ctx, stageId: string): Promise<StageStatistics> {
  scopeOf(requireActor(ctx), 'evaluation.manage');
  const stage = await getStage(db, stageId);
  if (!stage) throw new AppError('NOT_FOUND');
  const scores = await repo.stageScores(db, stageId);
  const names = new Map(scores.map((s) => [s.reviewerId, s.reviewerName]));
  const icc = stageIcc(scores);
  return {
    stageId,
    reviews: scores.length,
    distribution: Array.from({ length: 10 }, (_, i) => ({
      from: i * 10,
      to: i * 10 + 10,
      count: scores.filter((s) => Math.min(9, Math.floor(s.score / 10)) === i).length,
    })),
    icc: { icc: icc.icc, msb: icc.msb, msw: icc.msw, k0: icc.k0, a: icc.a, n: icc.n },
    leniency: reviewerLeniency(scores).map((l) => ({ ...l, reviewerName: names.get(l.reviewerId)! })),
    spreadFlags: applicationAgreement(scores, stage.spreadThreshold)
      .filter((a) => a.flagged)
      .map(({ applicationId, n, spread, sd }) => ({ applicationId, n, spread, sd })),
  };
}

/** GET /api/stages/:id/progress: per reviewer, assigned and locked; who has not finished. */
export async function progress(db: Db, ctx: Ctx, stageId: string): Promise<StageProgress> {
  scopeOf(requireActor(ctx), 'evaluation.manage');
  const stage = await getStage(db, stageId);
  if (!stage) throw new AppError('NOT_FOUND');
  const rows = await repo.stageProgressRows(db, stageId);
  return {
    stageId,
    assigned: rows.reduce((n, r) => n + r.assigned, 0),
    locked: rows.reduce((n, r) => n + r.locked, 0),
    reviewers: rows.map((r) => ({ ...r, pending: r.locked < r.assigned })),
  };
}
