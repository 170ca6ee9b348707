/**
 * What other modules read of the decision (they never import this module's repo): whether a campaign's
 * decision exists and is confirmed (the campaign's moves to publicity and closed need it confirmed).
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { decisions } from '../../db/schema';

/** The status of the campaign's decision, or null when it has none. */
export async function decisionStatus(db: DbOrTx, campaignId: string): Promise<'draft' | 'confirmed' | null> {
  const [row] = await db
    .select({ status: decisions.status })
    .from(decisions)
    .where(eq(decisions.campaignId, campaignId));
  return row?.status ?? null;
}
