/** Queries of venues (阵地). Reads take the caller's `Scope`: venues outside it are not found. */
import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { countWhere, pageWindow } from '../../db/paging';
import { organizations, venues } from '../../db/schema';
import type { Scope } from '../../core/context';
import type { Venue, VenueListQuery } from '../../../../shared/src/contracts/venues';
import { likeEscape } from '../../core/sql';

export type VenueRow = typeof venues.$inferSelect;
export type NewVenueRow = typeof venues.$inferInsert;

/** The list filters; `pageSize: null` answers every matching row (for exports). */
export type VenueListFilter = Partial<Omit<VenueListQuery, 'pageSize'>> & { pageSize?: number | null };

/** The venues a scope covers: all, one unit's (same `unit_id`), or one organisation's. */
export function venueScopeWhere(scope: Scope): SQL | undefined {
  if (scope.kind === 'unit') return eq(venues.unitId, scope.unitId);
  if (scope.kind === 'org') return eq(venues.organizationId, scope.orgId);
  // Only `all` is unfiltered: any other kind (a reviewer's `self`) sees nothing here.
  return scope.kind === 'all' ? undefined : sql`false`;
}

const contractColumns = {
  id: venues.id,
  organizationId: venues.organizationId,
  organizationName: organizations.name,
  unitId: venues.unitId,
  name: venues.name,
  address: venues.address,
  areaM2: venues.areaM2,
  capacity: venues.capacity,
  facilities: venues.facilities,
  openedYear: venues.openedYear,
  active: venues.active,
  version: venues.version,
  updatedAt: venues.updatedAt,
};

function toContract(r: Omit<Venue, 'updatedAt'> & { updatedAt: Date }): Venue {
  return { ...r, updatedAt: r.updatedAt.toISOString() };
}

function selectContract(db: DbOrTx) {
  return db
    .select(contractColumns)
    .from(venues)
    .innerJoin(organizations, eq(organizations.id, venues.organizationId));
}

const SORT_COLUMNS = {
  name: venues.name,
  openedYear: venues.openedYear,
  areaM2: venues.areaM2,
  updatedAt: venues.updatedAt,
} as const;

function orderOf(sort: string | undefined): SQL[] {
  const key = (sort ?? 'name').replace(/^-/, '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key] ?? venues.name;
  const dir = sort?.startsWith('-') ? desc : asc;
  return [dir(column), asc(venues.id)];
}

function listWhere(scope: Scope, f: VenueListFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [venueScopeWhere(scope)];
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    conds.push(or(ilike(venues.name, pattern), ilike(venues.address, pattern)));
  }
  if (f.organizationId) conds.push(eq(venues.organizationId, f.organizationId));
  if (f.unitId) conds.push(eq(venues.unitId, f.unitId));
  const active = f.active ?? 'true';
  if (active !== 'all') conds.push(eq(venues.active, active === 'true'));
  return and(...conds);
}

/** One page of the venues in scope, in the contract shape. */
export async function listVenues(
  db: DbOrTx,
  scope: Scope,
  f: VenueListFilter,
): Promise<{ items: Venue[]; total: number }> {
  const where = listWhere(scope, f);
  const base = selectContract(db)
    .where(where)
    .orderBy(...orderOf(f.sort));
  const w = pageWindow(f);
  const rows = w ? await base.limit(w.limit).offset(w.offset) : await base;
  return { items: rows.map(toContract), total: await countWhere(db, venues, where) };
}

export async function getVenue(db: DbOrTx, scope: Scope, id: string): Promise<Venue | null> {
  const [row] = await selectContract(db)
    .where(and(eq(venues.id, id), venueScopeWhere(scope)))
    .limit(1);
  return row ? toContract(row) : null;
}

/** The row of one venue in scope, locked for update when asked, or null. */
export async function findVenueInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock?: 'update',
): Promise<VenueRow | null> {
  const q = db
    .select()
    .from(venues)
    .where(and(eq(venues.id, id), venueScopeWhere(scope)))
    .limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function insertVenue(db: DbOrTx, values: NewVenueRow): Promise<VenueRow> {
  const [row] = await db.insert(venues).values(values).returning();
  return row!;
}

/** Updates one venue if it still has `version` (bumping it); null when someone else changed it first. */
export async function updateVenue(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<NewVenueRow> & { updatedAt: Date },
): Promise<VenueRow | null> {
  const [row] = await db
    .update(venues)
    .set({ ...set, version: version + 1 })
    .where(and(eq(venues.id, id), eq(venues.version, version)))
    .returning();
  return row ?? null;
}
