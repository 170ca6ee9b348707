import type { Aggregation, PeerMode, StageMethod, VetoRule } from '../stages';
import { populationSd, spread, stageScore, type Moments } from './aggregate';
import { peerScores, type PeerRating } from './peer';
import { finalScore, rankAll, type RankedRow, type RankInput } from './ranking';
import { standardise, type ReviewerNorm } from './standardise';
import { compareIds, groupBy, settle } from './util';

/**
 * A campaign's evaluation from its raw data (evaluation-maths §1–§5): stage results per entrant,
 * totals per application, rankings raw and standardised. One pure function, used when figures are
 * recomputed and to re-derive a frozen decision snapshot (`recomputeFromSnapshot`), so both give the
 * same digits. Every stored figure is settled on the 1e-9 grid (`settle`).
 */

export interface StageSpec {
  id: string;
  /** 1, 2, …: the order of the stages. */
  position: number;
  method: StageMethod;
  weight: number;
  aggregation: Aggregation;
  standardise: boolean;
  minReviews: number;
  /** Tracks the stage applies to; empty for every track. */
  tracks: readonly string[];
  peerMode: PeerMode | null;
  vetoRule: VetoRule;
}

export interface ApplicationSpec {
  id: string;
  track: string;
  kind: string;
  submittedAt: string | null;
}

/** A locked review that counts (assigned, not conflicted or overridden): the caller filters. */
export interface CountedReview {
  stageId: string;
  applicationId: string;
  reviewerId: string;
  /** 0–100; `null` in a gate stage. */
  score: number | null;
  /** Veto items it failed (gate stages). */
  failedVetoes: readonly string[];
}

/** A peer rating: for a `rank` stage the 1-based position the rater gave, for `score` the score. */
export interface PeerMark {
  stageId: string;
  raterId: string;
  targetId: string;
  value: number;
}

export interface EvaluationInput {
  stages: readonly StageSpec[];
  applications: readonly ApplicationSpec[];
  /** Which applications entered which stage. */
  entrants: readonly { stageId: string; applicationId: string }[];
  reviews: readonly CountedReview[];
  peerMarks: readonly PeerMark[];
}

export interface StageResult {
  stageId: string;
  applicationId: string;
  /** Counted reviews (peer: raters). */
  count: number;
  score: number | null;
  /** The score from standardised reviews when the stage standardises; else the raw score. */
  standardisedScore: number | null;
  spread: number | null;
  sd: number | null;
  /** Gate stages: whether no veto item failed; `null` without reviews or outside gates. */
  gatePassed: boolean | null;
  failedVetoes: string[];
  belowMinimum: boolean;
}

export interface EvaluationTotal {
  applicationId: string;
  track: string;
  kind: string;
  final: number;
  finalStandardised: number;
  lastStageScore: number | null;
  lastStageStandardised: number | null;
  countedReviews: number;
  gatesPassed: boolean;
  submittedAt: string | null;
}

export interface EvaluationResult {
  /** Sorted by stage position, then application id. */
  stageResults: StageResult[];
  /** The moments of the stages that standardise (§2), in stage order. */
  standardisation: { stageId: string; stage: Moments; reviewers: ReviewerNorm[] }[];
  /** Sorted by application id. */
  totals: EvaluationTotal[];
  ranking: { raw: RankedRow[]; standardised: RankedRow[] };
}

/**
 * A gate's outcome from its counted reviews (§1): an item fails when at least half the reviews fail
 * it (`majority`) or when any one does (`any`); the gate is passed when no item fails, `null` without
 * reviews. Failed items sorted.
 */
export function gateOutcome(
  failedVetoes: readonly (readonly string[])[],
  rule: VetoRule,
): { passed: boolean | null; failedVetoes: string[] } {
  if (failedVetoes.length === 0) return { passed: null, failedVetoes: [] };
  const counts = new Map<string, number>();
  for (const items of failedVetoes)
    for (const item of new Set(items)) counts.set(item, (counts.get(item) ?? 0) + 1);
  const failed = [...counts]
    .filter(([, c]) => (rule === 'any' ? c >= 1 : c * 2 >= failedVetoes.length))
    .map(([item]) => item)
    .sort(compareIds);
  return { passed: failed.length === 0, failedVetoes: failed };
}

/** Peer marks of one stage as ratings: Borda points from positions (`rank`), or the scores. */
function peerRatings(marks: readonly PeerMark[], mode: PeerMode): PeerRating[] {
  if (mode === 'score')
    return marks.map((m) => ({ raterId: m.raterId, targetId: m.targetId, value: m.value }));
  const byRater = groupBy(marks, (m) => m.raterId);
  return [...byRater.values()].flatMap((own) => {
    const ordered = [...own].sort((a, b) => a.value - b.value || compareIds(a.targetId, b.targetId));
    const m = ordered.length;
    return ordered.map((mark, i) => ({
      raterId: mark.raterId,
      targetId: mark.targetId,
      value: m === 1 ? 100 : ((m - 1 - i) / (m - 1)) * 100,
    }));
  });
}

function stageResultsOf(
  stage: StageSpec,
  input: EvaluationInput,
): Omit<EvaluationResult, 'totals' | 'ranking'> {
  const entrants = input.entrants
    .filter((e) => e.stageId === stage.id)
    .map((e) => e.applicationId)
    .sort(compareIds);
  const unique = entrants.filter((id, i) => i === 0 || entrants[i - 1] !== id);
  const reviews = input.reviews.filter((r) => r.stageId === stage.id);
  const byApp = groupBy(reviews, (r) => r.applicationId);
  const std = stage.standardise && (stage.method === 'criteria_scoring' || stage.method === 'presentation');
  const scored = reviews.flatMap((r) =>
    r.score === null ? [] : [{ reviewerId: r.reviewerId, applicationId: r.applicationId, score: r.score }],
  );
  const standardisation = std ? standardise(scored) : null;
  const stdByApp = groupBy(standardisation?.scores ?? [], (s) => s.applicationId);
  const peer =
    stage.method === 'peer'
      ? new Map(
          peerScores(
            peerRatings(
              input.peerMarks.filter((m) => m.stageId === stage.id),
              stage.peerMode ?? 'rank',
            ),
            stage.peerMode ?? 'rank',
          ).map((p) => [p.targetId, p]),
        )
      : null;

  const stageResults = unique.map((applicationId): StageResult => {
    const own = byApp.get(applicationId) ?? [];
    const values = own.flatMap((r) => (r.score === null ? [] : [r.score]));
    const gate =
      stage.method === 'gate'
        ? gateOutcome(
            own.map((r) => r.failedVetoes),
            stage.vetoRule,
          )
        : null;
    let count = own.length;
    let score = stage.method === 'gate' ? null : stageScore(stage.aggregation, values);
    let standardisedScore = score;
    if (peer) {
      const p = peer.get(applicationId);
      count = p?.count ?? 0;
      score = standardisedScore = p ? settle(p.score) : null;
    } else if (standardisation) {
      standardisedScore = stageScore(
        stage.aggregation,
        (stdByApp.get(applicationId) ?? []).map((s) => s.standardised),
      );
    }
    return {
      stageId: stage.id,
      applicationId,
      count,
      score,
      standardisedScore,
      spread: spread(values),
      sd: populationSd(values),
      gatePassed: gate?.passed ?? null,
      failedVetoes: gate?.failedVetoes ?? [],
      belowMinimum: count < stage.minReviews,
    };
  });
  return {
    stageResults,
    standardisation: standardisation
      ? [{ stageId: stage.id, stage: standardisation.stage, reviewers: standardisation.reviewers }]
      : [],
  };
}

/** Evaluate a campaign (see the file header). Total: empty inputs give empty results. */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const stages = [...input.stages].sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
  const perStage = stages.map((s) => stageResultsOf(s, input));
  const stageResults = perStage.flatMap((p) => p.stageResults);
  const results = new Map(stageResults.map((r) => [`${r.stageId}|${r.applicationId}`, r]));
  const weighted = stages.filter((s) => s.weight > 0 && s.method !== 'gate');
  const lastWeighted = weighted[weighted.length - 1];
  const applies = (s: StageSpec, track: string) => s.tracks.length === 0 || s.tracks.includes(track);

  const totals = [...input.applications]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((app): EvaluationTotal => {
      const taken = weighted.flatMap((s) => {
        const r = results.get(`${s.id}|${app.id}`);
        return r && r.score !== null ? [{ stage: s, result: r }] : [];
      });
      const last = lastWeighted ? results.get(`${lastWeighted.id}|${app.id}`) : undefined;
      return {
        applicationId: app.id,
        track: app.track,
        kind: app.kind,
        final: finalScore(taken.map((t) => ({ weight: t.stage.weight, score: t.result.score! }))),
        finalStandardised: finalScore(
          taken.map((t) => ({ weight: t.stage.weight, score: t.result.standardisedScore! })),
        ),
        lastStageScore: last?.score ?? null,
        lastStageStandardised: last?.standardisedScore ?? null,
        countedReviews: taken.reduce((n, t) => n + t.result.count, 0),
        gatesPassed: stages
          .filter((s) => s.method === 'gate' && applies(s, app.track))
          .every((s) => results.get(`${s.id}|${app.id}`)?.gatePassed === true),
        submittedAt: app.submittedAt,
      };
    });

  const rows = (standardised: boolean): RankInput[] =>
    totals.map((t) => ({
      applicationId: t.applicationId,
      track: t.track,
      kind: t.kind,
      final: standardised ? t.finalStandardised : t.final,
      lastStageScore: standardised ? t.lastStageStandardised : t.lastStageScore,
      countedReviews: t.countedReviews,
      submittedAt: t.submittedAt,
    }));
  return {
    stageResults,
    standardisation: perStage.flatMap((p) => p.standardisation),
    totals,
    ranking: { raw: rankAll(rows(false)), standardised: rankAll(rows(true)) },
  };
}
