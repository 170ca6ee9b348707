/**
 * The queries of the import and export (kept beside the CRUD module's `repo.ts`, which another
 * engineer owns). Bulk writes go through `unnest` arrays in chunks: one statement per 5,000 rows, with
 * the enum passed as text and cast (PGlite does not serialise arrays of custom enums).
 */
import { and, asc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { organizations } from '../../db/schema';
import type { Scope } from '../../core/context';
import type { OrgKind } from '../../../../shared/src/enums';
import type { OrgExportQuery } from '../../../../shared/src/contracts/organization-import';
import type { ExistingOrg, PlannedOrg } from './import-plan';
import { likeEscape } from '../../core/sql';
import { orgScopeWhere } from './repo';

export const CHUNK = 5000;

const existingColumns = {
  id: organizations.id,
  code: organizations.code,
  kind: organizations.kind,
  parentId: organizations.parentId,
  path: organizations.path,
  depth: organizations.depth,
  unitId: organizations.unitId,
  active: organizations.active,
  name: organizations.name,
  shortName: organizations.shortName,
  secretary: organizations.secretary,
  contactName: organizations.contactName,
  contactPhone: organizations.contactPhone,
  memberCount: organizations.memberCount,
};

/** The organisations with any of these codes (one array parameter, however many codes). */
export async function findByCodes(db: DbOrTx, codes: string[]): Promise<Map<string, ExistingOrg>> {
  const out = new Map<string, ExistingOrg>();
  for (let i = 0; i < codes.length; i += 50_000) {
    const part = codes.slice(i, i + 50_000);
    const rows = await db
      .select(existingColumns)
      .from(organizations)
      .where(sql`${organizations.code} = any(${sql.param(part)}::text[])`);
    for (const r of rows) out.set(r.code, r);
  }
  return out;
}

/** The children (code, kind) of the given organisations, by parent id. */
export async function childrenOf(
  db: DbOrTx,
  parentIds: string[],
): Promise<Map<string, { code: string; kind: OrgKind }[]>> {
  const out = new Map<string, { code: string; kind: OrgKind }[]>();
  if (parentIds.length === 0) return out;
  const rows = await db
    .select({ parentId: organizations.parentId, code: organizations.code, kind: organizations.kind })
    .from(organizations)
    .where(sql`${organizations.parentId} = any(${sql.param(parentIds)}::uuid[])`);
  for (const r of rows) {
    const list = out.get(r.parentId!) ?? [];
    list.push({ code: r.code, kind: r.kind });
    out.set(r.parentId!, list);
  }
  return out;
}

const col = <K extends keyof PlannedOrg>(rows: PlannedOrg[], k: K) => sql.param(rows.map((r) => r[k]));

/** Inserts new organisations, parents first (the foreign key is checked at the end of each statement). */
export async function insertOrganizations(db: DbOrTx, rows: PlannedOrg[], now: Date): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const c = rows.slice(i, i + CHUNK);
    await db.execute(sql`
      insert into organizations (id, code, name, short_name, kind, parent_id, unit_id, path, depth,
        secretary, contact_name, contact_phone, member_count, created_at, updated_at)
      select u.id, u.code, u.name, u.short_name, u.kind::org_kind, u.parent_id, u.unit_id, u.path, u.depth,
        u.secretary, u.contact_name, u.contact_phone, u.member_count, ${at}::timestamptz, ${at}::timestamptz
      from unnest(${col(c, 'id')}::uuid[], ${col(c, 'code')}::text[], ${col(c, 'name')}::text[],
        ${col(c, 'shortName')}::text[], ${col(c, 'kind')}::text[], ${col(c, 'parentId')}::uuid[],
        ${col(c, 'unitId')}::uuid[], ${col(c, 'path')}::text[], ${col(c, 'depth')}::int[],
        ${col(c, 'secretary')}::text[], ${col(c, 'contactName')}::text[], ${col(c, 'contactPhone')}::text[],
        ${col(c, 'memberCount')}::int[])
        as u(id, code, name, short_name, kind, parent_id, unit_id, path, depth,
          secretary, contact_name, contact_phone, member_count)`);
  }
}

/** Rewrites the fields of existing organisations (not their place in the tree), bumping `version`. */
export async function updateOrganizations(db: DbOrTx, rows: PlannedOrg[], now: Date): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const c = rows.slice(i, i + CHUNK);
    await db.execute(sql`
      update organizations o set name = u.name, short_name = u.short_name, kind = u.kind::org_kind,
        secretary = u.secretary, contact_name = u.contact_name, contact_phone = u.contact_phone,
        member_count = u.member_count, version = o.version + 1, updated_at = ${at}::timestamptz
      from unnest(${col(c, 'id')}::uuid[], ${col(c, 'name')}::text[], ${col(c, 'shortName')}::text[],
        ${col(c, 'kind')}::text[], ${col(c, 'secretary')}::text[], ${col(c, 'contactName')}::text[],
        ${col(c, 'contactPhone')}::text[], ${col(c, 'memberCount')}::int[])
        as u(id, name, short_name, kind, secretary, contact_name, contact_phone, member_count)
      where o.id = u.id`);
  }
}

/** The code of the working committee (the root), for the template's example rows. */
export async function rootCode(db: DbOrTx): Promise<string | null> {
  const [row] = await db
    .select({ code: organizations.code })
    .from(organizations)
    .where(isNull(organizations.parentId))
    .orderBy(asc(organizations.createdAt))
    .limit(1);
  return row?.code ?? null;
}

const parent = alias(organizations, 'parent');
const unit = alias(organizations, 'unit');

export interface ExportRow {
  path: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  parentCode: string | null;
  secretary: string | null;
  contactName: string | null;
  contactPhone: string | null;
  memberCount: number;
  unitName: string | null;
  active: boolean;
}

/** The list's filters within the scope (the same semantics as the organisation list). */
export function exportWhere(scope: Scope, f: OrgExportQuery): SQL | undefined {
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
  if (f.roots === 'true') {
    if (scope.kind === 'unit') conds.push(eq(organizations.id, scope.unitId));
    else if (scope.kind === 'org') conds.push(eq(organizations.id, scope.orgId));
    else conds.push(isNull(organizations.parentId));
  }
  if (f.active !== 'all') conds.push(eq(organizations.active, f.active !== 'false'));
  return and(...conds);
}

/**
 * One batch of the export in tree order (by path, bytewise: the `text_pattern_ops` index serves both
 * the `~>~` bound and the order), after the path `after`.
 */
export async function exportBatch(
  db: DbOrTx,
  where: SQL | undefined,
  after: string | null,
  limit: number,
): Promise<ExportRow[]> {
  return db
    .select({
      path: organizations.path,
      code: organizations.code,
      name: organizations.name,
      shortName: organizations.shortName,
      kind: organizations.kind,
      parentCode: parent.code,
      secretary: organizations.secretary,
      contactName: organizations.contactName,
      contactPhone: organizations.contactPhone,
      memberCount: organizations.memberCount,
      unitName: unit.name,
      active: organizations.active,
    })
    .from(organizations)
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .leftJoin(unit, eq(unit.id, organizations.unitId))
    .where(and(where, after === null ? undefined : sql`${organizations.path} ~>~ ${after}`))
    .orderBy(sql`${organizations.path} using ~<~`)
    .limit(limit);
}
