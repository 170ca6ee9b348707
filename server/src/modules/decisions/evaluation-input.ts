/**
 * The raw data of a campaign's evaluation, read-only, as the pure `evaluate` takes it
 * (`EvaluationInput`): the stages, the applications in the decision, every stage's entrants
 * (`stage_results` rows), every counted review (locked, and its reviewer not conflicted: derived and not
 * overridden, or declared) and every submitted peer sheet. The draft's proposal and the frozen snapshot
 * are both computed from it, so they cannot disagree. Every list is sorted by its ids, so equal data give
 * an equal snapshot whatever order the database answers in.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { applications, peerSheets, reviews, stageResults, stages } from '../../db/schema';
import { conflictStatuses } from '../reviewers/queries';
import {
  conflictKey,
  type CountedReview,
  type EvaluationInput,
  type PeerMark,
} from '../../../../shared/src/domain/evaluation';
import { groupKind, wholeTracks, type QuotaRow } from './checks';

const CHUNK = 2000;

export async function loadEvaluationInput(
  db: DbOrTx,
  campaignId: string,
  applicationIds: readonly string[],
  quotas: readonly QuotaRow[],
): Promise<EvaluationInput> {
  const stageRows = await db
    .select()
    .from(stages)
    .where(eq(stages.campaignId, campaignId))
    .orderBy(asc(stages.position));
  const stageIds = stageRows.map((s) => s.id);
  const whole = wholeTracks(quotas);
  const apps: EvaluationInput['applications'][number][] = [];
  for (let i = 0; i < applicationIds.length; i += CHUNK) {
    const rows = await db
      .select({
        id: applications.id,
        track: applications.trackCode,
        orgKind: applications.orgKind,
        submittedAt: applications.submittedAt,
      })
      .from(applications)
      .where(inArray(applications.id, applicationIds.slice(i, i + CHUNK)));
    for (const a of rows)
      apps.push({
        id: a.id,
        track: a.track,
        kind: groupKind(whole, a.track, a.orgKind),
        submittedAt: a.submittedAt?.toISOString() ?? null,
      });
  }
  if (stageIds.length === 0)
    return { stages: [], applications: apps, entrants: [], reviews: [], peerMarks: [] };

  const entrants = await db
    .select({ stageId: stageResults.stageId, applicationId: stageResults.applicationId })
    .from(stageResults)
    .where(inArray(stageResults.stageId, stageIds));
  const locked = await db
    .select({
      stageId: reviews.stageId,
      applicationId: reviews.applicationId,
      reviewerId: reviews.reviewerId,
      score: reviews.score,
      vetoes: reviews.vetoes,
    })
    .from(reviews)
    .where(and(inArray(reviews.stageId, stageIds), eq(reviews.status, 'locked')));
  const conflicted = new Set<string>();
  for (let i = 0; i < locked.length; i += CHUNK) {
    const statuses = await conflictStatuses(db, locked.slice(i, i + CHUNK));
    for (const [key, s] of statuses) if (s.conflicted) conflicted.add(key);
  }
  const counted: CountedReview[] = locked
    .filter((r) => !conflicted.has(conflictKey(r.reviewerId, r.applicationId)))
    .map((r) => ({
      stageId: r.stageId,
      applicationId: r.applicationId,
      reviewerId: r.reviewerId,
      score: r.score,
      failedVetoes: Object.entries(r.vetoes)
        .filter(([, passed]) => passed === false)
        .map(([item]) => item)
        .sort(),
    }));

  const peerStages = new Map(stageRows.filter((s) => s.method === 'peer').map((s) => [s.id, s.peerMode]));
  const peerMarks: PeerMark[] = [];
  if (peerStages.size > 0) {
    const sheets = await db
      .select({
        stageId: peerSheets.stageId,
        raterId: peerSheets.raterApplicationId,
        ranking: peerSheets.ranking,
        scores: peerSheets.scores,
      })
      .from(peerSheets)
      .where(and(inArray(peerSheets.stageId, [...peerStages.keys()]), eq(peerSheets.status, 'locked')));
    for (const s of sheets) {
      if (peerStages.get(s.stageId) === 'score')
        for (const [targetId, value] of Object.entries(s.scores))
          peerMarks.push({ stageId: s.stageId, raterId: s.raterId, targetId, value });
      else
        s.ranking.forEach((targetId, i) =>
          peerMarks.push({ stageId: s.stageId, raterId: s.raterId, targetId, value: i + 1 }),
        );
    }
  }

  const byKeys =
    <T>(...keys: ((x: T) => string | number)[]) =>
    (a: T, b: T) => {
      for (const k of keys) {
        const x = k(a);
        const y = k(b);
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
  apps.sort(byKeys((a) => a.id));
  entrants.sort(
    byKeys(
      (e) => e.stageId,
      (e) => e.applicationId,
    ),
  );
  counted.sort(
    byKeys(
      (r) => r.stageId,
      (r) => r.applicationId,
      (r) => r.reviewerId,
    ),
  );
  peerMarks.sort(
    byKeys(
      (m) => m.stageId,
      (m) => m.raterId,
      (m) => m.targetId,
    ),
  );
  return {
    stages: stageRows.map((s) => ({
      id: s.id,
      position: s.position,
      method: s.method,
      weight: s.weight,
      aggregation: s.aggregation,
      standardise: s.standardise,
      minReviews: s.minReviews,
      tracks: s.tracks,
      peerMode: s.method === 'peer' ? s.peerMode : null,
      vetoRule: s.vetoRule,
    })),
    applications: apps,
    entrants,
    reviews: counted,
    peerMarks,
  };
}
