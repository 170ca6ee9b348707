/**
 * What other modules read of a campaign (they never import this module's repo): the frame the stages
 * work in — its status, review period and track codes — locked when they change the campaign's stages.
 */
import type { DbOrTx } from '../../db/client';
import type { CampaignStatus } from '../../../../shared/src/domain/application-workflow';
import * as repo from './repo';

export interface CampaignFrameRow {
  id: string;
  status: CampaignStatus;
  reviewStartsAt: Date;
  reviewEndsAt: Date;
  /** The campaign's track codes, in the tracks' order. */
  tracks: string[];
}

/** The campaign's frame, or null; `lock` takes the campaign row FOR UPDATE (one stage change at a time). */
export async function campaignFrame(
  db: DbOrTx,
  id: string,
  lock?: 'update',
): Promise<CampaignFrameRow | null> {
  const row = await repo.findCampaign(db, id, lock);
  if (!row) return null;
  const tracks = (await repo.loadTracks(db, id)).map((t) => t.track);
  return {
    id: row.id,
    status: row.status,
    reviewStartsAt: row.reviewStartsAt,
    reviewEndsAt: row.reviewEndsAt,
    tracks,
  };
}
