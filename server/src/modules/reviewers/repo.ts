/** The expert pool's rows: reviewer accounts with their profiles, and the conflict records. */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  assignments,
  conflictOverrides,
  declaredConflicts,
  organizations,
  reviewerProfiles,
  stageResults,
  stageReviewers,
  users,
} from '../../db/schema';
import { likeEscape } from '../../core/sql';

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  disabled: users.disabled,
  createdAt: users.createdAt,
  hasProfile: sql<boolean>`${reviewerProfiles.userId} is not null`,
  affiliationOrgId: reviewerProfiles.affiliationOrgId,
  affiliationOrgName: organizations.name,
  affiliationUnitId: reviewerProfiles.affiliationUnitId,
  externalAffiliation: reviewerProfiles.externalAffiliation,
  title: reviewerProfiles.title,
  expertise: reviewerProfiles.expertise,
  available: reviewerProfiles.available,
  availabilityNote: reviewerProfiles.availabilityNote,
  version: reviewerProfiles.version,
  updatedAt: reviewerProfiles.updatedAt,
};

export type ReviewerRow = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  disabled: boolean;
  createdAt: Date;
  hasProfile: boolean;
  affiliationOrgId: string | null;
  affiliationOrgName: string | null;
  affiliationUnitId: string | null;
  externalAffiliation: string | null;
  title: string | null;
  expertise: string[] | null;
  available: boolean | null;
  availabilityNote: string | null;
  version: number | null;
  updatedAt: Date | null;
};

function base(db: DbOrTx) {
  return db
    .select(columns)
    .from(users)
    .leftJoin(reviewerProfiles, eq(reviewerProfiles.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, reviewerProfiles.affiliationOrgId));
}

export interface ListFilter {
  q?: string;
  tag?: string;
  available?: boolean;
  unitId?: string;
  sort: { key: 'username' | 'displayName' | 'createdAt'; desc: boolean };
  limit: number;
  offset: number;
}

function where(f: Omit<ListFilter, 'sort' | 'limit' | 'offset'>): SQL {
  const conds: (SQL | undefined)[] = [eq(users.role, 'reviewer')];
  if (f.q) {
    const p = `%${likeEscape(f.q)}%`;
    conds.push(
      or(
        ilike(users.username, p),
        ilike(users.displayName, p),
        ilike(reviewerProfiles.externalAffiliation, p),
        ilike(organizations.name, p),
        ilike(reviewerProfiles.title, p),
      ),
    );
  }
  if (f.tag) conds.push(sql`${f.tag} = any(${reviewerProfiles.expertise})`);
  if (f.available !== undefined)
    conds.push(
      f.available
        ? and(sql`coalesce(${reviewerProfiles.available}, true)`, eq(users.disabled, false))
        : or(eq(reviewerProfiles.available, false), eq(users.disabled, true)),
    );
  if (f.unitId) conds.push(eq(reviewerProfiles.affiliationUnitId, f.unitId));
  return and(...conds)!;
}

export async function listReviewers(
  db: DbOrTx,
  f: ListFilter,
): Promise<{ rows: ReviewerRow[]; total: number }> {
  const w = where(f);
  const col = { username: users.username, displayName: users.displayName, createdAt: users.createdAt }[
    f.sort.key
  ];
  const [rows, [t]] = await Promise.all([
    base(db)
      .where(w)
      .orderBy(f.sort.desc ? desc(col) : asc(col), asc(users.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: count() })
      .from(users)
      .leftJoin(reviewerProfiles, eq(reviewerProfiles.userId, users.id))
      .leftJoin(organizations, eq(organizations.id, reviewerProfiles.affiliationOrgId))
      .where(w),
  ]);
  return { rows, total: t!.n };
}

export async function findReviewer(db: DbOrTx, id: string): Promise<ReviewerRow | null> {
  const [row] = await base(db).where(and(eq(users.id, id), eq(users.role, 'reviewer')));
  return row ?? null;
}

/** Reviewers by id (accounts of role reviewer only). */
export function findReviewers(db: DbOrTx, ids: string[]): Promise<ReviewerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return base(db).where(and(sql`${users.id} = any(${sql.param(ids)}::uuid[])`, eq(users.role, 'reviewer')));
}

/** The available, enabled pool (profile `available`, or no profile yet), ordered by id. */
export function availablePool(db: DbOrTx): Promise<ReviewerRow[]> {
  return base(db)
    .where(where({ available: true }))
    .orderBy(asc(users.id));
}

/** Organisations by code, case-insensitive (keys lower-case): for the expert import. */
export async function organizationsByCode(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return new Map<string, { id: string; name: string; active: boolean }>();
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      code: organizations.code,
      active: organizations.active,
    })
    .from(organizations)
    .where(
      inArray(
        sql`lower(${organizations.code})`,
        codes.map((c) => c.toLowerCase()),
      ),
    );
  return new Map(rows.map((r) => [r.code.toLowerCase(), r]));
}

/** Which of these (normalised) user names already have an account. */
export async function takenUsernames(db: DbOrTx, names: string[]): Promise<Set<string>> {
  const wanted = [...new Set(names.filter(Boolean))];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(inArray(users.username, wanted));
  return new Set(rows.map((r) => r.username));
}

export async function findOrganization(db: DbOrTx, id: string) {
  const [r] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      path: organizations.path,
      unitId: organizations.unitId,
      depth: organizations.depth,
      active: organizations.active,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  return r ?? null;
}

export type ProfileValues = Omit<typeof reviewerProfiles.$inferInsert, 'createdAt' | 'version'>;

export async function insertProfile(db: DbOrTx, v: ProfileValues & { createdAt: Date }) {
  await db.insert(reviewerProfiles).values(v);
}

/** Updates the profile at the version seen; null when the version moved on. */
export async function updateProfileAtVersion(
  db: DbOrTx,
  userId: string,
  version: number,
  v: Partial<ProfileValues>,
): Promise<boolean> {
  const rows = await db
    .update(reviewerProfiles)
    .set({ ...v, version: sql`${reviewerProfiles.version} + 1` })
    .where(and(eq(reviewerProfiles.userId, userId), eq(reviewerProfiles.version, version)))
    .returning({ id: reviewerProfiles.userId });
  return rows.length === 1;
}

// Conflict records.

export async function findDeclared(db: DbOrTx, reviewerId: string, applicationId: string) {
  const [r] = await db
    .select()
    .from(declaredConflicts)
    .where(
      and(eq(declaredConflicts.reviewerId, reviewerId), eq(declaredConflicts.applicationId, applicationId)),
    );
  return r ?? null;
}

export async function findDeclaredById(db: DbOrTx, id: string) {
  const [r] = await db.select().from(declaredConflicts).where(eq(declaredConflicts.id, id));
  return r ?? null;
}

export async function findOverride(db: DbOrTx, reviewerId: string, applicationId: string) {
  const [r] = await db
    .select()
    .from(conflictOverrides)
    .where(
      and(eq(conflictOverrides.reviewerId, reviewerId), eq(conflictOverrides.applicationId, applicationId)),
    );
  return r ?? null;
}

export async function findOverrideById(db: DbOrTx, id: string) {
  const [r] = await db.select().from(conflictOverrides).where(eq(conflictOverrides.id, id));
  return r ?? null;
}

export async function insertDeclared(db: DbOrTx, v: typeof declaredConflicts.$inferInsert) {
  const [r] = await db.insert(declaredConflicts).values(v).returning();
  return r!;
}

export async function insertOverride(db: DbOrTx, v: typeof conflictOverrides.$inferInsert) {
  const [r] = await db.insert(conflictOverrides).values(v).returning();
  return r!;
}

export async function deleteDeclared(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(declaredConflicts).where(eq(declaredConflicts.id, id)).returning();
  return rows.length === 1;
}

export async function deleteOverride(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(conflictOverrides).where(eq(conflictOverrides.id, id)).returning();
  return rows.length === 1;
}

/** The applications entering a stage (its `stage_results` rows), with their organisation. */
export function stageEntrants(db: DbOrTx, stageId: string) {
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
    .where(eq(stageResults.stageId, stageId));
}

/** The reviewers of a stage: its panel and anyone assigned in it. */
export async function stageReviewerIds(db: DbOrTx, stageId: string): Promise<string[]> {
  const rows = await db
    .select({ id: stageReviewers.reviewerId })
    .from(stageReviewers)
    .where(eq(stageReviewers.stageId, stageId))
    .union(
      db.select({ id: assignments.reviewerId }).from(assignments).where(eq(assignments.stageId, stageId)),
    );
  return rows.map((r) => r.id);
}

/** Reviewers with a declaration or override on any of these applications. */
export async function reviewersWithRecords(db: DbOrTx, applicationIds: string[]): Promise<string[]> {
  if (applicationIds.length === 0) return [];
  const ids = sql`any(${sql.param(applicationIds)}::uuid[])`;
  const rows = await db
    .select({ id: declaredConflicts.reviewerId })
    .from(declaredConflicts)
    .where(sql`${declaredConflicts.applicationId} = ${ids}`)
    .union(
      db
        .select({ id: conflictOverrides.reviewerId })
        .from(conflictOverrides)
        .where(sql`${conflictOverrides.applicationId} = ${ids}`),
    );
  return rows.map((r) => r.id);
}

/** Every reviewer account's id. */
export async function allReviewerIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.role, 'reviewer'));
  return rows.map((r) => r.id);
}

export async function namesOf(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(sql`${users.id} = any(${sql.param(ids)}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findApplication(db: DbOrTx, id: string) {
  const [r] = await db
    .select({ id: applications.id, campaignId: applications.campaignId, unitId: applications.unitId })
    .from(applications)
    .where(eq(applications.id, id));
  return r ?? null;
}

/** Whether the reviewer has an assignment on the application (any stage). */
export async function isAssigned(db: DbOrTx, reviewerId: string, applicationId: string): Promise<boolean> {
  const [r] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.reviewerId, reviewerId), eq(assignments.applicationId, applicationId)))
    .limit(1);
  return r !== undefined;
}
