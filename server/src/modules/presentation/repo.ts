/** Presentation sessions and presenters, and the panel's assignments and reviews of a session's presenters. */
import { and, arrayContains, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  assignments,
  draws,
  organizations,
  presentationSessions,
  reviews,
  sessionPresenters,
  stageResults,
  stages,
  users,
} from '../../db/schema';

export type SessionRow = typeof presentationSessions.$inferSelect;

export async function getSession(db: DbOrTx, id: string, lock = false): Promise<SessionRow | null> {
  const q = db.select().from(presentationSessions).where(eq(presentationSessions.id, id));
  const [row] = await (lock ? q.for('update') : q);
  return row ?? null;
}

export function sessionsOf(db: DbOrTx, stageId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(presentationSessions)
    .where(eq(presentationSessions.stageId, stageId))
    .orderBy(asc(presentationSessions.name));
}

/** The sessions whose panel includes a reviewer (every session for null), with their stage's names. */
export function sessionsOfPanel(db: DbOrTx, reviewerId: string | null) {
  return db
    .select({
      session: presentationSessions,
      stageNameZh: stages.nameZh,
      stageNameEn: stages.nameEn,
      stageStatus: stages.status,
    })
    .from(presentationSessions)
    .innerJoin(stages, eq(stages.id, presentationSessions.stageId))
    .where(reviewerId ? arrayContains(presentationSessions.panel, [reviewerId]) : undefined)
    .orderBy(desc(presentationSessions.updatedAt))
    .limit(200);
}

export function presentersOf(db: DbOrTx, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(sessionPresenters)
    .where(inArray(sessionPresenters.sessionId, [...sessionIds]));
}

export function entrantsOf(db: DbOrTx, stageId: string) {
  return db
    .select({
      applicationId: stageResults.applicationId,
      unitId: stageResults.unitId,
      score: stageResults.score,
    })
    .from(stageResults)
    .where(eq(stageResults.stageId, stageId));
}

export async function names(db: DbOrTx, applicationIds: readonly string[]): Promise<Map<string, string>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .select({ id: applications.id, name: organizations.name })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(inArray(applications.id, [...applicationIds]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function reviewerAccounts(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: users.id, name: users.displayName, role: users.role, disabled: users.disabled })
    .from(users)
    .where(inArray(users.id, [...ids]));
}

/** The panel's reviews of the given presenters in the stage (one per assignment). */
export function panelReviews(db: DbOrTx, stageId: string, applicationIds: readonly string[], lock = false) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  const q = db
    .select()
    .from(reviews)
    .where(and(eq(reviews.stageId, stageId), inArray(reviews.applicationId, [...applicationIds])));
  return lock ? q.for('update') : q;
}

export async function insertDraw(tx: DbOrTx, row: typeof draws.$inferInsert): Promise<string> {
  const [d] = await tx.insert(draws).values(row).returning({ id: draws.id });
  return d!.id;
}

export async function getDraw(db: DbOrTx, id: string) {
  const [row] = await db.select().from(draws).where(eq(draws.id, id));
  return row ?? null;
}

export async function insertSession(tx: DbOrTx, row: typeof presentationSessions.$inferInsert) {
  const [s] = await tx.insert(presentationSessions).values(row).returning();
  return s!;
}

export async function insertPresenters(tx: DbOrTx, rows: (typeof sessionPresenters.$inferInsert)[]) {
  if (rows.length > 0) await tx.insert(sessionPresenters).values(rows);
}

/** An assignment with its pending review for each pair (existing assignments are kept). */
export async function assignPanel(tx: DbOrTx, rows: (typeof assignments.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(assignments).values(rows).onConflictDoNothing();
  const made = await tx
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.stageId, rows[0]!.stageId),
        inArray(assignments.applicationId, [...new Set(rows.map((r) => r.applicationId))]),
        inArray(assignments.reviewerId, [...new Set(rows.map((r) => r.reviewerId))]),
      ),
    );
  await tx
    .insert(reviews)
    .values(
      made.map((a) => ({
        id: a.id,
        stageId: a.stageId,
        applicationId: a.applicationId,
        reviewerId: a.reviewerId,
        unitId: a.unitId,
      })),
    )
    .onConflictDoNothing();
}

export async function updateSession(
  tx: DbOrTx,
  id: string,
  set: Partial<typeof presentationSessions.$inferInsert>,
) {
  const [row] = await tx
    .update(presentationSessions)
    .set(set)
    .where(eq(presentationSessions.id, id))
    .returning();
  return row!;
}

export async function updateReview(tx: DbOrTx, id: string, set: Partial<typeof reviews.$inferInsert>) {
  const [row] = await tx.update(reviews).set(set).where(eq(reviews.id, id)).returning();
  return row!;
}

export async function release(tx: DbOrTx, sessionId: string, applicationId: string, at: Date) {
  await tx
    .update(sessionPresenters)
    .set({ releasedAt: at })
    .where(
      and(eq(sessionPresenters.sessionId, sessionId), eq(sessionPresenters.applicationId, applicationId)),
    );
}

export async function writeResult(
  tx: DbOrTx,
  stageId: string,
  applicationId: string,
  set: Partial<typeof stageResults.$inferInsert>,
) {
  await tx
    .update(stageResults)
    .set(set)
    .where(and(eq(stageResults.stageId, stageId), eq(stageResults.applicationId, applicationId)));
}
