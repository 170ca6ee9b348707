/**
 * What other modules may read and do of a publicity (the titles module certifies one): the publicity
 * locked for the certifying transaction, its listed entries, its open objections, and closing it.
 */
import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { objections, publicities, publicityItems } from '../../db/schema';
import { findPublicity, type PublicityRow } from './repo';

export type { PublicityRow };

/** The publicity FOR UPDATE (certifying holds it while the titles are written), or null. */
export function lockPublicity(db: DbOrTx, id: string): Promise<PublicityRow | null> {
  return findPublicity(db, id, 'update');
}

/** The applications still listed (not struck) on a publicity. */
export async function listedApplicationIds(db: DbOrTx, publicityId: string): Promise<string[]> {
  const rows = await db
    .select({ id: publicityItems.applicationId })
    .from(publicityItems)
    .where(and(eq(publicityItems.publicityId, publicityId), eq(publicityItems.status, 'listed')))
    .orderBy(publicityItems.trackCode, publicityItems.orgKind, publicityItems.rank, publicityItems.id);
  return rows.map((r) => r.id);
}

/** How many of a publicity's objections are not closed. */
export async function openObjectionCount(db: DbOrTx, publicityId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(objections)
    .where(and(eq(objections.publicityId, publicityId), ne(objections.status, 'closed')));
  return row?.n ?? 0;
}

/** Closes a publicity once its list is certified. */
export async function closePublicity(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db
    .update(publicities)
    .set({ status: 'closed', version: sql`${publicities.version} + 1`, updatedAt: now })
    .where(eq(publicities.id, id));
}
