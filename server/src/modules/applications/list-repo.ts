/**
 * The committee's application list and its export. One statement per page: a CTE picks the page's ids
 * from `applications` alone (joining organisations only to sort by name), filtered through
 * `applications_list_idx` / `applications_unit_idx`; the outer query joins the names for those rows
 * only and carries the total from a scalar sub-select. No N+1, no window over every matching row.
 */
import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { applications, campaigns, organizations, tracks, venues } from '../../db/schema';
import type { Scope } from '../../http/context';
import type {
  ApplicationExportQuery,
  ApplicationListItem,
  ApplicationListQuery,
} from '../../../../shared/src/contracts/applications';
import { likeEscape } from '../organizations/repo';
import { appScopeWhere } from './repo';

/** The list's filters and sort, without paging. */
export type ApplicationFilter = ApplicationExportQuery;

const unit = alias(organizations, 'unit');

const itemColumns = {
  id: applications.id,
  campaignId: applications.campaignId,
  campaignName: campaigns.name,
  trackCode: applications.trackCode,
  trackNameZh: tracks.nameZh,
  trackNameEn: tracks.nameEn,
  organizationId: applications.organizationId,
  orgName: organizations.name,
  orgCode: organizations.code,
  orgKind: applications.orgKind,
  unitId: applications.unitId,
  unitName: unit.name,
  venueId: applications.venueId,
  venueName: venues.name,
  brandName: applications.brandName,
  status: applications.status,
  unitRank: applications.unitRank,
  submittedAt: applications.submittedAt,
  updatedAt: applications.updatedAt,
};

type ItemRow = Omit<ApplicationListItem, 'submittedAt' | 'updatedAt'> & {
  submittedAt: Date | null;
  updatedAt: Date;
};

function toItem(r: ItemRow): ApplicationListItem {
  return { ...r, submittedAt: r.submittedAt?.toISOString() ?? null, updatedAt: r.updatedAt.toISOString() };
}

const SORT_COLUMNS = {
  updatedAt: applications.updatedAt,
  submittedAt: applications.submittedAt,
  orgName: organizations.name,
  status: applications.status,
  unitRank: applications.unitRank,
} as const;

function orderOf(sort: string | undefined): SQL[] {
  const s = sort ?? '-updatedAt';
  const column = SORT_COLUMNS[s.replace(/^-/, '') as keyof typeof SORT_COLUMNS] ?? applications.updatedAt;
  const primary = s.startsWith('-') ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  return [primary, sql`${applications.id} asc`];
}

const searched = alias(organizations, 'searched');

/**
 * A text search's organisations (name contains, code starts with), as a CTE that the page and the
 * count share, so the organisations are scanned once per request.
 */
function searchOf(db: DbOrTx, f: ApplicationFilter) {
  const q = f.q?.trim();
  if (!q) return null;
  const esc = likeEscape(q);
  const matched = db.$with('matched').as(
    db
      .select({ id: searched.id })
      .from(searched)
      .where(or(ilike(searched.name, `%${esc}%`), ilike(searched.code, `${esc}%`))),
  );
  return { esc, matched };
}
type Search = ReturnType<typeof searchOf>;
const ctes = (search: Search) => (search ? [search.matched] : []);

/** The filter as SQL: applications alone, plus the search's organisations as a hashed sub-select. */
function listWhere(db: DbOrTx, scope: Scope, f: ApplicationFilter, search: Search): SQL | undefined {
  const conds: (SQL | undefined)[] = [appScopeWhere(scope)];
  if (f.campaignId) conds.push(eq(applications.campaignId, f.campaignId));
  if (f.trackCode) conds.push(eq(applications.trackCode, f.trackCode));
  if (f.orgKind) conds.push(eq(applications.orgKind, f.orgKind));
  if (f.unitId) conds.push(eq(applications.unitId, f.unitId));
  if (f.status?.length) conds.push(inArray(applications.status, f.status));
  if (search)
    conds.push(
      or(
        ilike(applications.brandName, `%${search.esc}%`),
        inArray(applications.organizationId, db.select({ id: search.matched.id }).from(search.matched)),
      ),
    );
  return and(...conds);
}

/**
 * The matching ids in the list's order (organisations joined only to sort by their name); `top` adds
 * the search CTE for a statement of its own.
 */
function selectIds(db: DbOrTx, f: ApplicationFilter, scope: Scope, search: Search, top = false) {
  let q = (top ? db.with(...ctes(search)) : db).select({ id: applications.id }).from(applications).$dynamic();
  if ((f.sort ?? '').replace(/^-/, '') === 'orgName')
    q = q.innerJoin(organizations, eq(organizations.id, applications.organizationId));
  return q.where(listWhere(db, scope, f, search)).orderBy(...orderOf(f.sort));
}

function countQuery(db: DbOrTx, scope: Scope, f: ApplicationFilter, search: Search) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .where(listWhere(db, scope, f, search));
}

/**
 * One page of the applications in scope with the total, in one statement: the page's ids (top-N sort
 * of the filtered rows), the names joined for those rows only, and the total as an uncorrelated scalar
 * sub-select that runs once.
 */
export async function listApplications(
  db: DbOrTx,
  scope: Scope,
  f: ApplicationListQuery,
): Promise<{ items: ApplicationListItem[]; total: number }> {
  const search = searchOf(db, f);
  const page = db.$with('page').as(
    selectIds(db, f, scope, search)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
  );
  const rows = await db
    .with(...ctes(search), page)
    .select({ ...itemColumns, total: sql<number>`(${countQuery(db, scope, f, search)})` })
    .from(page)
    .innerJoin(applications, eq(applications.id, page.id))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .innerJoin(unit, eq(unit.id, applications.unitId))
    .innerJoin(campaigns, eq(campaigns.id, applications.campaignId))
    .innerJoin(tracks, eq(tracks.code, applications.trackCode))
    .leftJoin(venues, eq(venues.id, applications.venueId))
    .orderBy(...orderOf(f.sort));
  if (rows.length > 0) {
    return { items: rows.map(({ total: _t, ...r }) => toItem(r)), total: Number(rows[0]!.total) };
  }
  // An empty page has no row to carry the total: count once (nothing matches, or a page past the end).
  return { items: [], total: f.page > 1 ? await countApplications(db, scope, f) : 0 };
}

export async function countApplications(db: DbOrTx, scope: Scope, f: ApplicationFilter): Promise<number> {
  const search = searchOf(db, f);
  const [row] = await db
    .with(...ctes(search))
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .where(listWhere(db, scope, f, search));
  return Number(row?.n ?? 0);
}

/** The ids of the matching applications in the list's order, at most `limit` (for the export). */
export async function matchingIds(db: DbOrTx, scope: Scope, f: ApplicationFilter, limit: number) {
  const search = searchOf(db, f);
  const rows = await selectIds(db, f, scope, search, true).limit(limit);
  return rows.map((r) => r.id);
}

/** The export's rows for some ids, in the order of `ids`. */
export async function exportRows(db: DbOrTx, ids: string[]) {
  const rows = await db
    .select({
      ...itemColumns,
      unitOpinion: applications.unitOpinion,
      recommendedAt: applications.recommendedAt,
      acceptedAt: applications.acceptedAt,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .innerJoin(unit, eq(unit.id, applications.unitId))
    .innerJoin(campaigns, eq(campaigns.id, applications.campaignId))
    .innerJoin(tracks, eq(tracks.code, applications.trackCode))
    .leftJoin(venues, eq(venues.id, applications.venueId))
    .where(inArray(applications.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}
export type ExportRow = Awaited<ReturnType<typeof exportRows>>[number];
