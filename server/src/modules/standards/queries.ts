/**
 * What campaigns read of tracks and standards (other modules never import `repo.ts`): tracks by code,
 * the versions a campaign uses, and the latest active versions its defaults come from.
 */
import type { DbOrTx } from '../../db/client';
import * as repo from './repo';

export type { TrackRow } from './repo';

/** The tracks with these codes (unknown codes are left out). */
export function findTracks(db: DbOrTx, codes: string[]): Promise<repo.TrackRow[]> {
  return repo.findTracks(db, codes);
}

/** What campaigns show of the versions they use: lineage, code, number and names. */
export function versionsInfo(db: DbOrTx, versionIds: string[]): ReturnType<typeof repo.versionsInfo> {
  return repo.versionsInfo(db, versionIds);
}

/** The latest version of the active standards of some tracks, with their kinds (campaign defaults). */
export function latestActive(db: DbOrTx, trackCodes: string[]): ReturnType<typeof repo.latestActive> {
  return repo.latestActive(db, trackCodes);
}
