/**
 * Queries of one application and what hangs off it (campaign, track, standard, history, who hears of
 * it). Reads take the caller's `Scope`: applications outside it are simply not found. Content queries
 * live in `content-repo.ts`, the unit's recommended list in `rank-repo.ts` (both re-exported here), the
 * list and export in `list-repo.ts`.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applicationEvents,
  applications,
  campaigns,
  campaignStandards,
  campaignTracks,
  organizations,
  tracks,
  venues,
} from '../../db/schema';
import type { Scope } from '../../core/context';
import type { HistoryItem } from '../../../../shared/src/contracts/applications';
import type { OrgKind } from '../../../../shared/src/enums';

export type ApplicationRow = typeof applications.$inferSelect;
export type NewApplicationRow = typeof applications.$inferInsert;
export type CampaignRow = typeof campaigns.$inferSelect;
export type EventRow = typeof applicationEvents.$inferSelect;

/** The applications a scope covers: all, one unit's, or one organisation's (its venues included). */
export function appScopeWhere(scope: Scope): SQL | undefined {
  if (scope.kind === 'unit') return eq(applications.unitId, scope.unitId);
  if (scope.kind === 'org') return eq(applications.organizationId, scope.orgId);
  // Only `all` is unfiltered: any other kind (a reviewer's `self`) sees nothing here.
  return scope.kind === 'all' ? undefined : sql`false`;
}

/** One application in scope, or null; `lock` takes a row lock inside a transaction. */
export async function findInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock?: 'update' | 'share',
): Promise<ApplicationRow | null> {
  const q = db
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), appScopeWhere(scope)))
    .limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function findCampaign(
  db: DbOrTx,
  id: string,
  lock?: 'update' | 'share',
): Promise<CampaignRow | null> {
  const q = db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

/** The track as the campaign offers it (with its eligible kinds), or null when the campaign has no such track. */
export async function campaignTrack(db: DbOrTx, campaignId: string, trackCode: string) {
  const [row] = await db
    .select({
      code: tracks.code,
      subject: tracks.subject,
      active: tracks.active,
      eligibleKinds: campaignTracks.eligibleKinds,
    })
    .from(campaignTracks)
    .innerJoin(tracks, eq(tracks.code, campaignTracks.trackCode))
    .where(and(eq(campaignTracks.campaignId, campaignId), eq(campaignTracks.trackCode, trackCode)))
    .limit(1);
  return row ?? null;
}

/** The standard version the campaign uses for (track, kind), falling back to (track, any kind). */
export async function standardFor(
  db: DbOrTx,
  campaignId: string,
  trackCode: string,
  kind: OrgKind,
): Promise<string | null> {
  const rows = await db
    .select({ versionId: campaignStandards.standardVersionId, orgKind: campaignStandards.orgKind })
    .from(campaignStandards)
    .where(
      and(
        eq(campaignStandards.campaignId, campaignId),
        eq(campaignStandards.trackCode, trackCode),
        sql`(${campaignStandards.orgKind} = ${kind} or ${campaignStandards.orgKind} is null)`,
      ),
    );
  const exact = rows.find((r) => r.orgKind === kind) ?? rows.find((r) => r.orgKind === null);
  return exact?.versionId ?? null;
}

export async function findOrganization(db: DbOrTx, id: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row ?? null;
}

export async function findVenue(db: DbOrTx, id: string) {
  const [row] = await db.select().from(venues).where(eq(venues.id, id)).limit(1);
  return row ?? null;
}

export async function insertApplication(db: DbOrTx, values: NewApplicationRow): Promise<ApplicationRow> {
  const [row] = await db.insert(applications).values(values).returning();
  return row!;
}

/** Updates one row if it still has `version` (bumping it); null when someone else changed it first. */
export async function updateApplication(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<NewApplicationRow>,
): Promise<ApplicationRow | null> {
  const [row] = await db
    .update(applications)
    .set({ ...set, version: version + 1 })
    .where(and(eq(applications.id, id), eq(applications.version, version)))
    .returning();
  return row ?? null;
}

export async function insertEvent(
  db: DbOrTx,
  values: typeof applicationEvents.$inferInsert,
): Promise<EventRow> {
  const [row] = await db.insert(applicationEvents).values(values).returning();
  return row!;
}

export async function listEvents(db: DbOrTx, applicationId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
}

/** Whether the subject already has an application in this campaign and track. */
export async function subjectTaken(
  db: DbOrTx,
  campaignId: string,
  trackCode: string,
  subjectId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.campaignId, campaignId),
        eq(applications.trackCode, trackCode),
        eq(applications.subjectId, subjectId),
      ),
    )
    .limit(1);
  return !!row;
}

/** Who hears about an application's moves: the organisation's applicants and the unit's admins (enabled). */

/** How notifications name an application: "<organisation or venue>（<brand>）", and its campaign. */
export async function subjectNames(
  db: DbOrTx,
  app: ApplicationRow,
): Promise<{ subject: string; campaignName: string }> {
  const [row] = await db
    .select({ org: organizations.name, venue: venues.name, campaign: campaigns.name })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .innerJoin(campaigns, eq(campaigns.id, applications.campaignId))
    .leftJoin(venues, eq(venues.id, applications.venueId))
    .where(eq(applications.id, app.id));
  const name = row!.venue ? `${row!.org} ${row!.venue}` : row!.org;
  return { subject: app.brandName ? `${name}（${app.brandName}）` : name, campaignName: row!.campaign };
}

export function toHistory(e: EventRow): HistoryItem {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorName: e.actorName,
    role: e.role,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    reason: e.reason,
  };
}

export * from './content-repo';
export * from './rank-repo';
