import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  campaignQuotas,
  campaigns,
  evaluationTotals,
  organizations,
  stageResults,
} from '../../db/schema';
import type { OrgKind } from '../../../../shared/src/enums';

export async function campaignExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id));
  return !!row;
}

export async function counts(db: DbOrTx, campaignId: string) {
  const [a] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(stageResults)
    .where(eq(stageResults.campaignId, campaignId));
  const [b] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evaluationTotals)
    .where(eq(evaluationTotals.campaignId, campaignId));
  return { stageResults: a!.n, totals: b!.n };
}

const unit = alias(organizations, 'unit');

/** Every total of one (track[, kind]) group of a campaign, with the names the ranking shows. */
export function groupTotals(db: DbOrTx, campaignId: string, track: string, kind: OrgKind | undefined) {
  return db
    .select({
      applicationId: evaluationTotals.applicationId,
      orgKind: evaluationTotals.orgKind,
      finalScore: evaluationTotals.finalScore,
      finalStandardised: evaluationTotals.finalStandardised,
      lastStageScore: evaluationTotals.lastStageScore,
      lastStageStandardised: evaluationTotals.lastStageStandardised,
      countedReviews: evaluationTotals.countedReviews,
      gatesPassed: evaluationTotals.gatesPassed,
      submittedAt: evaluationTotals.submittedAt,
      organizationName: organizations.name,
      unitName: unit.name,
      brandName: applications.brandName,
    })
    .from(evaluationTotals)
    .innerJoin(applications, eq(applications.id, evaluationTotals.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(unit, eq(unit.id, evaluationTotals.unitId))
    .where(
      and(
        eq(evaluationTotals.campaignId, campaignId),
        eq(evaluationTotals.trackCode, track),
        kind ? eq(evaluationTotals.orgKind, kind) : undefined,
      ),
    );
}

/** The quota of (track, kind), or of the whole track when it has one quota; null when none is set. */
export async function quotaOf(
  db: DbOrTx,
  campaignId: string,
  track: string,
  kind: OrgKind | undefined,
): Promise<number | null> {
  const [row] = await db
    .select({ quota: campaignQuotas.quota })
    .from(campaignQuotas)
    .where(
      and(
        eq(campaignQuotas.campaignId, campaignId),
        eq(campaignQuotas.trackCode, track),
        kind ? eq(campaignQuotas.orgKind, kind) : isNull(campaignQuotas.orgKind),
      ),
    );
  return row?.quota ?? null;
}
