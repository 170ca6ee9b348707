/**
 * Queries of campaigns and their settings (tracks, standards per track × kind, quotas, unit caps).
 * `campaigns.status` is written by `setCampaignStatus` only, which only the transition service calls.
 */
import { and, asc, count, desc, eq, gte, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  campaignQuotas,
  campaigns,
  campaignStandards,
  campaignTracks,
  campaignUnitCaps,
  organizations,
  tracks,
} from '../../db/schema';
import type { CampaignListQuery } from '../../../../shared/src/contracts/campaigns';
import type { CampaignStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';

export type CampaignRow = typeof campaigns.$inferSelect;
export type NewCampaignRow = typeof campaigns.$inferInsert;

export interface TrackSettingRow {
  track: string;
  nameZh: string;
  nameEn: string;
  subject: 'organization' | 'venue';
  position: number;
  eligibleKinds: OrgKind[];
}
export interface StandardSlotRow {
  track: string;
  orgKind: OrgKind | null;
  standardVersionId: string;
}
export interface QuotaRow {
  track: string;
  orgKind: OrgKind | null;
  quota: number;
}
export interface CapRow {
  track: string;
  unitId: string;
  cap: number;
}

export async function findCampaign(db: DbOrTx, id: string, lock?: 'update'): Promise<CampaignRow | null> {
  const q = db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function insertCampaign(db: DbOrTx, values: NewCampaignRow): Promise<CampaignRow> {
  const [row] = await db.insert(campaigns).values(values).returning();
  return row!;
}

/** Updates the campaign's own fields if it still has `version` (bumping it); null when it changed first. */
export async function updateCampaign(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<Omit<NewCampaignRow, 'status' | 'version'>> & { updatedAt: Date },
): Promise<CampaignRow | null> {
  const [row] = await db
    .update(campaigns)
    .set({ ...set, version: version + 1 })
    .where(and(eq(campaigns.id, id), eq(campaigns.version, version)))
    .returning();
  return row ?? null;
}

/** The one writer of `campaigns.status` (called by the transition service only). */
export async function setCampaignStatus(
  db: DbOrTx,
  id: string,
  version: number,
  set: { status: CampaignStatus; updatedAt: Date; openedAt?: Date },
): Promise<CampaignRow | null> {
  const [row] = await db
    .update(campaigns)
    .set({ ...set, version: version + 1 })
    .where(and(eq(campaigns.id, id), eq(campaigns.version, version)))
    .returning();
  return row ?? null;
}

export async function loadTracks(db: DbOrTx, campaignId: string): Promise<TrackSettingRow[]> {
  return db
    .select({
      track: campaignTracks.trackCode,
      nameZh: tracks.nameZh,
      nameEn: tracks.nameEn,
      subject: tracks.subject,
      position: tracks.position,
      eligibleKinds: campaignTracks.eligibleKinds,
    })
    .from(campaignTracks)
    .innerJoin(tracks, eq(tracks.code, campaignTracks.trackCode))
    .where(eq(campaignTracks.campaignId, campaignId))
    .orderBy(asc(tracks.position), asc(tracks.code));
}

export async function loadStandards(db: DbOrTx, campaignId: string): Promise<StandardSlotRow[]> {
  return db
    .select({
      track: campaignStandards.trackCode,
      orgKind: campaignStandards.orgKind,
      standardVersionId: campaignStandards.standardVersionId,
    })
    .from(campaignStandards)
    .where(eq(campaignStandards.campaignId, campaignId));
}

export async function loadQuotas(db: DbOrTx, campaignId: string): Promise<QuotaRow[]> {
  return db
    .select({ track: campaignQuotas.trackCode, orgKind: campaignQuotas.orgKind, quota: campaignQuotas.quota })
    .from(campaignQuotas)
    .where(eq(campaignQuotas.campaignId, campaignId));
}

export async function loadCaps(db: DbOrTx, campaignId: string): Promise<(CapRow & { unitName: string })[]> {
  return db
    .select({
      track: campaignUnitCaps.trackCode,
      unitId: campaignUnitCaps.unitId,
      unitName: organizations.name,
      cap: campaignUnitCaps.cap,
    })
    .from(campaignUnitCaps)
    .innerJoin(organizations, eq(organizations.id, campaignUnitCaps.unitId))
    .where(eq(campaignUnitCaps.campaignId, campaignId))
    .orderBy(asc(campaignUnitCaps.trackCode), asc(organizations.code));
}

export async function replaceTracks(
  db: DbOrTx,
  campaignId: string,
  rows: readonly { track: string; eligibleKinds: readonly OrgKind[] }[],
) {
  await db.delete(campaignTracks).where(eq(campaignTracks.campaignId, campaignId));
  if (rows.length)
    await db
      .insert(campaignTracks)
      .values(rows.map((r) => ({ campaignId, trackCode: r.track, eligibleKinds: [...r.eligibleKinds] })));
}

export async function replaceStandards(db: DbOrTx, campaignId: string, rows: StandardSlotRow[]) {
  await db.delete(campaignStandards).where(eq(campaignStandards.campaignId, campaignId));
  if (rows.length)
    await db.insert(campaignStandards).values(
      rows.map((r) => ({
        campaignId,
        trackCode: r.track,
        orgKind: r.orgKind,
        standardVersionId: r.standardVersionId,
      })),
    );
}

export async function replaceQuotas(db: DbOrTx, campaignId: string, rows: QuotaRow[]) {
  await db.delete(campaignQuotas).where(eq(campaignQuotas.campaignId, campaignId));
  if (rows.length)
    await db
      .insert(campaignQuotas)
      .values(rows.map((r) => ({ campaignId, trackCode: r.track, orgKind: r.orgKind, quota: r.quota })));
}

/** Unit caps can run into the thousands: one statement with `unnest` arrays. */
export async function replaceCaps(db: DbOrTx, campaignId: string, rows: CapRow[]) {
  await db.delete(campaignUnitCaps).where(eq(campaignUnitCaps.campaignId, campaignId));
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into ${campaignUnitCaps} (campaign_id, track_code, unit_id, cap)
    select ${campaignId}::uuid, t, u, c
    from unnest(${sql.param(rows.map((r) => r.track))}::text[], ${sql.param(rows.map((r) => r.unitId))}::uuid[],
                ${sql.param(rows.map((r) => r.cap))}::int[]) as x(t, u, c)`);
}

/** Of the given ids, the active units (children of the working committee). */
export async function activeUnitIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.id, ids), eq(organizations.depth, 1), eq(organizations.active, true)));
  return new Set(rows.map((r) => r.id));
}

const trackCodesOf = sql<string[]>`coalesce((
  select array_agg(${campaignTracks.trackCode} order by ${tracks.position}, ${tracks.code})
  from ${campaignTracks} join ${tracks} on ${tracks.code} = ${campaignTracks.trackCode}
  where ${campaignTracks.campaignId} = ${campaigns.id}), '{}')`;

const SORT = {
  year: campaigns.year,
  name: campaigns.name,
  status: campaigns.status,
  updatedAt: campaigns.updatedAt,
} as const;

/** One page of campaigns; drafts only for those who may see them. */
export async function listCampaigns(
  db: DbOrTx,
  q: CampaignListQuery & { withDrafts: boolean },
): Promise<{ rows: (CampaignRow & { tracks: string[] })[]; total: number }> {
  const conds: (SQL | undefined)[] = [];
  if (!q.withDrafts) conds.push(ne(campaigns.status, 'draft'));
  if (q.year !== undefined) conds.push(eq(campaigns.year, q.year));
  if (q.status) conds.push(eq(campaigns.status, q.status));
  const where = and(...conds);
  const sort = q.sort ?? '-year';
  const dir = sort.startsWith('-') ? desc : asc;
  const rows = await db
    .select({ c: campaigns, tracks: trackCodesOf })
    .from(campaigns)
    .where(where)
    .orderBy(dir(SORT[sort.replace(/^-/, '') as keyof typeof SORT]), asc(campaigns.name), asc(campaigns.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [n] = await db.select({ n: count() }).from(campaigns).where(where);
  return { rows: rows.map((r) => ({ ...r.c, tracks: r.tracks ?? [] })), total: n?.n ?? 0 };
}

/** The ids of the open campaigns of a year, newest first. */
/**
 * The current campaigns (issue 7 §1.16): open, whatever their year, whose windows include `now` or lie
 * ahead (the unit recommendation deadline, the last date an applicant or unit acts on, not yet past);
 * the one closing first comes first.
 */
export async function currentCampaignIds(db: DbOrTx, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.status, 'open'), gte(campaigns.recommendationDeadline, now)))
    .orderBy(asc(campaigns.applicationClosesAt), asc(campaigns.name));
  return rows.map((r) => r.id);
}
