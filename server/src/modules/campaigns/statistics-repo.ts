/**
 * The campaign statistics' queries (docs/CHARTS.md). Each application's reach — how far on the main path
 * it is proven to have come — is the largest of what its status, its workflow stamps and its history say
 * (shared/src/charts/campaign.ts STATUS_REACH); the funnel, the per-unit and the per-year counts all read it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { STATUS_REACH } from '../../../../shared/src/charts/campaign';

const statusReach = (column: SQL) =>
  sql`CASE ${column}::text ${sql.join(
    Object.entries(STATUS_REACH).map(([s, n]) => sql`WHEN ${s} THEN ${n}::int`),
    sql` `,
  )} ELSE 0 END`;

/** The reach of the application aliased `a` (uses the history's index on application_id). */
const reachOf = sql`greatest(
  ${statusReach(sql`a.status`)},
  CASE WHEN a.accepted_at IS NOT NULL THEN 3 WHEN a.recommended_at IS NOT NULL THEN 2
       WHEN a.submitted_at IS NOT NULL THEN 1 ELSE 0 END,
  coalesce((SELECT max(${statusReach(sql`e.to_status`)}) FROM application_events e WHERE e.application_id = a.id), 0)
)`;

const inUnit = (unitId: string | null) => (unitId ? sql`AND a.unit_id = ${unitId}` : sql``);
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** How many applications of the campaign reached exactly each reach. */
export async function countsByReach(db: DbOrTx, campaignId: string, unitId: string | null) {
  const result = await db.execute(sql`
    SELECT reach, count(*)::int AS count FROM (
      SELECT ${reachOf} AS reach FROM applications a WHERE a.campaign_id = ${campaignId} ${inUnit(unitId)}
    ) x GROUP BY reach ORDER BY reach`);
  return rowsOf<{ reach: number; count: number }>(result);
}

/** Every active directly-affiliated unit (or the one given), in code order, with submitted and accepted. */
export async function countsPerUnit(db: DbOrTx, campaignId: string, unitId: string | null) {
  const result = await db.execute(sql`
    SELECT u.id AS "unitId", u.name AS "unitName",
      count(x.reach) FILTER (WHERE x.reach >= 1)::int AS submitted,
      count(x.reach) FILTER (WHERE x.reach >= 3)::int AS accepted
    FROM organizations u
    LEFT JOIN (
      SELECT a.unit_id, ${reachOf} AS reach FROM applications a WHERE a.campaign_id = ${campaignId}
    ) x ON x.unit_id = u.id
    WHERE ${unitId ? sql`u.id = ${unitId}` : sql`u.depth = 1 AND u.active`}
    GROUP BY u.id, u.name, u.code
    ORDER BY u.code`);
  return rowsOf<{ unitId: string; unitName: string; submitted: number; accepted: number }>(result);
}

/**
 * The campaign and up to four earlier ones (by year, not drafts) that share a track with it, oldest first,
 * with submitted, accepted and certified.
 */
export async function countsPerYear(db: DbOrTx, campaignId: string, unitId: string | null) {
  const result = await db.execute(sql`
    WITH me AS (SELECT id, year FROM campaigns WHERE id = ${campaignId}),
    peers AS (
      SELECT c.id, c.year, c.name FROM campaigns c, me
      WHERE (c.id = me.id OR (c.year < me.year AND c.status <> 'draft' AND EXISTS (
        SELECT 1 FROM campaign_tracks t JOIN campaign_tracks mt ON mt.track_code = t.track_code
        WHERE t.campaign_id = c.id AND mt.campaign_id = me.id)))
      ORDER BY c.year DESC, c.id = me.id DESC, c.created_at DESC LIMIT 5
    )
    SELECT p.id AS "campaignId", p.year, p.name,
      count(x.reach) FILTER (WHERE x.reach >= 1)::int AS submitted,
      count(x.reach) FILTER (WHERE x.reach >= 3)::int AS accepted,
      count(x.reach) FILTER (WHERE x.reach >= 8)::int AS certified
    FROM peers p
    LEFT JOIN (
      SELECT a.campaign_id, ${reachOf} AS reach FROM applications a
      WHERE a.campaign_id IN (SELECT id FROM peers) ${inUnit(unitId)}
    ) x ON x.campaign_id = p.id
    GROUP BY p.id, p.year, p.name
    ORDER BY p.year, p.name`);
  return rowsOf<{
    campaignId: string;
    year: number;
    name: string;
    submitted: number;
    accepted: number;
    certified: number;
  }>(result);
}
