/**
 * Queries of the cultivation library (培育库). Reads take the caller's `Scope`: a unit's candidates are
 * not found from another unit. Readiness percentages are computed by the pure rule, not in SQL.
 */
import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { pageWindow } from '../../db/paging';
import { applications, cultivations, organizations, tracks, venues } from '../../db/schema';
import type { Scope } from '../../core/context';
import type { Cultivation, CultivationListQuery } from '../../../../shared/src/contracts/cultivation';
import { MILESTONE_DUE_DAYS } from '../../../../shared/src/contracts/desk';
import { likeEscape } from '../../core/sql';
import { percentagesOf } from './standards';

export type CultivationRow = typeof cultivations.$inferSelect;
export type NewCultivationRow = typeof cultivations.$inferInsert;

/** The list filters; `pageSize: null` answers every matching row. */
export type CultivationListFilter = Partial<Omit<CultivationListQuery, 'pageSize'>> & {
  pageSize?: number | null;
  /** Today in China (YYYY-MM-DD), which the `milestones` filter counts from. */
  today?: string;
};

/** An open milestone of the cultivation on or before `lastDay` (`due`) or before `today` (`overdue`). */
function milestoneWhere(f: CultivationListFilter): SQL | undefined {
  if (!f.milestones || !f.today) return undefined;
  const bound =
    f.milestones === 'overdue'
      ? sql`m.due_on < ${f.today}::date`
      : sql`m.due_on <= ${f.today}::date + ${MILESTONE_DUE_DAYS}::int`;
  return sql`exists (select 1 from cultivation_milestones m
    where m.cultivation_id = ${cultivations.id} and m.done_at is null and ${bound})`;
}

export function cultivationScopeWhere(scope: Scope): SQL | undefined {
  if (scope.kind === 'unit') return eq(cultivations.unitId, scope.unitId);
  // No role reads cultivation by organisation; a scope narrower than a unit sees nothing.
  if (scope.kind === 'org') return sql`false`;
  // Only `all` is unfiltered: any other kind (a reviewer's `self`) sees nothing here.
  return scope.kind === 'all' ? undefined : sql`false`;
}

const unit = alias(organizations, 'unit');
const subjectName = sql<string>`coalesce(${venues.name}, ${organizations.name})`;

const contractColumns = {
  id: cultivations.id,
  unitId: cultivations.unitId,
  unitName: unit.name,
  trackCode: cultivations.trackCode,
  trackNameZh: tracks.nameZh,
  trackNameEn: tracks.nameEn,
  subjectKind: tracks.subject,
  subjectId: cultivations.subjectId,
  subjectName,
  organizationId: cultivations.organizationId,
  organizationName: organizations.name,
  orgKind: organizations.kind,
  venueId: cultivations.venueId,
  plan: cultivations.plan,
  status: cultivations.status,
  milestonesDone: sql<number>`(select count(*)::int from cultivation_milestones m
    where m.cultivation_id = ${cultivations.id} and m.done_at is not null)`,
  milestonesTotal: sql<number>`(select count(*)::int from cultivation_milestones m
    where m.cultivation_id = ${cultivations.id})`,
  applicationId: sql<string | null>`(select a.id from applications a
    where a.cultivation_id = ${cultivations.id} order by a.created_at desc limit 1)`,
  readiness: cultivations.readiness,
  standardVersionId: cultivations.standardVersionId,
  version: cultivations.version,
  createdAt: cultivations.createdAt,
  updatedAt: cultivations.updatedAt,
};

function selectContract(db: DbOrTx) {
  return db
    .select(contractColumns)
    .from(cultivations)
    .innerJoin(organizations, eq(organizations.id, cultivations.organizationId))
    .innerJoin(tracks, eq(tracks.code, cultivations.trackCode))
    .leftJoin(venues, eq(venues.id, cultivations.venueId))
    .leftJoin(unit, eq(unit.id, cultivations.unitId));
}

type ContractRow = Awaited<ReturnType<ReturnType<typeof selectContract>['execute']>>[number];

async function toContracts(db: DbOrTx, rows: ContractRow[]): Promise<Cultivation[]> {
  const pct = await percentagesOf(db, rows);
  return rows.map(({ readiness: _r, standardVersionId: _s, ...r }) => ({
    ...r,
    milestonesDone: Number(r.milestonesDone),
    milestonesTotal: Number(r.milestonesTotal),
    readinessPercentage: pct.get(r.id) ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const SORT_COLUMNS = {
  updatedAt: cultivations.updatedAt,
  createdAt: cultivations.createdAt,
  subjectName,
  status: cultivations.status,
  unitName: unit.name,
} as const;

function orderOf(sort: string | undefined): SQL[] {
  const s = sort ?? '-updatedAt';
  const key = s.replace(/^-/, '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key] ?? cultivations.updatedAt;
  const dir = s.startsWith('-') ? desc : asc;
  return [dir(column), asc(cultivations.id)];
}

function listWhere(scope: Scope, f: CultivationListFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [cultivationScopeWhere(scope)];
  const q = f.q?.trim();
  if (q) {
    const esc = likeEscape(q);
    conds.push(
      or(
        ilike(organizations.name, `%${esc}%`),
        ilike(venues.name, `%${esc}%`),
        ilike(organizations.code, `${esc}%`),
      ),
    );
  }
  if (f.trackCode) conds.push(eq(cultivations.trackCode, f.trackCode));
  if (f.status) conds.push(eq(cultivations.status, f.status));
  if (f.unitId) conds.push(eq(cultivations.unitId, f.unitId));
  conds.push(milestoneWhere(f));
  return and(...conds);
}

export async function listCultivations(
  db: DbOrTx,
  scope: Scope,
  f: CultivationListFilter,
  opts: { count?: boolean } = {},
): Promise<{ items: Cultivation[]; total: number }> {
  const where = listWhere(scope, f);
  const base = selectContract(db)
    .where(where)
    .orderBy(...orderOf(f.sort));
  const w = pageWindow(f);
  const rows = w ? await base.limit(w.limit).offset(w.offset) : await base;
  if (opts.count === false) return { items: await toContracts(db, rows), total: rows.length };
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cultivations)
    .innerJoin(organizations, eq(organizations.id, cultivations.organizationId))
    .leftJoin(venues, eq(venues.id, cultivations.venueId))
    .where(where);
  return { items: await toContracts(db, rows), total: Number(count?.n ?? 0) };
}

export async function getCultivation(db: DbOrTx, scope: Scope, id: string): Promise<Cultivation | null> {
  const rows = await selectContract(db)
    .where(and(eq(cultivations.id, id), cultivationScopeWhere(scope)))
    .limit(1);
  return rows.length ? (await toContracts(db, rows))[0]! : null;
}

/** The row of one cultivation in scope, locked for update when asked, or null. */
export async function findInScope(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock?: 'update',
): Promise<CultivationRow | null> {
  const q = db
    .select()
    .from(cultivations)
    .where(and(eq(cultivations.id, id), cultivationScopeWhere(scope)))
    .limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function findBySubject(db: DbOrTx, trackCode: string, subjectId: string) {
  const [row] = await db
    .select({ id: cultivations.id })
    .from(cultivations)
    .where(and(eq(cultivations.trackCode, trackCode), eq(cultivations.subjectId, subjectId)))
    .limit(1);
  return row ?? null;
}

export async function insertCultivation(db: DbOrTx, values: NewCultivationRow): Promise<CultivationRow> {
  const [row] = await db.insert(cultivations).values(values).returning();
  return row!;
}

/** Updates one cultivation; with `version`, only if it still has it (bumping it). Null when it changed. */
export async function updateCultivation(
  db: DbOrTx,
  id: string,
  set: Partial<NewCultivationRow> & { updatedAt: Date },
  version?: number,
): Promise<CultivationRow | null> {
  const [row] = await db
    .update(cultivations)
    .set(version === undefined ? set : { ...set, version: version + 1 })
    .where(
      and(eq(cultivations.id, id), version === undefined ? undefined : eq(cultivations.version, version)),
    )
    .returning();
  return row ?? null;
}

export async function findTrack(db: DbOrTx, code: string) {
  const [row] = await db.select().from(tracks).where(eq(tracks.code, code)).limit(1);
  return row ?? null;
}

export async function orgKindOf(db: DbOrTx, organizationId: string) {
  const [row] = await db
    .select({ kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row!.kind;
}

/** The id of the latest application made from a cultivation, if any. */
export async function applicationOf(db: DbOrTx, cultivationId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.cultivationId, cultivationId))
    .orderBy(desc(applications.createdAt))
    .limit(1);
  return row?.id ?? null;
}
