/** Peer groups, members and sheets (tables `peer_groups`, `peer_members`, `peer_sheets`) and what they read. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  draws,
  organizations,
  peerGroups,
  peerMembers,
  peerSheets,
  stageResults,
  tracks,
} from '../../db/schema';
import type { OrgKind } from '../../../../shared/src/enums';

export type SheetRow = typeof peerSheets.$inferSelect;
export type GroupRow = typeof peerGroups.$inferSelect;

export interface Entrant {
  applicationId: string;
  trackCode: string;
  orgKind: OrgKind;
  unitId: string;
}

/** The stage's entrants (its `stage_results` rows), by application id. */
export function entrants(db: DbOrTx, stageId: string): Promise<Entrant[]> {
  return db
    .select({
      applicationId: stageResults.applicationId,
      trackCode: stageResults.trackCode,
      orgKind: stageResults.orgKind,
      unitId: stageResults.unitId,
    })
    .from(stageResults)
    .where(eq(stageResults.stageId, stageId))
    .orderBy(asc(stageResults.applicationId));
}

/** The display names of applications (their organisation's name). */
export async function applicationNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: applications.id, name: organizations.name })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(inArray(applications.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function trackNames(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ code: tracks.code, nameZh: tracks.nameZh }).from(tracks);
  return new Map(rows.map((r) => [r.code, r.nameZh]));
}

/** The codes of tracks whose subject is a venue (their peer groups are not split by organisation kind). */
export async function venueTracks(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.select({ code: tracks.code }).from(tracks).where(eq(tracks.subject, 'venue'));
  return new Set(rows.map((r) => r.code));
}

export function groupsOf(db: DbOrTx, stageId: string): Promise<GroupRow[]> {
  return db
    .select()
    .from(peerGroups)
    .where(eq(peerGroups.stageId, stageId))
    .orderBy(asc(peerGroups.position));
}

export async function getGroup(db: DbOrTx, id: string, lock = false): Promise<GroupRow | null> {
  const q = db.select().from(peerGroups).where(eq(peerGroups.id, id));
  const [row] = await (lock ? q.for('update') : q);
  return row ?? null;
}

export interface MemberRow {
  groupId: string;
  applicationId: string;
  unitId: string;
  pseudonym: string;
}

/** Members of a stage (or of one group), in pseudonym order within their group. */
export async function membersOf(
  db: DbOrTx,
  where: { stageId: string } | { groupId: string },
): Promise<MemberRow[]> {
  const rows = await db
    .select({
      groupId: peerMembers.groupId,
      applicationId: peerMembers.applicationId,
      unitId: peerMembers.unitId,
      pseudonym: peerMembers.pseudonym,
    })
    .from(peerMembers)
    .where(
      'stageId' in where ? eq(peerMembers.stageId, where.stageId) : eq(peerMembers.groupId, where.groupId),
    );
  return rows;
}

export async function sheetsOf(
  db: DbOrTx,
  where: { stageId: string } | { groupId: string },
  lock = false,
): Promise<SheetRow[]> {
  const q = db
    .select()
    .from(peerSheets)
    .where(
      'stageId' in where ? eq(peerSheets.stageId, where.stageId) : eq(peerSheets.groupId, where.groupId),
    );
  return lock ? q.for('update') : q;
}

/** One sheet with the organisation of its rating member (the object rule `group_member`). */
export async function getSheet(
  db: DbOrTx,
  id: string,
  lock = false,
): Promise<{ sheet: SheetRow; organizationId: string } | null> {
  const q = db
    .select({ sheet: peerSheets, organizationId: applications.organizationId })
    .from(peerSheets)
    .innerJoin(applications, eq(applications.id, peerSheets.raterApplicationId))
    .where(eq(peerSheets.id, id));
  const [row] = await (lock ? q.for('update', { of: peerSheets }) : q);
  return row ?? null;
}

/** The sheets of the members whose organisation is `organizationId`. */
export function sheetsOfOrganization(db: DbOrTx, organizationId: string): Promise<SheetRow[]> {
  return db
    .select({ sheet: peerSheets })
    .from(peerSheets)
    .innerJoin(applications, eq(applications.id, peerSheets.raterApplicationId))
    .where(eq(applications.organizationId, organizationId))
    .orderBy(asc(peerSheets.stageId), asc(peerSheets.raterApplicationId))
    .then((rows) => rows.map((r) => r.sheet));
}

/** Removes a stage's groups with their members and sheets (a redraw before anyone rated). */
export async function deleteGroups(tx: DbOrTx, stageId: string): Promise<void> {
  await tx.delete(peerSheets).where(eq(peerSheets.stageId, stageId));
  await tx.delete(peerMembers).where(eq(peerMembers.stageId, stageId));
  await tx.delete(peerGroups).where(eq(peerGroups.stageId, stageId));
}

export async function insertDraw(tx: DbOrTx, row: typeof draws.$inferInsert): Promise<string> {
  const [d] = await tx.insert(draws).values(row).returning({ id: draws.id });
  return d!.id;
}

export async function getDraw(db: DbOrTx, id: string) {
  const [row] = await db.select().from(draws).where(eq(draws.id, id));
  return row ?? null;
}

export async function insertGroup(tx: DbOrTx, row: typeof peerGroups.$inferInsert): Promise<string> {
  const [g] = await tx.insert(peerGroups).values(row).returning({ id: peerGroups.id });
  return g!.id;
}

export async function insertMembers(
  tx: DbOrTx,
  rows: (typeof peerMembers.$inferInsert)[],
  sheets: (typeof peerSheets.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(peerMembers).values(rows);
  await tx.insert(peerSheets).values(sheets);
}

export async function updateSheet(
  tx: DbOrTx,
  key: { stageId: string; raterApplicationId: string },
  set: Partial<typeof peerSheets.$inferInsert>,
): Promise<SheetRow> {
  const [row] = await tx
    .update(peerSheets)
    .set(set)
    .where(
      and(eq(peerSheets.stageId, key.stageId), eq(peerSheets.raterApplicationId, key.raterApplicationId)),
    )
    .returning();
  return row!;
}

/** Writes a member's peer figures into its `stage_results` row. */
export async function writeStageResult(
  tx: DbOrTx,
  stageId: string,
  applicationId: string,
  set: {
    score: number | null;
    reviewCount: number;
    spread: number | null;
    sd: number | null;
    updatedAt: Date;
  },
): Promise<void> {
  await tx
    .update(stageResults)
    .set(set)
    .where(and(eq(stageResults.stageId, stageId), eq(stageResults.applicationId, applicationId)));
}

/** The `stage_results` scores of a stage's entrants (what the committee's group view shows). */
export async function stageScores(
  db: DbOrTx,
  stageId: string,
): Promise<Map<string, { score: number | null; reviewCount: number }>> {
  const rows = await db
    .select({
      applicationId: stageResults.applicationId,
      score: stageResults.score,
      reviewCount: stageResults.reviewCount,
    })
    .from(stageResults)
    .where(eq(stageResults.stageId, stageId));
  return new Map(rows.map((r) => [r.applicationId, { score: r.score, reviewCount: r.reviewCount }]));
}
