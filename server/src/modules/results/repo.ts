import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaignQuotas, campaigns, evaluationTotals, stageResults } from '../../db/schema';
import type { OrgKind } from '../../../../shared/src/enums';
import { counted as countedReviewsSql } from './recompute';

export async function campaignExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id));
  return !!row;
}

/** The campaign's name, or null when there is none with that id. */
export async function campaignName(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, id));
  return row?.name ?? null;
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

/** A stage's counted locked scores (the same rule as the recomputation), with reviewer names. */
export async function stageScores(db: DbOrTx, stageId: string) {
  const result = await db.execute(sql`
    SELECT c.application_id AS "applicationId", c.reviewer_id AS "reviewerId", c.score, u.display_name AS "reviewerName"
    FROM (${countedReviewsSql(sql`s.id = ${stageId}`)}) c
    JOIN users u ON u.id = c.reviewer_id
    WHERE c.score IS NOT NULL
    ORDER BY c.application_id, c.reviewer_id`);
  return (
    result as unknown as {
      rows: { applicationId: string; reviewerId: string; score: number; reviewerName: string }[];
    }
  ).rows;
}

/** Per reviewer of a stage: assignments and locked reviews. */
export async function stageProgressRows(db: DbOrTx, stageId: string) {
  const result = await db.execute(sql`
    SELECT a.reviewer_id AS "reviewerId", u.display_name AS "reviewerName",
      count(*)::int AS assigned, count(*) FILTER (WHERE r.status = 'locked')::int AS locked
    FROM assignments a
    JOIN users u ON u.id = a.reviewer_id
    LEFT JOIN reviews r ON r.id = a.id
    WHERE a.stage_id = ${stageId}
    GROUP BY a.reviewer_id, u.display_name
    ORDER BY u.display_name, a.reviewer_id`);
  return (
    result as unknown as {
      rows: { reviewerId: string; reviewerName: string; assigned: number; locked: number }[];
    }
  ).rows;
}
