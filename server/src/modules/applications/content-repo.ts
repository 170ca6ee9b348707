/** Queries of an application's content: the criteria of its standard, the self-assessment, evidence, names. */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  type applications,
  criteria,
  evidenceFiles,
  organizations,
  selfAssessments,
  standards,
  standardVersions,
  tracks,
  venues,
} from '../../db/schema';

/** The row type, from the schema (not from `repo.ts`, which re-exports this file). */
type ApplicationRow = typeof applications.$inferSelect;

export async function listCriteria(db: DbOrTx, standardVersionId: string) {
  return db
    .select()
    .from(criteria)
    .where(eq(criteria.standardVersionId, standardVersionId))
    .orderBy(asc(criteria.position));
}

export async function listSelfAssessments(db: DbOrTx, applicationId: string) {
  return db.select().from(selfAssessments).where(eq(selfAssessments.applicationId, applicationId));
}

/** Replaces the self-assessment of the given criteria (one statement: delete then insert). */
export async function saveSelfAssessments(
  db: DbOrTx,
  app: { id: string; unitId: string },
  items: { criterionId: string; score: number | null; note: string | null }[],
): Promise<void> {
  if (items.length === 0) return;
  await db.delete(selfAssessments).where(
    and(
      eq(selfAssessments.applicationId, app.id),
      inArray(
        selfAssessments.criterionId,
        items.map((i) => i.criterionId),
      ),
    ),
  );
  await db
    .insert(selfAssessments)
    .values(items.map((i) => ({ applicationId: app.id, unitId: app.unitId, ...i })));
}

/** The application's evidence files that are not deleted, oldest first. */
export async function listEvidence(db: DbOrTx, applicationId: string) {
  return db
    .select({
      id: evidenceFiles.id,
      criterionId: evidenceFiles.criterionId,
      originalName: evidenceFiles.originalName,
      mediaType: evidenceFiles.mediaType,
      sizeBytes: evidenceFiles.sizeBytes,
      createdAt: evidenceFiles.createdAt,
    })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.applicationId, applicationId), isNull(evidenceFiles.deletedAt)))
    .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id));
}

/** Names and settings the detail page and the dossier show beside the row itself. */
export async function loadContext(db: DbOrTx, app: ApplicationRow) {
  const unit = organizations;
  const [org] = await db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, app.organizationId));
  const [unitRow] = await db
    .select({ id: unit.id, name: unit.name })
    .from(unit)
    .where(eq(unit.id, app.unitId));
  const [track] = await db.select().from(tracks).where(eq(tracks.code, app.trackCode));
  const [standard] = await db
    .select({
      versionId: standardVersions.id,
      code: standards.code,
      nameZh: standards.nameZh,
      nameEn: standards.nameEn,
      version: standardVersions.version,
      totalPoints: standardVersions.totalPoints,
      bonusCap: standardVersions.bonusCap,
    })
    .from(standardVersions)
    .innerJoin(standards, eq(standards.id, standardVersions.standardId))
    .where(eq(standardVersions.id, app.standardVersionId));
  const venue = app.venueId
    ? ((
        await db.select({ id: venues.id, name: venues.name }).from(venues).where(eq(venues.id, app.venueId))
      )[0] ?? null)
    : null;
  return { org: org!, unit: unitRow!, track: track!, standard: standard!, venue };
}
