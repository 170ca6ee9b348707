/** What other modules read of assignments (they never import this module's repo). */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { assignments } from '../../db/schema';

export type AssignmentRow = typeof assignments.$inferSelect;

/** One assignment (a review's id is its assignment's id), or null. */
export async function getAssignment(db: DbOrTx, id: string): Promise<AssignmentRow | null> {
  const [row] = await db.select().from(assignments).where(eq(assignments.id, id));
  return row ?? null;
}
