import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  criteria,
  organizations,
  reviewPhotos,
  reviews,
  selfAssessments,
  standardVersions,
  users,
} from '../../db/schema';

export type ReviewRow = typeof reviews.$inferSelect;
export type NewReviewRow = typeof reviews.$inferInsert;
export type PhotoRow = typeof reviewPhotos.$inferSelect;

export async function findReview(db: DbOrTx, id: string, lock?: 'update'): Promise<ReviewRow | null> {
  const q = db.select().from(reviews).where(eq(reviews.id, id));
  const rows = await (lock === 'update' ? q.for('update') : q);
  return rows[0] ?? null;
}

export async function insertReview(db: DbOrTx, values: NewReviewRow): Promise<ReviewRow> {
  const [row] = await db.insert(reviews).values(values).returning();
  return row!;
}

/** Updates when the version still matches; null when it moved on. */
export async function updateReview(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<NewReviewRow>,
): Promise<ReviewRow | null> {
  const [row] = await db
    .update(reviews)
    .set({ ...values, version: version + 1 })
    .where(and(eq(reviews.id, id), eq(reviews.version, version)))
    .returning();
  return row ?? null;
}

/** The application as a reviewer reads it, with its organisation's name and standard version. */
export async function applicationForSheet(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: applications.id,
      campaignId: applications.campaignId,
      trackCode: applications.trackCode,
      orgKind: applications.orgKind,
      unitId: applications.unitId,
      standardVersionId: applications.standardVersionId,
      organizationName: organizations.name,
      brandName: applications.brandName,
      summary: applications.summary,
      features: applications.features,
      practices: applications.practices,
      results: applications.results,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(eq(applications.id, id));
  return row ?? null;
}

export async function selfAssessmentOf(db: DbOrTx, applicationId: string) {
  return db
    .select({
      criterionId: selfAssessments.criterionId,
      score: selfAssessments.score,
      note: selfAssessments.note,
    })
    .from(selfAssessments)
    .where(eq(selfAssessments.applicationId, applicationId));
}

/** A standard version's criteria in order, with its total and bonus cap. */
export async function standardOf(db: DbOrTx, versionId: string) {
  const [version] = await db
    .select({ totalPoints: standardVersions.totalPoints, bonusCap: standardVersions.bonusCap })
    .from(standardVersions)
    .where(eq(standardVersions.id, versionId));
  const items = await db
    .select()
    .from(criteria)
    .where(eq(criteria.standardVersionId, versionId))
    .orderBy(asc(criteria.position));
  return { totalPoints: version?.totalPoints ?? 100, bonusCap: version?.bonusCap ?? 0, criteria: items };
}

/** The other reviews of the same application in the same stage, with the reviewers' names. */
export async function otherReviews(db: DbOrTx, stageId: string, applicationId: string, exceptId: string) {
  return db
    .select({
      id: reviews.id,
      reviewerName: users.displayName,
      status: reviews.status,
      score: reviews.score,
      comment: reviews.comment,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(
      and(eq(reviews.stageId, stageId), eq(reviews.applicationId, applicationId), ne(reviews.id, exceptId)),
    )
    .orderBy(asc(reviews.id));
}

export async function photosOf(db: DbOrTx, reviewId: string): Promise<PhotoRow[]> {
  return db
    .select()
    .from(reviewPhotos)
    .where(and(eq(reviewPhotos.reviewId, reviewId), isNull(reviewPhotos.deletedAt)))
    .orderBy(asc(reviewPhotos.takenAt), asc(reviewPhotos.id));
}

export async function insertPhoto(db: DbOrTx, values: typeof reviewPhotos.$inferInsert): Promise<PhotoRow> {
  const [row] = await db.insert(reviewPhotos).values(values).returning();
  return row!;
}

export async function findPhoto(db: DbOrTx, reviewId: string, photoId: string): Promise<PhotoRow | null> {
  const [row] = await db
    .select()
    .from(reviewPhotos)
    .where(
      and(eq(reviewPhotos.id, photoId), eq(reviewPhotos.reviewId, reviewId), isNull(reviewPhotos.deletedAt)),
    );
  return row ?? null;
}

/** Whether the criterion belongs to the standard version of the application. */
export async function criterionOfApplication(
  db: DbOrTx,
  criterionId: string,
  applicationId: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: criteria.id })
    .from(criteria)
    .innerJoin(applications, eq(applications.standardVersionId, criteria.standardVersionId))
    .where(and(eq(criteria.id, criterionId), eq(applications.id, applicationId)));
  return rows.length > 0;
}
