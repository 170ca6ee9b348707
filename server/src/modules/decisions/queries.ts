/**
 * What other modules read of the decision (they never import this module's repo): whether a campaign's
 * decision exists and is confirmed (the campaign's moves to publicity and closed need it confirmed).
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { decisionLines, decisions } from '../../db/schema';
import { groupKind, wholeTracks } from './checks';
import { quotas } from './repo';

/** The status of the campaign's decision, or null when it has none. */
export async function decisionStatus(db: DbOrTx, campaignId: string): Promise<'draft' | 'confirmed' | null> {
  const [row] = await db
    .select({ status: decisions.status })
    .from(decisions)
    .where(eq(decisions.campaignId, campaignId));
  return row?.status ?? null;
}

/** The campaign's decision (id and status) and its lines' choices and ranks: publicity lists and substitutes from them. */
export async function decisionWithLines(db: DbOrTx, campaignId: string) {
  const [d] = await db
    .select({ id: decisions.id, status: decisions.status })
    .from(decisions)
    .where(eq(decisions.campaignId, campaignId));
  if (!d) return null;
  const lines = await db
    .select({
      applicationId: decisionLines.applicationId,
      trackCode: decisionLines.trackCode,
      orgKind: decisionLines.orgKind,
      rank: decisionLines.rank,
      selected: decisionLines.selected,
    })
    .from(decisionLines)
    .where(eq(decisionLines.decisionId, d.id));
  // The quota group of each line: its track and kind, or its track alone under a whole-track quota
  // (venues: one quota for the track, so the next ranked venue is the next one of any kind).
  const whole = wholeTracks(await quotas(db, campaignId));
  return {
    ...d,
    lines: lines.map((l) => ({ ...l, group: `${l.trackCode}/${groupKind(whole, l.trackCode, l.orgKind)}` })),
  };
}
