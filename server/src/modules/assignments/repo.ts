/** Rows of stage panels, assignments and their pending reviews. */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  assignments,
  organizations,
  reviews,
  stageResults,
  stageReviewers,
  stages,
  users,
} from '../../db/schema';

export async function panelRows(db: DbOrTx, stageId: string) {
  return db
    .select({
      reviewerId: stageReviewers.reviewerId,
      drawId: stageReviewers.drawId,
      addedAt: stageReviewers.addedAt,
    })
    .from(stageReviewers)
    .where(eq(stageReviewers.stageId, stageId))
    .orderBy(asc(stageReviewers.addedAt), asc(stageReviewers.reviewerId));
}

export async function loadsOf(db: DbOrTx, stageId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ reviewerId: assignments.reviewerId, n: count() })
    .from(assignments)
    .where(eq(assignments.stageId, stageId))
    .groupBy(assignments.reviewerId);
  return new Map(rows.map((r) => [r.reviewerId, r.n]));
}

export async function addPanel(
  db: DbOrTx,
  rows: { stageId: string; reviewerId: string; drawId: string | null; addedAt: Date }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const out = await db.insert(stageReviewers).values(rows).onConflictDoNothing().returning();
  return out.length;
}

export async function removePanel(db: DbOrTx, stageId: string, reviewerId: string): Promise<boolean> {
  const rows = await db
    .delete(stageReviewers)
    .where(and(eq(stageReviewers.stageId, stageId), eq(stageReviewers.reviewerId, reviewerId)))
    .returning();
  return rows.length === 1;
}

/** The stage's entrants (its `stage_results` rows) with their organisation, by application id. */
export function entrants(db: DbOrTx, stageId: string) {
  return db
    .select({
      id: applications.id,
      campaignId: applications.campaignId,
      unitId: applications.unitId,
      organizationName: organizations.name,
    })
    .from(stageResults)
    .innerJoin(applications, eq(applications.id, stageResults.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(eq(stageResults.stageId, stageId))
    .orderBy(asc(applications.id));
}

export async function entrant(db: DbOrTx, stageId: string, applicationId: string) {
  const [r] = await db
    .select({
      id: applications.id,
      unitId: applications.unitId,
      organizationName: organizations.name,
    })
    .from(stageResults)
    .innerJoin(applications, eq(applications.id, stageResults.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(and(eq(stageResults.stageId, stageId), eq(stageResults.applicationId, applicationId)));
  return r ?? null;
}

/** The stage's assignments with names and review status, by organisation then reviewer. */
export function stageAssignments(db: DbOrTx, stageId: string) {
  return db
    .select({
      id: assignments.id,
      stageId: assignments.stageId,
      applicationId: assignments.applicationId,
      organizationName: organizations.name,
      unitId: assignments.unitId,
      reviewerId: assignments.reviewerId,
      reviewerName: users.displayName,
      reviewerUsername: users.username,
      source: assignments.source,
      drawId: assignments.drawId,
      reviewStatus: sql<'pending' | 'draft' | 'locked'>`coalesce(${reviews.status}, 'pending')`,
      createdAt: assignments.createdAt,
    })
    .from(assignments)
    .innerJoin(applications, eq(applications.id, assignments.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .innerJoin(users, eq(users.id, assignments.reviewerId))
    .leftJoin(reviews, eq(reviews.id, assignments.id))
    .where(eq(assignments.stageId, stageId))
    .orderBy(asc(organizations.name), asc(applications.id), asc(users.displayName), asc(users.id));
}

export type NewAssignment = {
  stageId: string;
  campaignId: string;
  applicationId: string;
  reviewerId: string;
  unitId: string;
  drawId: string | null;
  source: 'manual' | 'auto' | 'import';
  createdBy: string;
  createdAt: Date;
};

/** Inserts assignments and their pending reviews (a review's id is its assignment's id). */
export async function insertAssignments(db: DbOrTx, rows: NewAssignment[]) {
  if (rows.length === 0) return [];
  const out = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const inserted = await db.insert(assignments).values(chunk).returning();
    await db.insert(reviews).values(
      inserted.map((a) => ({
        id: a.id,
        stageId: a.stageId,
        applicationId: a.applicationId,
        reviewerId: a.reviewerId,
        unitId: a.unitId,
        status: 'pending' as const,
        updatedAt: a.createdAt,
      })),
    );
    out.push(...inserted);
  }
  return out;
}

export async function findAssignment(db: DbOrTx, id: string, lock = false) {
  const q = db
    .select({
      id: assignments.id,
      stageId: assignments.stageId,
      applicationId: assignments.applicationId,
      reviewerId: assignments.reviewerId,
      unitId: assignments.unitId,
      reviewStatus: reviews.status,
    })
    .from(assignments)
    .leftJoin(reviews, eq(reviews.id, assignments.id))
    .where(eq(assignments.id, id));
  const [r] = await (lock ? q.for('update', { of: assignments }) : q);
  return r ?? null;
}

/** Deletes an assignment and its review while the review is still pending. */
export async function deletePendingAssignment(db: DbOrTx, id: string): Promise<boolean> {
  const gone = await db
    .delete(reviews)
    .where(and(eq(reviews.id, id), eq(reviews.status, 'pending')))
    .returning({ id: reviews.id });
  if (gone.length === 0) return false;
  await db.delete(assignments).where(eq(assignments.id, id));
  return true;
}

export async function pairExists(db: DbOrTx, stageId: string, applicationId: string, reviewerId: string) {
  const [r] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(
        eq(assignments.stageId, stageId),
        eq(assignments.applicationId, applicationId),
        eq(assignments.reviewerId, reviewerId),
      ),
    );
  return r !== undefined;
}

export function existingPairs(db: DbOrTx, stageId: string) {
  return db
    .select({ applicationId: assignments.applicationId, reviewerId: assignments.reviewerId })
    .from(assignments)
    .where(eq(assignments.stageId, stageId));
}

/** A reviewer's own assignments with stage and application (the caller hides identity on blind stages). */
export function myAssignments(db: DbOrTx, reviewerId: string) {
  return db
    .select({
      id: assignments.id,
      stageId: stages.id,
      stageNameZh: stages.nameZh,
      stageNameEn: stages.nameEn,
      stageStatus: stages.status,
      opensAt: stages.opensAt,
      closesAt: stages.closesAt,
      blind: stages.blind,
      applicationId: applications.id,
      trackCode: applications.trackCode,
      organizationName: organizations.name,
      brandName: applications.brandName,
      reviewStatus: sql<'pending' | 'draft' | 'locked'>`coalesce(${reviews.status}, 'pending')`,
    })
    .from(assignments)
    .innerJoin(stages, eq(stages.id, assignments.stageId))
    .innerJoin(applications, eq(applications.id, assignments.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(reviews, eq(reviews.id, assignments.id))
    .where(eq(assignments.reviewerId, reviewerId))
    .orderBy(asc(stages.closesAt), asc(stages.position), asc(assignments.createdAt), asc(assignments.id));
}

/** Reviewer accounts by username. */
export async function reviewersByUsername(db: DbOrTx, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(eq(users.role, 'reviewer'), sql`${users.username} = any(${sql.param(names)}::text[])`));
  return new Map(rows.map((r) => [r.username, r.id]));
}
