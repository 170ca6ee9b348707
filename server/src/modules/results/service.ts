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
  TIE_RULE,
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
import { groupSize, proposedIds, rankedPage } from './ranking-queries';
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

/**
 * GET /api/campaigns/:id/ranking: the first `limit` of one group in the mode asked for, with the place in
 * the other mode, and the rows whose selection would change between the two (the symmetric difference of
 * the two proposals, `compareRankings` of domain/evaluation), all read in index order (ranking-queries.ts).
 */
export async function ranking(db: Db, ctx: Ctx, campaignId: string, q: RankingQuery): Promise<Ranking> {
  scopeOf(requireActor(ctx), 'evaluation.manage');
  if (!(await repo.campaignExists(db, campaignId))) throw new AppError('NOT_FOUND');
  const group = { campaignId, track: q.track, kind: q.kind as OrgKind | undefined };
  const [rows, total, quota] = await Promise.all([
    rankedPage(db, group, q.mode, q.limit),
    groupSize(db, group),
    repo.quotaOf(db, campaignId, q.track, group.kind),
  ]);
  const changes = new Set<string>();
  if (quota !== null) {
    const [raw, std] = await Promise.all([
      proposedIds(db, group, 'raw', quota),
      proposedIds(db, group, 'standardised', quota),
    ]);
    const a = new Set(raw);
    const b = new Set(std);
    for (const id of raw) if (!b.has(id)) changes.add(id);
    for (const id of std) if (!a.has(id)) changes.add(id);
  }
  const raw = q.mode === 'raw';
  return {
    track: q.track,
    kind: group.kind ?? null,
    mode: q.mode,
    quota,
    tieRule: [...TIE_RULE],
    total,
    items: rows.map((r) => ({
      applicationId: r.applicationId,
      organizationName: r.organizationName,
      unitName: r.unitName,
      brandName: r.brandName,
      rank: r.rank,
      rawRank: raw ? r.rank : r.otherRank,
      standardisedRank: raw ? r.otherRank : r.rank,
      finalScore: r.finalScore,
      finalStandardised: r.finalStandardised,
      lastStageScore: raw ? r.lastStageScore : r.lastStageStandardised,
      countedReviews: r.countedReviews,
      gatesPassed: r.gatesPassed,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      selectionWouldChange: changes.has(r.applicationId),
    })),
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
