/**
 * The peer stage's scores in `stage_results` — the one place they are written, so that moving to the
 * results module's refresh is one call; each member's totals are refreshed with it. A member's score is the mean of the Borda points (rank mode) or
 * the trimmed mean of the scores (score mode) its group's submitted sheets gave it (evaluation-maths §3).
 */
import type { PeerMode } from '../../../../shared/src/domain/stages';
import {
  peerScores,
  populationSd,
  rankingsToRatings,
  settle,
  spread,
  type PeerRating,
} from '../../../../shared/src/domain/evaluation';
import type { DbOrTx } from '../../db/client';
import { refreshTotals } from '../results/queries';
import { membersOf, sheetsOf, writeStageResult, type SheetRow } from './repo';

/** The ratings of the submitted (locked) sheets: Borda points of each ranking, or the scores given. */
export function ratingsOf(sheets: readonly SheetRow[], mode: PeerMode): PeerRating[] {
  const locked = sheets.filter((s) => s.status === 'locked');
  if (mode === 'rank') {
    return rankingsToRatings(locked.map((s) => ({ raterId: s.raterApplicationId, ranking: s.ranking })));
  }
  return locked.flatMap((s) =>
    Object.entries(s.scores).map(([targetId, value]) => ({ raterId: s.raterApplicationId, targetId, value })),
  );
}

/** Recomputes the peer scores of one group's members into their `stage_results` rows. */
export async function refreshPeerScores(
  tx: DbOrTx,
  stage: { id: string; peerMode: PeerMode },
  groupId: string,
  now: Date,
): Promise<void> {
  const [members, sheets] = await Promise.all([membersOf(tx, { groupId }), sheetsOf(tx, { groupId })]);
  const ratings = ratingsOf(sheets, stage.peerMode);
  const scores = new Map(peerScores(ratings, stage.peerMode).map((p) => [p.targetId, p]));
  for (const m of members) {
    const p = scores.get(m.applicationId);
    const values = ratings.filter((r) => r.targetId === m.applicationId).map((r) => r.value);
    await writeStageResult(tx, stage.id, m.applicationId, {
      score: p ? settle(p.score) : null,
      reviewCount: p?.count ?? 0,
      spread: p ? settle(spread(values)!) : null,
      sd: p ? settle(populationSd(values)!) : null,
      updatedAt: now,
    });
    // The member's final score (Σ weight × stage score) takes the peer stage in at once.
    await refreshTotals(tx, m.applicationId, now);
  }
}
