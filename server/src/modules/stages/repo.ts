/**
 * Queries of the stages module: the stages of a campaign (locked while they change), their entrants
 * (rows of `stage_results`, which this module inserts when a stage opens; the results module writes
 * their scores). Reading other modules' data goes through their queries.ts.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { reviews, stageResults, stages } from '../../db/schema';
import type { EntryRule } from '../../../../shared/src/domain/stages';

/** A stage row (queries.ts re-exports it for other modules). */
export type StageRow = typeof stages.$inferSelect;
export type NewStageRow = typeof stages.$inferInsert;
export type StageResultRow = typeof stageResults.$inferSelect;

/** A campaign's stages by position, locked FOR UPDATE. */
export function lockStages(db: DbOrTx, campaignId: string): Promise<StageRow[]> {
  return db
    .select()
    .from(stages)
    .where(eq(stages.campaignId, campaignId))
    .orderBy(asc(stages.position))
    .for('update');
}

export async function insertStages(db: DbOrTx, values: NewStageRow[]): Promise<StageRow[]> {
  if (values.length === 0) return [];
  return db.insert(stages).values(values).returning();
}

/** Updates a stage if it still has `version` (bumping it); null when it changed first. */
export async function updateStage(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<Omit<NewStageRow, 'id' | 'campaignId' | 'version'>> & { updatedAt: Date },
): Promise<StageRow | null> {
  const [row] = await db
    .update(stages)
    .set({ ...set, version: version + 1 })
    .where(and(eq(stages.id, id), eq(stages.version, version)))
    .returning();
  return row ?? null;
}

export async function deleteStage(db: DbOrTx, id: string): Promise<void> {
  await db.delete(stages).where(eq(stages.id, id));
}

/**
 * Gives the stages `ids` the positions 1, 2, … in that order (moved out of the way first, so the unique
 * (campaign, position) never sees two at once). The stages in `moved` get a new version.
 */
export async function setPositions(
  db: DbOrTx,
  campaignId: string,
  ids: readonly string[],
  moved: ReadonlySet<string>,
  now: Date,
): Promise<void> {
  await db
    .update(stages)
    .set({ position: sql`-${stages.position}` })
    .where(eq(stages.campaignId, campaignId));
  for (const [i, id] of ids.entries())
    await db
      .update(stages)
      .set(
        moved.has(id)
          ? { position: i + 1, version: sql`${stages.version} + 1`, updatedAt: now }
          : { position: i + 1 },
      )
      .where(eq(stages.id, id));
}

/** Moves every stage of the campaign `by` places down (each gets a new version). */
export async function shiftPositions(db: DbOrTx, campaignId: string, by: number, now: Date): Promise<void> {
  await db
    .update(stages)
    .set({
      position: sql`-(${stages.position} + ${by})`,
      version: sql`${stages.version} + 1`,
      updatedAt: now,
    })
    .where(eq(stages.campaignId, campaignId));
  await db
    .update(stages)
    .set({ position: sql`-${stages.position}` })
    .where(and(eq(stages.campaignId, campaignId), sql`${stages.position} < 0`));
}

/** Sets a stage's entry rule (its version already moved with the same change). */
export async function setEntry(db: DbOrTx, id: string, entry: EntryRule): Promise<void> {
  await db.update(stages).set({ entry }).where(eq(stages.id, id));
}

/** How many applications entered each stage. */
export async function entrantCounts(db: DbOrTx, stageIds: readonly string[]): Promise<Map<string, number>> {
  if (stageIds.length === 0) return new Map();
  const rows = await db
    .select({ stageId: stageResults.stageId, n: count() })
    .from(stageResults)
    .where(inArray(stageResults.stageId, [...stageIds]))
    .groupBy(stageResults.stageId);
  return new Map(rows.map((r) => [r.stageId, r.n]));
}

/** The entrants (and their results so far) of these stages. */
export function resultsOf(db: DbOrTx, stageIds: readonly string[]): Promise<StageResultRow[]> {
  if (stageIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(stageResults)
    .where(inArray(stageResults.stageId, [...stageIds]))
    .orderBy(asc(stageResults.stageId), asc(stageResults.applicationId));
}

export async function insertEntrants(db: DbOrTx, rows: (typeof stageResults.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(stageResults).values(rows.slice(i, i + 1000));
}

/**
 * What keeps a stage from being complete: entrants with fewer counted reviews than `minReviews`, and
 * reviews saved but not locked; each in id order.
 */
export async function closeGaps(db: DbOrTx, stageId: string, minReviews: number) {
  const [short, unlocked] = await Promise.all([
    db
      .select({ applicationId: stageResults.applicationId, counted: stageResults.reviewCount })
      .from(stageResults)
      .where(and(eq(stageResults.stageId, stageId), sql`${stageResults.reviewCount} < ${minReviews}`))
      .orderBy(asc(stageResults.applicationId)),
    db
      .select({ id: reviews.id, applicationId: reviews.applicationId })
      .from(reviews)
      .where(and(eq(reviews.stageId, stageId), eq(reviews.status, 'draft')))
      .orderBy(asc(reviews.id)),
  ]);
  return { short, unlocked };
}
