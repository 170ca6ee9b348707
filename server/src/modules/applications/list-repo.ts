/**
 * The committee's application list and its export. One statement per page: a CTE picks the page's ids
 * (with their sort key) from `applications` alone — joining organisations only to sort by name — and
 * the outer query adds the names for those rows only, with scalar sub-selects (cheap to plan, unlike a
 * six-way join), and the total from an uncorrelated sub-select. No N+1, no window over every match.
 *
 * Indexes (migration 0004, see bench/RESULTS.md for the figures): newest change first, the default, is
 * read in order from `applications_recent_idx` and filtered on the index until the page is full; other
 * sorts and deep pages read the filters and sort columns from `applications_sort_idx` alone. Totals are
 * exact. Counting rows costs about 50 ns per match (a campaign of 33,000: ~2 ms), so the committee's
 * totals across units are sums over a few `application_counts` rows (kept by triggers, migration 0005);
 * one unit's totals count its rows on the small `applications_list_idx`.
 *
 * Text search (`q`): brand or organisation name contains, or organisation code starts with, all
 * case-insensitive. pg_trgm needs three characters (Chinese searches are often two) and a non-C locale
 * for CJK, so GIN indexes on each name's characters narrow the rows first — a name that contains `q`
 * contains every character of `q` — and ILIKE decides on those rows only.
 */
import { endOfChinaDay, startOfChinaDay } from '../../../../shared/src/domain/working-days';
import { and, eq, ilike, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { applicationCounts, applications, campaigns, organizations, tracks, venues } from '../../db/schema';
import type { Scope } from '../../core/context';
import type {
  ApplicationExportQuery,
  ApplicationListItem,
  ApplicationListQuery,
} from '../../../../shared/src/contracts/applications';
import { likeEscape } from '../../core/sql';

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
  version: applications.version,
  unitRank: applications.unitRank,
  submittedAt: applications.submittedAt,
  updatedAt: applications.updatedAt,
};

/** The names of a page's rows, each a one-row lookup by primary key. */
const pageColumns = {
  ...itemColumns,
  campaignName: sql<string>`(select ${campaigns.name} from ${campaigns} where ${campaigns.id} = ${applications.campaignId})`,
  trackNameZh: sql<string>`(select ${tracks.nameZh} from ${tracks} where ${tracks.code} = ${applications.trackCode})`,
  trackNameEn: sql<string>`(select ${tracks.nameEn} from ${tracks} where ${tracks.code} = ${applications.trackCode})`,
  orgName: sql<string>`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${applications.organizationId})`,
  orgCode: sql<string>`(select ${organizations.code} from ${organizations} where ${organizations.id} = ${applications.organizationId})`,
  unitName: sql<string>`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${applications.unitId})`,
  venueName: sql<
    string | null
  >`(select ${venues.name} from ${venues} where ${venues.id} = ${applications.venueId})`,
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

/** The sort column and direction (`-updatedAt` by default); `id` breaks ties. */
function sortOf(sort: string | undefined) {
  const s = sort ?? '-updatedAt';
  const column = SORT_COLUMNS[s.replace(/^-/, '') as keyof typeof SORT_COLUMNS] ?? applications.updatedAt;
  return { key: s.replace(/^-/, ''), column, desc: s.startsWith('-'), nullable: !column.notNull };
}
type Sort = ReturnType<typeof sortOf>;

/**
 * ORDER BY the sort column (empty values last), then `id`. NOT NULL columns get no NULLS clause, so a
 * plain index serves both directions (`desc nulls last` is not a backward scan of an ascending index).
 */
function orderOf(column: SQLWrapper, id: SQLWrapper, { desc, nullable }: Sort): SQL[] {
  const dir = desc
    ? nullable
      ? sql`desc nulls last`
      : sql`desc`
    : nullable
      ? sql`asc nulls last`
      : sql`asc`;
  return [sql`${column} ${dir}`, sql`${id} asc`];
}

const searched = alias(organizations, 'searched');
const P = sql.placeholder;

/** `column`'s characters include all of `q`'s: what the GIN indexes on names answer. */
const hasChars = (column: SQLWrapper, q: SQLWrapper) =>
  sql`string_to_array(lower(${column}), null) @> string_to_array(lower(${q}), null)`;

/** A text search as two conditions on applications: the brand contains it, or the organisation matches. */
function searchOf(db: DbOrTx, f: ApplicationFilter) {
  if (!f.q?.trim()) return null;
  const orgs = db
    .select({ id: searched.id })
    .from(searched)
    .where(
      or(
        and(hasChars(searched.name, P('q')), ilike(searched.name, P('qLike'))),
        // ILIKE is lower() LIKE lower() in a multi-byte database: this form can use the lower(code) index.
        sql`lower(${searched.code}) like lower(${P('qPrefix')})`,
      ),
    );
  return {
    brand: and(hasChars(applications.brandName, P('q')), ilike(applications.brandName, P('qLike')))!,
    org: inArray(applications.organizationId, orgs),
  };
}
type Search = ReturnType<typeof searchOf>;

/**
 * The filters as SQL on applications alone (the text search is not one of them). Values are
 * placeholders (`paramsOf` fills them), so one filter shape is one statement text: built once and
 * prepared once per connection (`listApplications`).
 */
function listWhere(scope: Scope, f: ApplicationFilter): SQL | undefined {
  return and(
    scope.kind === 'unit' ? eq(applications.unitId, P('scopeUnitId')) : undefined,
    scope.kind === 'org' ? eq(applications.organizationId, P('scopeOrgId')) : undefined,
    f.campaignId ? eq(applications.campaignId, P('campaignId')) : undefined,
    f.trackCode ? eq(applications.trackCode, P('trackCode')) : undefined,
    f.orgKind ? eq(applications.orgKind, P('orgKind')) : undefined,
    f.unitId ? eq(applications.unitId, P('unitId')) : undefined,
    f.status?.length ? sql`${applications.status} = any(${P('status')}::application_status[])` : undefined,
    f.submittedFrom ? sql`${applications.submittedAt} >= ${P('submittedFrom')}::timestamptz` : undefined,
    f.submittedTo ? sql`${applications.submittedAt} < ${P('submittedTo')}::timestamptz` : undefined,
  );
}

/** The values of the placeholders of `listWhere`, `searchOf` and the page's window. */
function paramsOf(scope: Scope, f: ApplicationFilter, window = { limit: 0, offset: 0 }) {
  const q = f.q?.trim() ?? '';
  const esc = likeEscape(q);
  return {
    scopeUnitId: scope.kind === 'unit' ? scope.unitId : null,
    scopeOrgId: scope.kind === 'org' ? scope.orgId : null,
    campaignId: f.campaignId ?? null,
    trackCode: f.trackCode ?? null,
    orgKind: f.orgKind ?? null,
    unitId: f.unitId ?? null,
    // An array literal: PGlite serialises arrays of built-in types only, not of an enum.
    status: `{${(f.status ?? []).join(',')}}`,
    // Beijing days: from the first day's 00:00 to the end of the last.
    submittedFrom: f.submittedFrom ? startOfChinaDay(f.submittedFrom).toISOString() : null,
    submittedTo: f.submittedTo ? endOfChinaDay(f.submittedTo).toISOString() : null,
    q,
    qLike: `%${esc}%`,
    qPrefix: `${esc}%`,
    ...window,
  };
}

/** What decides a list statement's text: the scope's kind, which filters are set, the sort, a search. */
function shapeOf(scope: Scope, f: ApplicationFilter): string {
  const set = (v: unknown) => (v === undefined || v === null || (Array.isArray(v) && !v.length) ? 0 : 1);
  return [
    scope.kind,
    set(f.campaignId),
    set(f.trackCode),
    set(f.orgKind),
    set(f.unitId),
    set(f.status),
    set(f.submittedFrom),
    set(f.submittedTo),
    set(f.q?.trim() || null),
    f.sort ?? '-updatedAt',
  ].join('');
}

/** The matching ids with their sort key `k` (organisations joined only to sort by their name), unordered. */
function matchQuery(db: DbOrTx, scope: Scope, f: ApplicationFilter, extra?: SQL) {
  const { key, column } = sortOf(f.sort);
  let q = db
    .select({ id: applications.id, k: sql`${column}`.as('k') })
    .from(applications)
    .$dynamic();
  if (key === 'orgName') q = q.innerJoin(organizations, eq(organizations.id, applications.organizationId));
  return q.where(and(listWhere(scope, f), extra));
}

/**
 * A text search's hits as a CTE: the brand matches (GIN ∩ filters) united with the applications of the
 * matching organisations (a semi-join the planner sizes: index lookups for a few organisations, a hash
 * for thousands). One OR over both would defeat the indexes or test each row against a long array.
 */
function hitsOf(db: DbOrTx, scope: Scope, f: ApplicationFilter, search: NonNullable<Search>) {
  return db
    .$with('hits')
    .as(matchQuery(db, scope, f, search.brand).union(matchQuery(db, scope, f, search.org)));
}

/**
 * The page's ids (`page`) and the total. Without text search they are two index reads: the page's
 * top-N and a count over the small list index. A text search visits the table (names are not in the
 * indexes), so its hits are collected once — a CTE read twice is materialised — for both.
 */
function pageAndTotal(db: DbOrTx, scope: Scope, f: ApplicationFilter) {
  const search = searchOf(db, f);
  const sort = sortOf(f.sort);
  const { column } = sort;
  if (!search) {
    const page = db.$with('page').as(
      matchQuery(db, scope, f)
        .orderBy(...orderOf(column, applications.id, sort))
        .limit(P('limit'))
        .offset(P('offset')),
    );
    return { ctes: [page], page, total: sql<number>`(${totalQuery(db, scope, f)})` };
  }
  const hits = hitsOf(db, scope, f, search);
  const page = db.$with('page').as(
    db
      .select({ id: hits.id, k: hits.k })
      .from(hits)
      .orderBy(...orderOf(hits.k, hits.id, sort))
      .limit(P('limit'))
      .offset(P('offset')),
  );
  return { ctes: [hits, page], page, total: sql<number>`(select count(*)::int from ${hits})` };
}

/**
 * One page of the applications in scope with the total, in one statement: the page's ids, the names
 * looked up for those rows only, and the total as an uncorrelated scalar sub-select that runs once.
 */
export async function listApplications(
  db: DbOrTx,
  scope: Scope,
  f: ApplicationListQuery,
): Promise<{ items: ApplicationListItem[]; total: number }> {
  const window = { limit: f.pageSize, offset: (f.page - 1) * f.pageSize };
  const rows = await pageStatement(db, scope, f).execute(paramsOf(scope, f, window));
  if (rows.length > 0) {
    return { items: rows.map(({ total: _t, ...r }) => toItem(r)), total: Number(rows[0]!.total) };
  }
  // An empty page has no row to carry the total: count once (nothing matches, or a page past the end).
  return { items: [], total: f.page > 1 ? await countApplications(db, scope, f) : 0 };
}

function buildPageStatement(db: DbOrTx, scope: Scope, f: ApplicationFilter, name: string) {
  const { ctes, page, total } = pageAndTotal(db, scope, f);
  return db
    .with(...ctes)
    .select({ ...pageColumns, total })
    .from(page)
    .innerJoin(applications, eq(applications.id, page.id))
    .orderBy(...orderOf(page.k, page.id, sortOf(f.sort)))
    .prepare(name);
}

/**
 * The page statement of a filter shape, built once per database handle (the query builder runs once
 * per shape, not per request) and, without text search, prepared under a name of its own so each pooled
 * connection parses it once. There are at most a few hundred shapes (scope kind × filters set × sort × search).
 */
const pageStatements = new WeakMap<object, Map<string, ReturnType<typeof buildPageStatement>>>();

function pageStatement(db: DbOrTx, scope: Scope, f: ApplicationFilter) {
  let byShape = pageStatements.get(db);
  if (!byShape) pageStatements.set(db, (byShape = new Map()));
  const shape = shapeOf(scope, f);
  let statement = byShape.get(shape);
  if (!statement) {
    // A text search keeps an unnamed statement: its best plan depends on the words searched for, which a
    // named statement's generic plan would not look at.
    const name = f.q?.trim() ? '' : `shifan_app_list_${byShape.size}_${shape}`;
    statement = buildPageStatement(db, scope, f, name);
    byShape.set(shape, statement);
  }
  return statement;
}

/**
 * The total without text search. Across every unit (the committee's lists) it is a sum over the few
 * `application_counts` rows of the filters — constant time however large the campaign; one unit's
 * applications are counted on the list index (a unit holds hundreds, not tens of thousands).
 */
function totalQuery(db: DbOrTx, scope: Scope, f: ApplicationFilter) {
  if (scope.kind === 'all' && !f.unitId && !f.submittedFrom && !f.submittedTo) {
    const c = applicationCounts;
    return db
      .select({ n: sql<number>`coalesce(sum(${c.n}), 0)::int` })
      .from(c)
      .where(
        and(
          f.campaignId ? eq(c.campaignId, P('campaignId')) : undefined,
          f.trackCode ? eq(c.trackCode, P('trackCode')) : undefined,
          f.orgKind ? eq(c.orgKind, P('orgKind')) : undefined,
          f.status?.length ? sql`${c.status} = any(${P('status')}::application_status[])` : undefined,
        ),
      );
  }
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .where(listWhere(scope, f));
}

export async function countApplications(db: DbOrTx, scope: Scope, f: ApplicationFilter): Promise<number> {
  const search = searchOf(db, f);
  const n = sql<number>`count(*)::int`;
  const params = paramsOf(scope, f);
  if (!search) {
    const [row] = await totalQuery(db, scope, f).execute(params);
    return Number(row?.n ?? 0);
  }
  const hits = hitsOf(db, scope, f, search);
  const [row] = await db.with(hits).select({ n }).from(hits).execute(params);
  return Number(row?.n ?? 0);
}

/** The ids of the matching applications in the list's order, at most `limit` (for the export). */
export async function matchingIds(db: DbOrTx, scope: Scope, f: ApplicationFilter, limit: number) {
  const search = searchOf(db, f);
  const sort = sortOf(f.sort);
  const { column } = sort;
  const params = paramsOf(scope, f, { limit, offset: 0 });
  if (!search) {
    const rows = await matchQuery(db, scope, f)
      .orderBy(...orderOf(column, applications.id, sort))
      .limit(P('limit'))
      .execute(params);
    return rows.map((r) => r.id);
  }
  const hits = hitsOf(db, scope, f, search);
  const rows = await db
    .with(hits)
    .select({ id: hits.id })
    .from(hits)
    .orderBy(...orderOf(hits.k, hits.id, sort))
    .limit(P('limit'))
    .execute(params);
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
