/**
 * What other modules read of the expert pool and conflicts of interest (they never import this module's
 * repo). A pair is conflicted when the tree says so (derived: `conflictReason`) and no committee override
 * waives it, or when a conflict was declared; an overridden pair counts, with its reason shown as a banner.
 * Derived conflicts follow the tree live: the reviewer's organisation's current path (the profile's stored
 * path only when the organisation is gone).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  conflictOverrides,
  declaredConflicts,
  organizations,
  reviewerProfiles,
  users,
} from '../../db/schema';
import { conflictKey, derivedConflicts } from '../../../../shared/src/domain/evaluation';
import type { ConflictSource } from '../../../../shared/src/domain/stages';
import type { ConflictRecord } from '../../../../shared/src/contracts/reviewers';

export interface ConflictNote {
  id: string;
  reason: string;
  byName: string | null;
  at: string;
}

export interface ConflictStatus {
  conflicted: boolean;
  /** Why the pair conflicts (empty when it does not); `declared` included when declared. */
  sources: ConflictSource[];
  /** The committee's waiver of a derived conflict, shown on the review. */
  override: ConflictNote | null;
}

export interface ConflictDetail extends ConflictStatus {
  reviewerId: string;
  applicationId: string;
  declared: ConflictNote | null;
}

export interface Pair {
  reviewerId: string;
  applicationId: string;
}

const anyOf = (ids: readonly string[]) => sql`any(${sql.param([...ids])}::uuid[])`;

/** Reviewers placed in the tree (live path), for derived conflicts and unit spread. */
export async function reviewerPlacements(
  db: DbOrTx,
  reviewerIds: readonly string[],
): Promise<{ id: string; orgPath: string | null; unitId: string | null }[]> {
  if (reviewerIds.length === 0) return [];
  return db
    .select({
      id: users.id,
      orgPath: sql<string | null>`coalesce(${organizations.path}, ${reviewerProfiles.affiliationPath})`,
      unitId: sql<string | null>`case when ${organizations.depth} = 0 then null
        else coalesce(${organizations.unitId}, ${reviewerProfiles.affiliationUnitId}) end`,
    })
    .from(users)
    .leftJoin(reviewerProfiles, eq(reviewerProfiles.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, reviewerProfiles.affiliationOrgId))
    .where(sql`${users.id} = ${anyOf(reviewerIds)}`);
}

/**
 * What conflicts are derived from, in one statement (a review's lock asks twice; four round trips each
 * were a fifth of its statements): the reviewers' live placements, the applications' paths, and the
 * declarations and overrides among the pairs.
 */
async function conflictFacts(db: DbOrTx, reviewerIds: readonly string[], applicationIds: readonly string[]) {
  const r = anyOf(reviewerIds);
  const a = anyOf(applicationIds);
  const notes = (table: typeof declaredConflicts | typeof conflictOverrides, byName: unknown) => sql`(
    SELECT coalesce(json_agg(json_build_object('id', t.id, 'reviewerId', t.reviewer_id,
      'applicationId', t.application_id, 'reason', t.reason, 'byName', ${byName},
      'at', to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), '[]'::json)
    FROM ${table} t WHERE t.reviewer_id = ${r} AND t.application_id = ${a})`;
  const result = await db.execute(sql`SELECT
    (SELECT coalesce(json_agg(json_build_object('id', u.id,
        'orgPath', coalesce(o.path, p.affiliation_path),
        'unitId', CASE WHEN o.depth = 0 THEN NULL ELSE coalesce(o.unit_id, p.affiliation_unit_id) END)), '[]'::json)
     FROM ${users} u LEFT JOIN ${reviewerProfiles} p ON p.user_id = u.id
     LEFT JOIN ${organizations} o ON o.id = p.affiliation_org_id WHERE u.id = ${r}) AS revs,
    (SELECT coalesce(json_agg(json_build_object('id', ap.id, 'orgPath', o.path)), '[]'::json)
     FROM ${applications} ap JOIN ${organizations} o ON o.id = ap.organization_id WHERE ap.id = ${a}) AS apps,
    ${notes(declaredConflicts, sql.raw('t.declared_by_name'))} AS declared,
    ${notes(conflictOverrides, sql.raw('t.overridden_by_name'))} AS overrides`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows[0] as {
    revs: { id: string; orgPath: string | null; unitId: string | null }[];
    apps: { id: string; orgPath: string }[];
    declared: ConflictRecord[];
    overrides: ConflictRecord[];
  };
}

/**
 * Every conflicted, declared or overridden pair among these reviewers and applications, keyed by
 * `conflictKey`. Pairs absent from the map have no conflict. Work is per unit for the derived part.
 */
export async function conflictDetails(
  db: DbOrTx,
  reviewerIds: readonly string[],
  applicationIds: readonly string[],
): Promise<Map<string, ConflictDetail>> {
  const out = new Map<string, ConflictDetail>();
  if (reviewerIds.length === 0 || applicationIds.length === 0) return out;
  const { revs, apps, declared, overrides } = await conflictFacts(db, reviewerIds, applicationIds);
  const entry = (reviewerId: string, applicationId: string): ConflictDetail => {
    const key = conflictKey(reviewerId, applicationId);
    let d = out.get(key);
    if (!d) {
      d = { reviewerId, applicationId, conflicted: false, sources: [], override: null, declared: null };
      out.set(key, d);
    }
    return d;
  };
  for (const c of derivedConflicts(revs, apps)) entry(c.reviewerId, c.applicationId).sources.push(c.reason);
  const note = (r: ConflictRecord): ConflictNote => ({
    id: r.id,
    reason: r.reason,
    byName: r.byName,
    at: r.at,
  });
  for (const d of declared) {
    const e = entry(d.reviewerId, d.applicationId);
    e.sources.push('declared');
    e.declared = note(d);
  }
  for (const o of overrides) {
    const e = out.get(conflictKey(o.reviewerId, o.applicationId));
    // An override of a pair the tree no longer conflicts has nothing left to waive.
    if (e && e.sources.some((s) => s !== 'declared')) e.override = note(o);
  }
  for (const e of out.values()) e.conflicted = e.declared !== null || (e.sources.length > 0 && !e.override);
  return out;
}

/** The conflict status of each reviewer–application pair, keyed by `conflictKey`. */
export async function conflictStatuses(
  db: DbOrTx,
  pairs: readonly Pair[],
): Promise<Map<string, ConflictStatus>> {
  const out = new Map<string, ConflictStatus>();
  if (pairs.length === 0) return out;
  const details = await conflictDetails(
    db,
    [...new Set(pairs.map((p) => p.reviewerId))],
    [...new Set(pairs.map((p) => p.applicationId))],
  );
  for (const p of pairs) {
    const key = conflictKey(p.reviewerId, p.applicationId);
    const d = details.get(key);
    out.set(key, d ? { conflicted: d.conflicted, sources: d.sources, override: d.override } : none());
  }
  return out;
}

const none = (): ConflictStatus => ({ conflicted: false, sources: [], override: null });

/** The conflict status of one pair. */
export async function conflictStatus(db: DbOrTx, pair: Pair): Promise<ConflictStatus> {
  return (await conflictStatuses(db, [pair])).get(conflictKey(pair.reviewerId, pair.applicationId))!;
}

export interface ReviewerCard {
  id: string;
  displayName: string;
  /** The organisation's name, or the external affiliation. */
  affiliation: string | null;
  /** The unit of the reviewer's organisation (null: external, or the working committee). */
  unitId: string | null;
  expertise: string[];
  /** Enabled and marked available. */
  available: boolean;
}

function cards(db: DbOrTx) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      affiliation: sql<
        string | null
      >`coalesce(${organizations.name}, ${reviewerProfiles.externalAffiliation})`,
      unitId: sql<string | null>`case when ${organizations.depth} = 0 then null
        else coalesce(${organizations.unitId}, ${reviewerProfiles.affiliationUnitId}) end`,
      expertise: sql<string[]>`coalesce(${reviewerProfiles.expertise}, '{}')`,
      available: sql<boolean>`coalesce(${reviewerProfiles.available}, true) and not ${users.disabled}`,
    })
    .from(users)
    .leftJoin(reviewerProfiles, eq(reviewerProfiles.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, reviewerProfiles.affiliationOrgId));
}

/** Reviewer accounts by id (other roles are left out). */
export async function reviewerCards(db: DbOrTx, ids: readonly string[]): Promise<ReviewerCard[]> {
  if (ids.length === 0) return [];
  return cards(db).where(and(sql`${users.id} = ${anyOf(ids)}`, eq(users.role, 'reviewer')));
}

/** The available pool (enabled, marked available), optionally with at least one of the tags; by id. */
export function availableReviewers(db: DbOrTx, tags: readonly string[] = []): Promise<ReviewerCard[]> {
  return cards(db)
    .where(
      and(
        eq(users.role, 'reviewer'),
        eq(users.disabled, false),
        sql`coalesce(${reviewerProfiles.available}, true)`,
        tags.length > 0 ? sql`${reviewerProfiles.expertise} && ${sql.param([...tags])}::text[]` : undefined,
      ),
    )
    .orderBy(users.id);
}
