/** What other modules may read of venues (they never import `repo.ts`). */
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../core/context';
import * as repo from './repo';

export type { VenueRow } from './repo';

/** The venue `id` if `scope` covers it, else null; optionally locked `for update`. */
export function findVenueInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock?: 'update',
): Promise<repo.VenueRow | null> {
  return repo.findVenueInScope(db, scope, id, lock);
}
