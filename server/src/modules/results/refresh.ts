/**
 * Incremental results (docs/EVALUATION.md "Results, ranking, statistics"): in the transaction that locks or
 * reopens a review, the application's `stage_results` row of that stage and its `evaluation_totals` row are
 * recomputed from the rows as they now are, with the pure functions of `shared/src/domain/evaluation`.
 *
 * Counted reviews: locked, by the assigned reviewer, not conflicted (an overridden derived conflict counts).
 * A stage that standardises keeps its standardised score until the stage is standardised again (on close
 * or on demand, `standardiseStage`), since it depends on every review of the stage; otherwise the
 * standardised score is the raw one.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { applications, evaluationTotals, reviews, stageResults } from '../../db/schema';
import {
  conflictKey,
  finalScore,
  gateOutcome,
  populationSd,
  spread,
  stageScore,
} from '../../../../shared/src/domain/evaluation';
import * as reviewerQueries from '../reviewers/queries';
import { getStage, listStages, type StageRow } from '../stages/queries';

export interface CountedScore {
  reviewerId: string;
  score: number | null;
  failedVetoes: string[];
}

/** The locked reviews of one application in one stage that count (not conflicted), in reviewer order. */
export async function countedReviews(
  db: DbOrTx,
  stageId: string,
  applicationId: string,
): Promise<CountedScore[]> {
  const rows = await db
    .select({ reviewerId: reviews.reviewerId, score: reviews.score, vetoes: reviews.vetoes })
    .from(reviews)
    .where(
      and(
        eq(reviews.stageId, stageId),
        eq(reviews.applicationId, applicationId),
        eq(reviews.status, 'locked'),
      ),
    )
    .orderBy(reviews.reviewerId);
  if (rows.length === 0) return [];
  const status = await reviewerQueries.conflictStatuses(
    db,
    rows.map((r) => ({ reviewerId: r.reviewerId, applicationId })),
  );
  return rows
    .filter((r) => !status.get(conflictKey(r.reviewerId, applicationId))?.conflicted)
    .map((r) => ({
      reviewerId: r.reviewerId,
      score: r.score,
      failedVetoes: Object.entries(r.vetoes)
        .filter(([, passed]) => passed === false)
        .map(([id]) => id)
        .sort(),
    }));
}

/** The figures of one stage result from its counted reviews (pure). */
export function stageFigures(
  stage: Pick<StageRow, 'method' | 'aggregation' | 'vetoRule'>,
  counted: CountedScore[],
) {
  const values = counted.flatMap((r) => (r.score === null ? [] : [r.score]));
  const gate =
    stage.method === 'gate'
      ? gateOutcome(
          counted.map((r) => r.failedVetoes),
          stage.vetoRule,
        )
      : null;
  return {
    reviewCount: counted.length,
    score: stage.method === 'gate' ? null : stageScore(stage.aggregation, values),
    spread: spread(values),
    sd: populationSd(values),
    gatePassed: gate?.passed ?? null,
    failedVetoes: gate?.failedVetoes ?? [],
  };
}

/** What the results rows copy of their application. */
export interface AppFacts {
  campaignId: string;
  trackCode: string;
  orgKind: (typeof applications.$inferSelect)['orgKind'];
  unitId: string;
  submittedAt: Date | null;
}

/** The application's facts; `lock` takes its row lock (one refresh of an application at a time). */
async function appFacts(db: DbOrTx, applicationId: string, lock = false): Promise<AppFacts | undefined> {
  const q = db
    .select({
      campaignId: applications.campaignId,
      trackCode: applications.trackCode,
      orgKind: applications.orgKind,
      unitId: applications.unitId,
      submittedAt: applications.submittedAt,
    })
    .from(applications)
    .where(eq(applications.id, applicationId));
  const [row] = lock ? await q.for('no key update') : await q;
  return row;
}

/** Recompute one application's result in one (criteria, presentation or gate) stage and store it. */
export async function refreshStageResult(
  db: DbOrTx,
  stage: StageRow,
  applicationId: string,
  now: Date,
  known?: AppFacts,
): Promise<void> {
  const counted = await countedReviews(db, stage.id, applicationId);
  const f = stageFigures(stage, counted);
  const flags = [
    ...(f.reviewCount < stage.minReviews ? ['below_minimum'] : []),
    ...(f.spread !== null && f.spread > stage.spreadThreshold ? ['spread'] : []),
  ];
  const app = known ?? (await appFacts(db, applicationId));
  if (!app) return;
  const values = {
    reviewCount: f.reviewCount,
    score: f.score,
    spread: f.spread,
    sd: f.sd,
    gatePassed: f.gatePassed,
    failedVetoes: f.failedVetoes,
    flags,
    updatedAt: now,
  };
  await db
    .insert(stageResults)
    .values({
      stageId: stage.id,
      applicationId,
      campaignId: app.campaignId,
      trackCode: app.trackCode,
      orgKind: app.orgKind,
      unitId: app.unitId,
      enteredAt: now,
      ...values,
      standardisedScore: f.score,
    })
    .onConflictDoUpdate({
      target: [stageResults.stageId, stageResults.applicationId],
      set: stage.standardise ? values : { ...values, standardisedScore: f.score },
    });
}

/**
 * Recompute one application's totals from its stage results (evaluate(), §5): final = Σ weight × stage score
 * over the weighted (non-gate) stages it has a score in, raw and standardised; the last weighted stage's
 * score; counted reviews over those stages; gates passed = every gate of its track passed.
 */
export async function refreshTotals(
  db: DbOrTx,
  applicationId: string,
  now: Date,
  known?: AppFacts,
): Promise<void> {
  const app = known ?? (await appFacts(db, applicationId));
  if (!app) return;
  const all = await listStages(db, app.campaignId);
  const results = new Map(
    (
      await db
        .select()
        .from(stageResults)
        .where(
          and(eq(stageResults.applicationId, applicationId), eq(stageResults.campaignId, app.campaignId)),
        )
    ).map((r) => [r.stageId, r]),
  );
  const t = totalsOf(all, results, app.trackCode);
  const values = {
    campaignId: app.campaignId,
    trackCode: app.trackCode,
    orgKind: app.orgKind,
    unitId: app.unitId,
    submittedAt: app.submittedAt,
    ...t,
    updatedAt: now,
  };
  await db
    .insert(evaluationTotals)
    .values({ applicationId, ...values })
    .onConflictDoUpdate({ target: evaluationTotals.applicationId, set: values });
}

type ResultRow = Pick<
  typeof stageResults.$inferSelect,
  'score' | 'standardisedScore' | 'reviewCount' | 'gatePassed'
>;

/** The totals of one application (pure; the same rules as `evaluate` in domain/evaluation). */
export function totalsOf(
  all: readonly Pick<StageRow, 'id' | 'method' | 'weight' | 'tracks'>[],
  results: ReadonlyMap<string, ResultRow>,
  track: string,
) {
  const weighted = all.filter((s) => s.weight > 0 && s.method !== 'gate');
  const taken = weighted.flatMap((s) => {
    const r = results.get(s.id);
    return r && r.score !== null ? [{ weight: s.weight, r }] : [];
  });
  const last = weighted.length ? results.get(weighted[weighted.length - 1]!.id) : undefined;
  return {
    finalScore: finalScore(taken.map((x) => ({ weight: x.weight, score: x.r.score! }))),
    finalStandardised: finalScore(
      taken.map((x) => ({ weight: x.weight, score: x.r.standardisedScore ?? x.r.score! })),
    ),
    lastStageScore: last?.score ?? null,
    lastStageStandardised: last?.standardisedScore ?? null,
    countedReviews: taken.reduce((n, x) => n + x.r.reviewCount, 0),
    gatesPassed: all
      .filter((s) => s.method === 'gate' && (s.tracks.length === 0 || s.tracks.includes(track)))
      .every((s) => results.get(s.id)?.gatePassed === true),
  };
}

/**
 * Both refreshes for one application after a review of a stage changed (the caller's transaction). The
 * caller may hand in the stage row it already holds.
 */
export async function refreshApplication(
  db: DbOrTx,
  stageOrId: string | StageRow,
  applicationId: string,
  now: Date,
): Promise<void> {
  // One refresh of an application at a time: a second locker waits here and then reads the first's rows.
  const app = await appFacts(db, applicationId, true);
  if (!app) return;
  const stage = typeof stageOrId === 'string' ? await getStage(db, stageOrId) : stageOrId;
  if (!stage) return;
  if (stage.method !== 'peer') await refreshStageResult(db, stage, applicationId, now, app);
  await refreshTotals(db, applicationId, now, app);
}

/** The stage results of some applications in a stage (for tests and the statistics). */
export function stageResultsOf(db: DbOrTx, stageId: string, applicationIds: string[]) {
  return db
    .select()
    .from(stageResults)
    .where(and(eq(stageResults.stageId, stageId), inArray(stageResults.applicationId, applicationIds)));
}
