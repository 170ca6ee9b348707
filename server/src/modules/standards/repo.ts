/** Queries of tracks, standards and their immutable versions with criteria. */
import { and, arrayContains, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { criteria, standards, standardVersions, tracks } from '../../db/schema';
import type {
  Criterion,
  StandardListQuery,
  StandardSummary,
  StandardVersion,
  Track,
  TrackListQuery,
} from '../../../../shared/src/contracts/standards';
import type { OrgKind } from '../../../../shared/src/enums';

export type StandardRow = typeof standards.$inferSelect;
export type VersionRow = typeof standardVersions.$inferSelect;
export type NewCriterionRow = Omit<typeof criteria.$inferInsert, 'standardVersionId' | 'position'>;
export type TrackRow = typeof tracks.$inferSelect;

export async function listTracks(db: DbOrTx, q: TrackListQuery): Promise<{ items: Track[]; total: number }> {
  const order = q.sort?.replace(/^-/, '') === 'code' ? tracks.code : tracks.position;
  const dir = q.sort?.startsWith('-') ? desc : asc;
  const items = await db
    .select()
    .from(tracks)
    .orderBy(dir(order), asc(tracks.code))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [n] = await db.select({ n: count() }).from(tracks);
  return { items, total: n?.n ?? 0 };
}

export async function findTracks(db: DbOrTx, codes: string[]): Promise<TrackRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(tracks).where(inArray(tracks.code, codes));
}

const summaryColumns = {
  id: standards.id,
  code: standards.code,
  track: standards.trackCode,
  orgKinds: standards.orgKinds,
  nameZh: standards.nameZh,
  nameEn: standards.nameEn,
  active: standards.active,
  latestVersion: standards.latestVersion,
  latestVersionId: standardVersions.id,
  totalPoints: standardVersions.totalPoints,
  bonusCap: standardVersions.bonusCap,
  criteriaCount: sql<number>`(select count(*)::int from ${criteria} where ${criteria.standardVersionId} = ${standardVersions.id})`,
  updatedAt: standards.updatedAt,
};

function selectSummary(db: DbOrTx) {
  return db
    .select(summaryColumns)
    .from(standards)
    .innerJoin(
      standardVersions,
      and(
        eq(standardVersions.standardId, standards.id),
        eq(standardVersions.version, standards.latestVersion),
      ),
    );
}

const SORT = { code: standards.code, nameZh: standards.nameZh, updatedAt: standards.updatedAt } as const;

function listWhere(q: Partial<StandardListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (q.track) conds.push(eq(standards.trackCode, q.track));
  if (q.orgKind) conds.push(arrayContains(standards.orgKinds, [q.orgKind]));
  const active = q.active ?? 'true';
  if (active !== 'all') conds.push(eq(standards.active, active === 'true'));
  return and(...conds);
}

type SummaryRow = Omit<StandardSummary, 'updatedAt'> & { updatedAt: Date };
const toSummary = (r: SummaryRow): StandardSummary => ({
  ...r,
  criteriaCount: Number(r.criteriaCount),
  updatedAt: r.updatedAt.toISOString(),
});

export async function listStandards(
  db: DbOrTx,
  q: StandardListQuery,
): Promise<{ items: StandardSummary[]; total: number }> {
  const where = listWhere(q);
  const key = (q.sort ?? 'code').replace(/^-/, '') as keyof typeof SORT;
  const dir = q.sort?.startsWith('-') ? desc : asc;
  const rows = await selectSummary(db)
    .where(where)
    .orderBy(dir(SORT[key] ?? standards.code), asc(standards.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [n] = await db.select({ n: count() }).from(standards).where(where);
  return { items: rows.map(toSummary), total: n?.n ?? 0 };
}

export async function getSummary(db: DbOrTx, id: string): Promise<StandardSummary | null> {
  const [row] = await selectSummary(db).where(eq(standards.id, id)).limit(1);
  return row ? toSummary(row) : null;
}

export async function findStandard(db: DbOrTx, id: string, lock?: 'update'): Promise<StandardRow | null> {
  const q = db.select().from(standards).where(eq(standards.id, id)).limit(1);
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

/** One version with its criteria in order, or null. */
export async function getVersion(
  db: DbOrTx,
  standardId: string,
  version: number,
): Promise<StandardVersion | null> {
  const [v] = await db
    .select()
    .from(standardVersions)
    .where(and(eq(standardVersions.standardId, standardId), eq(standardVersions.version, version)))
    .limit(1);
  if (!v) return null;
  const items = await db
    .select()
    .from(criteria)
    .where(eq(criteria.standardVersionId, v.id))
    .orderBy(asc(criteria.position));
  return {
    id: v.id,
    version: v.version,
    totalPoints: v.totalPoints,
    bonusCap: v.bonusCap,
    note: v.note,
    createdAt: v.createdAt.toISOString(),
    criteria: items.map((c): Criterion => ({
      id: c.id,
      position: c.position,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      description: c.description,
      maxPoints: c.maxPoints,
      evidence: c.evidence,
      evidenceRequired: c.evidenceRequired,
      methods: c.methods,
      veto: c.veto,
      bonus: c.bonus,
    })),
  };
}

export async function insertStandard(
  db: DbOrTx,
  values: typeof standards.$inferInsert,
): Promise<StandardRow> {
  const [row] = await db.insert(standards).values(values).returning();
  return row!;
}

/** Writes one immutable version and its criteria (positions 1…n in the given order). */
export async function insertVersion(
  db: DbOrTx,
  values: typeof standardVersions.$inferInsert,
  items: NewCriterionRow[],
): Promise<VersionRow> {
  const [v] = await db.insert(standardVersions).values(values).returning();
  if (items.length)
    await db
      .insert(criteria)
      .values(items.map((c, i) => ({ ...c, standardVersionId: v!.id, position: i + 1 })));
  return v!;
}

export async function updateStandard(
  db: DbOrTx,
  id: string,
  set: Partial<typeof standards.$inferInsert> & { updatedAt: Date },
): Promise<StandardRow> {
  const [row] = await db.update(standards).set(set).where(eq(standards.id, id)).returning();
  return row!;
}

/** What campaigns show of the versions they use: lineage, code, number and names. */
export async function versionsInfo(db: DbOrTx, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select({
      standardVersionId: standardVersions.id,
      standardId: standards.id,
      code: standards.code,
      track: standards.trackCode,
      version: standardVersions.version,
      nameZh: standards.nameZh,
      nameEn: standards.nameEn,
      active: standards.active,
      latestVersion: standards.latestVersion,
    })
    .from(standardVersions)
    .innerJoin(standards, eq(standards.id, standardVersions.standardId))
    .where(inArray(standardVersions.id, versionIds));
}

/**
 * The latest version of the active standards of some tracks, with their kinds: campaigns take their
 * defaults from these (a kind's standard lists it; a track-wide slot takes one that lists no kind).
 */
export async function latestActive(
  db: DbOrTx,
  trackCodes: string[],
): Promise<{ standardId: string; track: string; orgKinds: OrgKind[]; versionId: string; code: string }[]> {
  if (trackCodes.length === 0) return [];
  return db
    .select({
      standardId: standards.id,
      track: standards.trackCode,
      orgKinds: standards.orgKinds,
      versionId: standardVersions.id,
      code: standards.code,
    })
    .from(standards)
    .innerJoin(
      standardVersions,
      and(
        eq(standardVersions.standardId, standards.id),
        eq(standardVersions.version, standards.latestVersion),
      ),
    )
    .where(and(inArray(standards.trackCode, trackCodes), eq(standards.active, true)))
    .orderBy(asc(standards.code));
}
