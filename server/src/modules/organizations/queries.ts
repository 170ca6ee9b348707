/**
 * What other modules may use of the organisation tree (they never import `repo.ts`): one organisation
 * within a scope, and the tree lock that writes which depend on the tree's shape take.
 */
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../core/context';
import * as repo from './repo';
import { findByCodes } from './import-repo';

export type { OrgRow } from './repo';

/** The organisation `id` if `scope` covers it, else null; optionally locked `for update|share`. */
export function findOrganizationInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock?: 'update' | 'share',
): Promise<repo.OrgRow | null> {
  return repo.findInScope(db, scope, id, lock);
}

/**
 * The tree-wide advisory lock of this transaction: `shared` for writes that need a node to stay where
 * it is (a venue, a cultivation), `exclusive` for moves.
 */
export function lockTree(db: DbOrTx, mode: 'shared' | 'exclusive'): Promise<void> {
  return repo.lockTree(db, mode);
}

/** The organisations with any of these codes, by code (imports of other modules name organisations so). */
export function findOrganizationsByCodes(db: DbOrTx, codes: string[]) {
  return findByCodes(db, codes);
}
