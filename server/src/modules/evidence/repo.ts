/**
 * Queries of the evidence module. Scope is always the scope of the evidence's application: `unit` = the
 * application's unit, `org` = the application's organisation (the applicant's own). Loading an
 * application for a write is the applications module's `loadForWrite`.
 */
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { applications, criteria, evidenceFiles } from '../../db/schema';
import type { Scope } from '../../core/context';
import type { EvidenceFile } from '../../../../shared/src/contracts/evidence';

export type EvidenceRow = typeof evidenceFiles.$inferSelect;
export type NewEvidenceRow = typeof evidenceFiles.$inferInsert;

export function applicationScopeWhere(scope: Scope): SQL | undefined {
  if (scope.kind === 'unit') return eq(applications.unitId, scope.unitId);
  if (scope.kind === 'org') return eq(applications.organizationId, scope.orgId);
  // Only `all` is unfiltered: any other kind (a reviewer's `self`) sees nothing here.
  return scope.kind === 'all' ? undefined : sql`false`;
}

/** Whether a criterion belongs to a standard version. */
export async function criterionInVersion(db: DbOrTx, criterionId: string, versionId: string) {
  const [row] = await db
    .select({ id: criteria.id })
    .from(criteria)
    .where(and(eq(criteria.id, criterionId), eq(criteria.standardVersionId, versionId)))
    .limit(1);
  return !!row;
}

/** Live (not deleted) files of an application: how many and how many bytes. */
export async function usage(db: DbOrTx, applicationId: string): Promise<{ files: number; bytes: number }> {
  const [row] = await db
    .select({ files: count(), bytes: sql<string>`coalesce(sum(${evidenceFiles.sizeBytes}), 0)` })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.applicationId, applicationId), isNull(evidenceFiles.deletedAt)));
  return { files: row!.files, bytes: Number(row!.bytes) };
}

export async function insertEvidence(db: DbOrTx, values: NewEvidenceRow): Promise<EvidenceRow> {
  const [row] = await db.insert(evidenceFiles).values(values).returning();
  return row!;
}

/** A live evidence file whose application is in `scope`, with the application's status; optionally locked. */
export async function findEvidence(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock?: 'update',
): Promise<(EvidenceRow & { applicationStatus: string }) | null> {
  const q = db
    .select({ file: evidenceFiles, applicationStatus: applications.status })
    .from(evidenceFiles)
    .innerJoin(applications, eq(applications.id, evidenceFiles.applicationId))
    .where(and(eq(evidenceFiles.id, id), isNull(evidenceFiles.deletedAt), applicationScopeWhere(scope)))
    .limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ? { ...row.file, applicationStatus: row.applicationStatus } : null;
}

export async function markDeleted(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(evidenceFiles).set({ deletedAt: at }).where(eq(evidenceFiles.id, id));
}

/** The live files of one application, oldest first. */
export async function listLive(db: DbOrTx, applicationId: string): Promise<EvidenceRow[]> {
  return db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.applicationId, applicationId), isNull(evidenceFiles.deletedAt)))
    .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id));
}

/** The live files of several applications (the caller checked their scope), oldest first. */
export async function listLiveOf(db: DbOrTx, applicationIds: readonly string[]): Promise<EvidenceRow[]> {
  if (applicationIds.length === 0) return [];
  return db
    .select()
    .from(evidenceFiles)
    .where(and(inArray(evidenceFiles.applicationId, [...applicationIds]), isNull(evidenceFiles.deletedAt)))
    .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id));
}

export function toContract(r: EvidenceRow): EvidenceFile {
  return {
    id: r.id,
    applicationId: r.applicationId,
    criterionId: r.criterionId,
    originalName: r.originalName,
    mediaType: r.mediaType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
    hasThumbnail: r.thumbKey !== null,
    uploadedBy: r.uploadedBy,
    createdAt: r.createdAt.toISOString(),
  };
}
