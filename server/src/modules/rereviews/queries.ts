/**
 * What other modules may do to re-review rounds: the expiry sweep (titles/service.ts) settles the titles
 * that expired while waiting in a round.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rereviewItems, rereviewRounds } from '../../db/schema';
import { closeRound, undecidedCount } from './repo';

/**
 * The expiry sweep's part: titles of `titleIds` still waiting in an open round get the outcome `expired`,
 * and each open round left with no title waiting closes. Answers the rounds closed.
 */
export async function settleExpired(db: DbOrTx, titleIds: string[], now: Date): Promise<string[]> {
  if (titleIds.length === 0) return [];
  const settled = await db
    .update(rereviewItems)
    .set({ outcome: 'expired', decidedAt: now, reason: '有效期届满' })
    .where(and(inArray(rereviewItems.titleId, titleIds), isNull(rereviewItems.outcome)))
    .returning({ roundId: rereviewItems.roundId });
  const closed: string[] = [];
  for (const roundId of new Set(settled.map((s) => s.roundId))) {
    const [r] = await db.select().from(rereviewRounds).where(eq(rereviewRounds.id, roundId)).for('update');
    if (r?.status === 'open' && (await undecidedCount(db, roundId)) === 0) {
      await closeRound(db, roundId, now);
      closed.push(roundId);
    }
  }
  return closed;
}
