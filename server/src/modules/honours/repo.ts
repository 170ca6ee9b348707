/** Queries of the honours (the service decides the transaction). Reads take the caller's scope. */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { honourKinds, honours, organizations, titles, tracks } from '../../db/schema';
import type { Scope } from '../../core/context';
import { likeEscape } from '../../core/sql';
import { countWhere, pageWindow } from '../../db/paging';
import type { HonourListQuery } from '../../../../shared/src/contracts/honours';

export type HonourRow = typeof honours.$inferSelect;
export type NewHonourRow = typeof honours.$inferInsert;
export type HonourKindRow = typeof honourKinds.$inferSelect;

// ── Kinds ─────────────────────────────────────────────────────────────────────────────────────────────
export function allKinds(db: DbOrTx): Promise<HonourKindRow[]> {
  return db
    .select()
    .from(honourKinds)
    .orderBy(desc(honourKinds.builtIn), asc(honourKinds.createdAt), asc(honourKinds.code));
}

export async function insertKind(
  db: DbOrTx,
  values: typeof honourKinds.$inferInsert,
): Promise<HonourKindRow> {
  const [row] = await db.insert(honourKinds).values(values).returning();
  return row!;
}

// ── Records ───────────────────────────────────────────────────────────────────────────────────────────
export function honourScopeWhere(scope: Scope): SQL | undefined {
  if (scope.kind === 'unit') return eq(honours.unitId, scope.unitId);
  if (scope.kind === 'org') return eq(honours.organizationId, scope.orgId);
  return scope.kind === 'all' ? undefined : sql`false`;
}

const unitName = sql<string>`coalesce((select name from organizations u where u.id = ${honours.unitId}), '')`;

const columns = {
  row: honours,
  kindNameZh: sql<string>`coalesce(${honourKinds.nameZh}, ${honours.kindCode})`,
  organizationName: organizations.name,
  orgKind: organizations.kind,
  unitName,
};

function selectJoined(db: DbOrTx) {
  return db
    .select(columns)
    .from(honours)
    .innerJoin(organizations, eq(organizations.id, honours.organizationId))
    .leftJoin(honourKinds, eq(honourKinds.code, honours.kindCode));
}

const SORT = {
  awardedOn: honours.awardedOn,
  year: honours.year,
  organizationName: organizations.name,
} as const;

function orderOf(sort: string | undefined): SQL[] {
  const s = sort ?? '-awardedOn';
  const key = s.replace(/^-/, '') as keyof typeof SORT;
  const dir = s.startsWith('-') ? desc : asc;
  return [dir(SORT[key] ?? honours.awardedOn), asc(honours.kindCode), asc(honours.id)];
}

function listWhere(scope: Scope, f: HonourListQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [honourScopeWhere(scope)];
  if (f.year) conds.push(eq(honours.year, f.year));
  if (f.kindCode) conds.push(eq(honours.kindCode, f.kindCode));
  if (f.subject) conds.push(eq(honours.subject, f.subject));
  if (f.unitId) conds.push(eq(honours.unitId, f.unitId));
  const q = f.q?.trim();
  if (q) {
    const p = `%${likeEscape(q)}%`;
    conds.push(or(ilike(organizations.name, p), ilike(honours.documentNo, p)));
  }
  return and(...conds);
}

export async function listHonours(db: DbOrTx, scope: Scope, f: HonourListQuery) {
  const where = listWhere(scope, f);
  const w = pageWindow(f)!;
  const rows = await selectJoined(db)
    .where(where)
    .orderBy(...orderOf(f.sort))
    .limit(w.limit)
    .offset(w.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(honours)
    .innerJoin(organizations, eq(organizations.id, honours.organizationId))
    .where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

export type HonourJoined = NonNullable<Awaited<ReturnType<typeof findHonour>>>;

export async function findHonour(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await selectJoined(db)
    .where(and(eq(honours.id, id), honourScopeWhere(scope)))
    .limit(1);
  return row ?? null;
}

export async function insertHonours(db: DbOrTx, values: NewHonourRow[]): Promise<HonourRow[]> {
  if (values.length === 0) return [];
  return db.insert(honours).values(values).returning();
}

export async function deleteHonour(db: DbOrTx, id: string): Promise<void> {
  await db.delete(honours).where(eq(honours.id, id));
}

/** The keys (honourKey) of the honours recorded for these organisations. */
export async function existingKeys(db: DbOrTx, orgIds: string[]): Promise<Set<string>> {
  if (orgIds.length === 0) return new Set();
  const rows = await db
    .select({
      kindCode: honours.kindCode,
      year: honours.year,
      organizationId: honours.organizationId,
      personName: honours.personName,
    })
    .from(honours)
    .where(inArray(honours.organizationId, orgIds));
  return new Set(rows.map(honourKey));
}

export const honourKey = (k: {
  kindCode: string;
  year: number;
  organizationId: string;
  personName: string | null;
}) => `${k.kindCode}|${k.year}|${k.organizationId}|${k.personName ?? ''}`;

export async function countAll(db: DbOrTx): Promise<number> {
  return countWhere(db, honours, undefined);
}

// ── The 蓄水池 report ───────────────────────────────────────────────────────────────────────────────────
export function reportHonours(db: DbOrTx) {
  return db
    .select({
      year: honours.year,
      kindCode: honours.kindCode,
      subject: honours.subject,
      organizationId: honours.organizationId,
      unitId: honours.unitId,
      awardedOn: honours.awardedOn,
    })
    .from(honours);
}

/**
 * Every title's standing span: from `validFrom` to the first China day it no longer stands — its
 * validity's end, or the day (China time) of its first revocation or expiry if earlier.
 */
export function titleSpans(db: DbOrTx) {
  // China time is UTC+8 all year: the day of an instant is that of the instant 8 hours on, in UTC.
  const ended = sql<string | null>`(select min(((e.at + interval '8 hours') at time zone 'UTC')::date)::text
    from title_events e where e.title_id = "titles"."id" and e.action in ('revoke', 'expire'))`;
  return db
    .select({
      organizationId: titles.organizationId,
      trackCode: titles.trackCode,
      orgKind: titles.orgKind,
      validFrom: titles.validFrom,
      validUntil: titles.validUntil,
      endedOn: ended,
    })
    .from(titles);
}

export function trackNames(db: DbOrTx) {
  return db.select({ code: tracks.code, nameZh: tracks.nameZh }).from(tracks);
}
