/**
 * Queries of the organisation tree. Every read takes the caller's `Scope` so records outside it are
 * simply not found. Reusable by the import/export module: `listOrganizations`, `findInScope`,
 * `childPlacement`, `lockTree`, `insertOrganization`.
 */
import { and, asc, desc, eq, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { countWhere, pageWindow } from '../../db/paging';
import { organizations } from '../../db/schema';
import type { Scope } from '../../core/context';
import type { OrgKind } from '../../../../shared/src/enums';
import type { Organization, OrgListQuery } from '../../../../shared/src/contracts/organizations';
import { pathIds } from '../../../../shared/src/domain/org-tree';
import { likeEscape } from '../../core/sql';
import { unitScopedTables } from '../../core/unit-scoped';

export { childPlacement } from '../../../../shared/src/domain/org-tree';

export type OrgRow = typeof organizations.$inferSelect;
export type NewOrgRow = typeof organizations.$inferInsert;

/** The list filters; `pageSize: null` answers every matching row (for exports). */
export type OrgListFilter = Partial<Omit<OrgListQuery, 'pageSize'>> & { pageSize?: number | null };

/** The organisations a scope covers: all, one unit's subtree (same `unit_id`), or one organisation. */
export function orgScopeWhere(scope: Scope): SQL | undefined {
  if (scope.kind === 'unit') return eq(organizations.unitId, scope.unitId);
  if (scope.kind === 'org') return eq(organizations.id, scope.orgId);
  // Only `all` is unfiltered: any other kind (a reviewer's `self`) sees nothing here.
  return scope.kind === 'all' ? undefined : sql`false`;
}

/** The top of the tree a scope sees: the root, the own unit, or the own organisation. */
function scopeTopWhere(scope: Scope): SQL {
  if (scope.kind === 'unit') return eq(organizations.id, scope.unitId);
  if (scope.kind === 'org') return eq(organizations.id, scope.orgId);
  if (scope.kind === 'self') return sql`false`;
  return isNull(organizations.parentId);
}

const unit = alias(organizations, 'unit');

const contractColumns = {
  id: organizations.id,
  code: organizations.code,
  name: organizations.name,
  shortName: organizations.shortName,
  kind: organizations.kind,
  parentId: organizations.parentId,
  unitId: organizations.unitId,
  unitName: unit.name,
  depth: organizations.depth,
  secretary: organizations.secretary,
  contactName: organizations.contactName,
  contactPhone: organizations.contactPhone,
  memberCount: organizations.memberCount,
  active: organizations.active,
  childCount: sql<number>`(select count(*)::int from organizations c where c.parent_id = ${organizations.id} and c.active)`,
  version: organizations.version,
  updatedAt: organizations.updatedAt,
};

type ContractRow = Omit<Organization, 'updatedAt'> & { updatedAt: Date };

function toContract(r: ContractRow): Organization {
  return { ...r, childCount: Number(r.childCount), updatedAt: r.updatedAt.toISOString() };
}

function selectContract(db: DbOrTx) {
  return db.select(contractColumns).from(organizations).leftJoin(unit, eq(unit.id, organizations.unitId));
}

const SORT_COLUMNS = {
  code: organizations.code,
  name: organizations.name,
  kind: organizations.kind,
  memberCount: organizations.memberCount,
  updatedAt: organizations.updatedAt,
} as const;

function orderOf(sort: string | undefined): SQL[] {
  const key = (sort ?? 'code').replace(/^-/, '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key] ?? organizations.code;
  const dir = sort?.startsWith('-') ? desc : asc;
  return [dir(column), asc(organizations.id)];
}

function listWhere(scope: Scope, f: OrgListFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [orgScopeWhere(scope)];
  const q = f.q?.trim();
  if (q) {
    const esc = likeEscape(q);
    conds.push(
      or(
        ilike(organizations.name, `%${esc}%`),
        ilike(organizations.shortName, `%${esc}%`),
        ilike(organizations.code, `${esc}%`),
      ),
    );
  }
  if (f.kind) conds.push(eq(organizations.kind, f.kind));
  if (f.unitId) conds.push(eq(organizations.unitId, f.unitId));
  if (f.parentId) conds.push(eq(organizations.parentId, f.parentId));
  if (f.roots === 'true') conds.push(scopeTopWhere(scope));
  const active = f.active ?? 'true';
  if (active !== 'all') conds.push(eq(organizations.active, active === 'true'));
  return and(...conds);
}

/** One page of the organisations in scope, in the contract shape (phones NOT masked: the caller masks). */
export async function listOrganizations(
  db: DbOrTx,
  scope: Scope,
  f: OrgListFilter,
): Promise<{ items: Organization[]; total: number }> {
  const where = listWhere(scope, f);
  const base = selectContract(db)
    .where(where)
    .orderBy(...orderOf(f.sort));
  const w = pageWindow(f);
  const rows = w ? await base.limit(w.limit).offset(w.offset) : await base;
  return { items: rows.map(toContract), total: await countWhere(db, organizations, where) };
}

/** One organisation in scope, in the contract shape (phone not masked), or null. */
export async function getOrganization(db: DbOrTx, scope: Scope, id: string): Promise<Organization | null> {
  const [row] = await selectContract(db)
    .where(and(eq(organizations.id, id), orgScopeWhere(scope)))
    .limit(1);
  return row ? toContract(row) : null;
}

/**
 * The table row of one organisation in scope (with `path`, `depth`, `unitId` for `childPlacement`), or
 * null. `lock` takes a row lock inside a transaction (`update` before changing it, `share` for a parent).
 */
export async function findInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock?: 'update' | 'share',
): Promise<OrgRow | null> {
  const q = db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), orgScopeWhere(scope)))
    .limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

/** The visible levels from the top of the tree down to the node of `path` (itself included). */
export async function listAncestors(db: DbOrTx, scope: Scope, path: string): Promise<Organization[]> {
  const rows = await selectContract(db)
    .where(and(inArray(organizations.id, pathIds(path)), orgScopeWhere(scope)))
    .orderBy(asc(organizations.depth));
  return rows.map(toContract);
}

/** The distinct kinds of an organisation's children (active or not). */
export async function childKinds(db: DbOrTx, id: string): Promise<OrgKind[]> {
  const rows = await db
    .selectDistinct({ kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.parentId, id));
  return rows.map((r) => r.kind);
}

export async function countActiveChildren(db: DbOrTx, id: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizations)
    .where(and(eq(organizations.parentId, id), eq(organizations.active, true)));
  return Number(row?.n ?? 0);
}

/** Whether another organisation already uses `code`. */
export async function codeTaken(db: DbOrTx, code: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.code, code))
    .limit(1);
  return !!row && row.id !== exceptId;
}

export async function insertOrganization(db: DbOrTx, values: NewOrgRow): Promise<OrgRow> {
  const [row] = await db.insert(organizations).values(values).returning();
  return row!;
}

/** Updates one row if it still has `version` (bumping it); null when someone else changed it first. */
export async function updateOrganization(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<NewOrgRow> & { updatedAt: Date },
): Promise<OrgRow | null> {
  const [row] = await db
    .update(organizations)
    .set({ ...set, version: version + 1 })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning();
  return row ?? null;
}

/**
 * Rewrites `path`, `depth` and `unit_id` of a whole subtree in one statement after its top moved from
 * `oldPath` to `newPath`; every node of a subtree below the root shares the top's unit. Returns the count.
 */
export async function rewriteSubtree(
  db: DbOrTx,
  m: { oldPath: string; newPath: string; depthDelta: number; unitId: string | null },
): Promise<number> {
  const rows = await db
    .update(organizations)
    .set({
      path: sql`${m.newPath} || substr(${organizations.path}, ${m.oldPath.length + 1})`,
      depth: sql`${organizations.depth} + ${m.depthDelta}`,
      unitId: m.unitId,
    })
    .where(like(organizations.path, `${likeEscape(m.oldPath)}%`))
    .returning({ id: organizations.id });
  return rows.length;
}

/**
 * Sets the unit of every row that belongs to an organisation of the subtree at `path`, in every table the
 * modules registered as unit-scoped (core/unit-scoped.ts): venues, accounts, and the campaign records,
 * which follow their organisation so the new unit's admins see (and are responsible for) them. Only the
 * root has no unit, and the root never moves; tables whose unit is required are left alone then.
 */
export async function reassignUnit(db: DbOrTx, path: string, unitId: string | null): Promise<void> {
  const subtree = db
    .select({ id: organizations.id })
    .from(organizations)
    .where(like(organizations.path, `${likeEscape(path)}%`));
  const tables = unitScopedTables();
  if (tables.length === 0) throw new Error('no unit-scoped tables registered (buildApp registers them)');
  for (const t of tables) {
    if (unitId === null && t.unitColumn.notNull) continue;
    const o = t.owner;
    const owned =
      'column' in o
        ? inArray(
            o.column,
            db.select({ id: o.idColumn }).from(o.idColumn.table).where(inArray(o.orgColumn, subtree)),
          )
        : inArray(o.orgColumn, subtree);
    await db
      .update(t.table)
      .set({ [t.unitKey]: unitId })
      .where(owned);
  }
}

/**
 * Serialises changes to the tree's shape for the rest of the transaction: moves take it `exclusive`,
 * every other organisation write (create, update, (de)activate, import) `shared`, so no write reads a
 * path that a concurrent move is rewriting.
 */
export async function lockTree(db: DbOrTx, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = 0x5f0a7; // any constant: the tree is one resource
  await db.execute(
    mode === 'exclusive'
      ? sql`select pg_advisory_xact_lock(${key})`
      : sql`select pg_advisory_xact_lock_shared(${key})`,
  );
}
