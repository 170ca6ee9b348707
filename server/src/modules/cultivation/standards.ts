/**
 * Which standard a candidate is checked against, and the readiness answers built from it. The current
 * standard for a subject is the latest version of the active standard of the cultivation's track that
 * lists the organisation's kind (or lists no kinds, as the venue standard does).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { criteria, standards, standardVersions } from '../../db/schema';
import type { Readiness } from '../../../../shared/src/contracts/cultivation';
import type { OrgKind } from '../../../../shared/src/enums';
import { readinessTotals, type ReadinessEntry } from '../../../../shared/src/domain/readiness';

export interface StandardInfo {
  versionId: string;
  version: number;
  current: boolean;
  code: string;
  nameZh: string;
  nameEn: string;
  totalPoints: number;
  bonusCap: number;
}

const infoColumns = {
  versionId: standardVersions.id,
  version: standardVersions.version,
  current: sql<boolean>`${standardVersions.version} = ${standards.latestVersion}`,
  code: standards.code,
  nameZh: standards.nameZh,
  nameEn: standards.nameEn,
  totalPoints: standardVersions.totalPoints,
  bonusCap: standardVersions.bonusCap,
};

export async function currentStandard(
  db: DbOrTx,
  trackCode: string,
  kind: OrgKind,
): Promise<StandardInfo | null> {
  const [row] = await db
    .select(infoColumns)
    .from(standards)
    .innerJoin(
      standardVersions,
      and(
        eq(standardVersions.standardId, standards.id),
        eq(standardVersions.version, standards.latestVersion),
      ),
    )
    .where(
      and(
        eq(standards.trackCode, trackCode),
        eq(standards.active, true),
        sql`(${kind}::org_kind = any(${standards.orgKinds}) or cardinality(${standards.orgKinds}) = 0)`,
      ),
    )
    // A standard naming the kind wins over one for any kind.
    .orderBy(sql`cardinality(${standards.orgKinds}) = 0`, asc(standards.code))
    .limit(1);
  return row ?? null;
}

export async function standardOfVersion(db: DbOrTx, versionId: string): Promise<StandardInfo | null> {
  const [row] = await db
    .select(infoColumns)
    .from(standardVersions)
    .innerJoin(standards, eq(standards.id, standardVersions.standardId))
    .where(eq(standardVersions.id, versionId))
    .limit(1);
  return row ?? null;
}

export type CriterionRow = typeof criteria.$inferSelect;

export async function criteriaOf(db: DbOrTx, versionId: string): Promise<CriterionRow[]> {
  return db
    .select()
    .from(criteria)
    .where(eq(criteria.standardVersionId, versionId))
    .orderBy(asc(criteria.position));
}

/** The readiness answer: every criterion of the standard with its score and gap, and the totals. */
export function readinessAnswer(
  info: StandardInfo,
  items: readonly CriterionRow[],
  entries: Readonly<Record<string, ReadinessEntry>> | null,
): Readiness {
  const totals = readinessTotals(items, entries, info.totalPoints, info.bonusCap);
  return {
    standardVersionId: info.versionId,
    standardCode: info.code,
    standardNameZh: info.nameZh,
    standardNameEn: info.nameEn,
    version: info.version,
    current: info.current,
    items: items.map((c) => ({
      criterionId: c.id,
      position: c.position,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      maxPoints: c.maxPoints,
      bonus: c.bonus,
      veto: c.veto,
      score: entries?.[c.id]?.score ?? null,
      gap: entries?.[c.id]?.gap ?? null,
    })),
    scored: totals.scored,
    criteriaCount: totals.criteriaCount,
    total: totals.total,
    max: totals.max,
    percentage: totals.percentage,
  };
}

/** Readiness percentages of many cultivations at once (one query per distinct standard version). */
export async function percentagesOf(
  db: DbOrTx,
  rows: readonly {
    id: string;
    standardVersionId: string | null;
    readiness: Record<string, ReadinessEntry> | null;
  }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const versionIds = [
    ...new Set(rows.filter((r) => r.readiness && r.standardVersionId).map((r) => r.standardVersionId!)),
  ];
  if (versionIds.length === 0) return out;
  const versions = await db
    .select({
      id: standardVersions.id,
      totalPoints: standardVersions.totalPoints,
      bonusCap: standardVersions.bonusCap,
    })
    .from(standardVersions)
    .where(inArray(standardVersions.id, versionIds));
  const items = await db
    .select({
      id: criteria.id,
      versionId: criteria.standardVersionId,
      maxPoints: criteria.maxPoints,
      bonus: criteria.bonus,
    })
    .from(criteria)
    .where(inArray(criteria.standardVersionId, versionIds));
  for (const r of rows) {
    const v = versions.find((x) => x.id === r.standardVersionId);
    if (!v || !r.readiness) continue;
    const list = items.filter((c) => c.versionId === v.id);
    out.set(r.id, readinessTotals(list, r.readiness, v.totalPoints, v.bonusCap).percentage);
  }
  return out;
}
