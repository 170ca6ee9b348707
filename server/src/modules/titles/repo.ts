/** Queries of the titles module (the service decides the transaction). Reads take the caller's scope. */
import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { endOfChinaDay, startOfChinaDay } from '../../../../shared/src/domain/working-days';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  campaigns,
  certificateTemplates,
  organizations,
  titleEvents,
  titles,
  titleSerials,
  tracks,
  venues,
} from '../../db/schema';
import type { Scope } from '../../core/context';
import { likeEscape } from '../../core/sql';
import { countWhere, pageWindow } from '../../db/paging';
import type { TemplateKind } from '../../../../shared/src/domain/certificates';
import type { TitleListQuery, TitleSummary } from '../../../../shared/src/contracts/titles';

export type TitleRow = typeof titles.$inferSelect;
export type NewTitleRow = typeof titles.$inferInsert;
export type TemplateRow = typeof certificateTemplates.$inferSelect;

/** What certifying needs of each application: subject, names, track, kind, the campaign's year. */
export function certifiable(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: applications.id,
      campaignId: applications.campaignId,
      year: campaigns.year,
      trackCode: applications.trackCode,
      orgKind: applications.orgKind,
      subjectId: applications.subjectId,
      organizationId: applications.organizationId,
      venueId: applications.venueId,
      unitId: applications.unitId,
      brandName: applications.brandName,
      organizationName: organizations.name,
      venueName: venues.name,
    })
    .from(applications)
    .innerJoin(campaigns, eq(campaigns.id, applications.campaignId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(venues, eq(venues.id, applications.venueId))
    .where(inArray(applications.id, ids));
}

/** Titles already held by any of these (subject, track, year). */
export async function heldTitles(
  db: DbOrTx,
  keys: { subjectId: string; trackCode: string; year: number }[],
): Promise<TitleRow[]> {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(titles)
    .where(
      or(
        ...keys.map((k) =>
          and(eq(titles.subjectId, k.subjectId), eq(titles.trackCode, k.trackCode), eq(titles.year, k.year)),
        ),
      ),
    );
}

/**
 * Takes `n` numbers of a track's sequence for a year and answers the first. The row stays locked until
 * the transaction ends, and a rolled-back transaction gives its numbers back: no gaps, no repeats.
 */
export async function takeSerials(db: DbOrTx, trackCode: string, year: number, n: number): Promise<number> {
  const [row] = await db
    .insert(titleSerials)
    .values({ trackCode, year, last: n })
    .onConflictDoUpdate({
      target: [titleSerials.trackCode, titleSerials.year],
      set: { last: sql`${titleSerials.last} + ${n}` },
    })
    .returning({ last: titleSerials.last });
  return row!.last - n + 1;
}

export async function insertTitles(db: DbOrTx, values: NewTitleRow[]): Promise<TitleRow[]> {
  if (values.length === 0) return [];
  return db.insert(titles).values(values).returning();
}

export async function insertEvents(db: DbOrTx, values: (typeof titleEvents.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(titleEvents).values(values);
}

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────────────
export function titleScopeWhere(scope: Scope): SQL | undefined {
  if (scope.kind === 'unit') return eq(titles.unitId, scope.unitId);
  if (scope.kind === 'org') return eq(titles.organizationId, scope.orgId);
  return scope.kind === 'all' ? undefined : sql`false`;
}

const unitOrg = sql`(select name from organizations u where u.id = ${titles.unitId})`;

const summaryColumns = {
  row: titles,
  trackNameZh: sql<string>`coalesce(${tracks.nameZh}, ${titles.trackCode})`,
  unitName: sql<string>`coalesce(${unitOrg}, '')`,
};

function selectSummary(db: DbOrTx) {
  return db.select(summaryColumns).from(titles).leftJoin(tracks, eq(tracks.code, titles.trackCode));
}

export function toSummary(r: { row: TitleRow; trackNameZh: string; unitName: string }): TitleSummary {
  const t = r.row;
  return {
    id: t.id,
    serial: t.serial,
    campaignId: t.campaignId,
    applicationId: t.applicationId,
    track: t.trackCode,
    trackNameZh: r.trackNameZh,
    orgKind: t.orgKind,
    year: t.year,
    holderName: t.holderName,
    organizationId: t.organizationId,
    organizationName: t.organizationName,
    venueId: t.venueId,
    unitId: t.unitId,
    unitName: r.unitName,
    brandName: t.brandName,
    status: t.status,
    validityYears: t.validityYears,
    validFrom: t.validFrom,
    validUntil: t.validUntil,
    certifiedAt: t.certifiedAt.toISOString(),
    version: t.version,
  };
}

const SORT = {
  serial: titles.serial,
  year: titles.year,
  holderName: titles.holderName,
  validUntil: titles.validUntil,
} as const;

function orderOf(sort: string | undefined): SQL[] {
  const key = (sort ?? '-year').replace(/^-/, '') as keyof typeof SORT;
  const dir = (sort ?? '-year').startsWith('-') ? desc : asc;
  return [dir(SORT[key] ?? titles.year), asc(titles.serial)];
}

export type TitleFilter = Partial<Omit<TitleListQuery, 'pageSize'>> & { pageSize?: number | null };

function listWhere(scope: Scope, f: TitleFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [titleScopeWhere(scope)];
  if (f.year) conds.push(eq(titles.year, f.year));
  if (f.track) conds.push(eq(titles.trackCode, f.track));
  if (f.orgKind) conds.push(eq(titles.orgKind, f.orgKind));
  if (f.unitId) conds.push(eq(titles.unitId, f.unitId));
  if (f.status) conds.push(eq(titles.status, f.status));
  if (f.campaignId) conds.push(eq(titles.campaignId, f.campaignId));
  // Days are Beijing days: from its 00:00 to the end of the `to` day.
  if (f.certifiedFrom) conds.push(gte(titles.certifiedAt, startOfChinaDay(f.certifiedFrom)));
  if (f.certifiedTo) conds.push(lt(titles.certifiedAt, endOfChinaDay(f.certifiedTo)));
  const q = f.q?.trim();
  if (q) {
    const p = `%${likeEscape(q)}%`;
    conds.push(or(ilike(titles.holderName, p), ilike(titles.organizationName, p), ilike(titles.serial, p)));
  }
  return and(...conds);
}

export async function listTitles(db: DbOrTx, scope: Scope, f: TitleFilter) {
  const where = listWhere(scope, f);
  const base = selectSummary(db)
    .where(where)
    .orderBy(...orderOf(f.sort));
  const w = pageWindow(f);
  const rows = w ? await base.limit(w.limit).offset(w.offset) : await base;
  return { items: rows.map(toSummary), total: await countWhere(db, titles, where) };
}

/** The matching titles' ids in list order (exports and batch print read them in slices). */
export async function matchingIds(db: DbOrTx, scope: Scope, f: TitleFilter, limit: number) {
  const rows = await db
    .select({ id: titles.id })
    .from(titles)
    .where(listWhere(scope, f))
    .orderBy(...orderOf(f.sort))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Titles by id, in the order of `ids`. */
export async function summariesOf(db: DbOrTx, ids: string[]): Promise<TitleSummary[]> {
  if (ids.length === 0) return [];
  const rows = await selectSummary(db).where(inArray(titles.id, ids));
  const byId = new Map(rows.map((r) => [r.row.id, toSummary(r)]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

export async function findTitle(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await selectSummary(db)
    .where(and(eq(titles.id, id), titleScopeWhere(scope)))
    .limit(1);
  return row ?? null;
}

export function eventsOf(db: DbOrTx, titleId: string) {
  return db
    .select()
    .from(titleEvents)
    .where(eq(titleEvents.titleId, titleId))
    .orderBy(asc(titleEvents.at), asc(titleEvents.id));
}

export async function byToken(db: DbOrTx, token: string) {
  const [row] = await selectSummary(db).where(eq(titles.verifyToken, token)).limit(1);
  return row ?? null;
}

/** The tokens of titles by id (batch print puts each one's QR code). */
export async function tokensOf(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: titles.id, token: titles.verifyToken })
    .from(titles)
    .where(inArray(titles.id, ids));
  return new Map(rows.map((r) => [r.id, r.token]));
}

export async function findCampaign(db: DbOrTx, id: string) {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  return row ?? null;
}

// ── Templates ─────────────────────────────────────────────────────────────────────────────────────────
export async function findTemplate(db: DbOrTx, kind: TemplateKind, lock?: 'update') {
  const q = db.select().from(certificateTemplates).where(eq(certificateTemplates.kind, kind));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export function allTemplates(db: DbOrTx) {
  return db.select().from(certificateTemplates);
}

export async function upsertTemplate(db: DbOrTx, values: typeof certificateTemplates.$inferInsert) {
  const [row] = await db
    .insert(certificateTemplates)
    .values(values)
    .onConflictDoUpdate({ target: certificateTemplates.kind, set: values })
    .returning();
  return row!;
}

/** Titles still standing whose validity ended by `today` (a China date), locked for the expiry. */
export function dueForExpiry(db: DbOrTx, today: string) {
  return db
    .select()
    .from(titles)
    .where(
      and(
        inArray(titles.status, ['active', 'under_rereview', 'rectifying']),
        sql`${titles.validUntil} <= ${today}`,
      ),
    )
    .orderBy(asc(titles.serial))
    .for('update');
}

export async function setStatus(db: DbOrTx, ids: string[], status: TitleRow['status'], now: Date) {
  if (ids.length === 0) return;
  await db
    .update(titles)
    .set({ status, version: sql`${titles.version} + 1`, updatedAt: now })
    .where(inArray(titles.id, ids));
}
