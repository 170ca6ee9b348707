/**
 * The ranking page in SQL (docs/EVALUATION.md "Results, ranking, statistics"): the first `limit` of one
 * (track[, kind]) group by the tie rule of §5 (`TIE_RULE` of domain/evaluation), read in index order from
 * the materialised totals, so the page costs the rows it shows, not the size of the group.
 *
 * The order is the pure `rankGroup`'s, written as SQL: final score descending, last weighted stage's score
 * descending (none ranks below every score), counted reviews descending, submission time ascending (none
 * ranks after every time), application id ascending. Figures are settled on the 1e-9 grid when written, so
 * comparing the stored doubles agrees with `scoreKey`. A property test compares this file with the pure
 * functions on random groups full of ties.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { OrgKind } from '../../../../shared/src/enums';

export type RankMode = 'raw' | 'standardised';

export interface RankGroup {
  campaignId: string;
  track: string;
  /** Absent: the whole track in one ranking. */
  kind: OrgKind | undefined;
}

/** The two columns a mode ranks by; the others of the rule are the same in both modes. */
function keys(mode: RankMode, t: string) {
  return mode === 'raw'
    ? { final: sql.raw(`${t}.final_score`), last: sql.raw(`${t}.last_stage_score`) }
    : { final: sql.raw(`${t}.final_standardised`), last: sql.raw(`${t}.last_stage_standardised`) };
}

/** ORDER BY of the tie rule for table alias `t` (matches the evaluation_totals rank indexes). */
function orderBy(mode: RankMode, t: string): SQL {
  const k = keys(mode, t);
  return sql`${k.final} DESC NULLS LAST, ${k.last} DESC NULLS LAST, ${sql.raw(t)}.counted_reviews DESC NULLS LAST,
    ${sql.raw(t)}.submitted_at ASC NULLS LAST, ${sql.raw(t)}.application_id ASC`;
}

function inGroup(g: RankGroup, t: string): SQL {
  const x = sql.raw(t);
  return g.kind
    ? sql`${x}.campaign_id = ${g.campaignId} AND ${x}.track_code = ${g.track} AND ${x}.org_kind = ${g.kind}`
    : sql`${x}.campaign_id = ${g.campaignId} AND ${x}.track_code = ${g.track}`;
}

/**
 * `o` ranks above `p` in `mode` (the tie rule, key by key). The leading `final >=` is implied by the rest;
 * it is there so the index bounds the scan to the rows above.
 */
function above(mode: RankMode): SQL {
  const o = keys(mode, 'o');
  const p = keys(mode, 'p');
  return sql`${o.final} >= ${p.final} AND (${o.final} > ${p.final} OR (
      ((${o.last} > ${p.last}) OR (${p.last} IS NULL AND ${o.last} IS NOT NULL)) OR (${o.last} IS NOT DISTINCT FROM ${p.last} AND (
        o.counted_reviews > p.counted_reviews OR (o.counted_reviews = p.counted_reviews AND (
          (o.submitted_at < p.submitted_at OR (p.submitted_at IS NULL AND o.submitted_at IS NOT NULL))
          OR (o.submitted_at IS NOT DISTINCT FROM p.submitted_at AND o.application_id < p.application_id)))))))`;
}

export interface RankedTotal {
  applicationId: string;
  rank: number;
  otherRank: number;
  finalScore: number;
  finalStandardised: number;
  lastStageScore: number | null;
  lastStageStandardised: number | null;
  countedReviews: number;
  gatesPassed: boolean;
  submittedAt: Date | null;
  organizationName: string;
  unitName: string | null;
  brandName: string | null;
}

type Raw = Omit<RankedTotal, 'submittedAt' | 'rank' | 'otherRank'> & {
  submittedAt: Date | string | null;
  rank: number | string;
  otherRank: number | string;
};

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * The first `limit` of the group in `mode`, each with its place in the other mode (1 + the rows above it
 * there, counted on the other mode's index) and the names the page shows.
 */
export async function rankedPage(
  db: DbOrTx,
  g: RankGroup,
  mode: RankMode,
  limit: number,
): Promise<RankedTotal[]> {
  const other: RankMode = mode === 'raw' ? 'standardised' : 'raw';
  const result = await db.execute(sql`
    WITH p AS MATERIALIZED (
      SELECT t.* FROM evaluation_totals t WHERE ${inGroup(g, 't')}
      ORDER BY ${orderBy(mode, 't')} LIMIT ${limit}
    )
    SELECT p.application_id AS "applicationId",
      row_number() OVER (ORDER BY ${orderBy(mode, 'p')}) AS rank,
      1 + (SELECT count(*) FROM evaluation_totals o WHERE ${inGroup(g, 'o')} AND ${above(other)}) AS "otherRank",
      p.final_score AS "finalScore", p.final_standardised AS "finalStandardised",
      p.last_stage_score AS "lastStageScore", p.last_stage_standardised AS "lastStageStandardised",
      p.counted_reviews AS "countedReviews", p.gates_passed AS "gatesPassed", p.submitted_at AS "submittedAt",
      org.name AS "organizationName", unit.name AS "unitName", a.brand_name AS "brandName"
    FROM p
    JOIN applications a ON a.id = p.application_id
    JOIN organizations org ON org.id = a.organization_id
    LEFT JOIN organizations unit ON unit.id = p.unit_id
    ORDER BY rank`);
  return rowsOf<Raw>(result).map((r) => ({
    ...r,
    rank: Number(r.rank),
    otherRank: Number(r.otherRank),
    submittedAt: r.submittedAt === null ? null : new Date(r.submittedAt),
  }));
}

/** How many applications the group ranks. */
export async function groupSize(db: DbOrTx, g: RankGroup): Promise<number> {
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM evaluation_totals t WHERE ${inGroup(g, 't')}`,
  );
  return rowsOf<{ n: number }>(result)[0]!.n;
}

/** The proposal of a mode (§5): the first `quota` of the group, by rank, among those that passed every gate. */
export async function proposedIds(
  db: DbOrTx,
  g: RankGroup,
  mode: RankMode,
  quota: number,
): Promise<string[]> {
  if (quota <= 0) return [];
  const result = await db.execute(sql`
    SELECT t.application_id AS id FROM evaluation_totals t
    WHERE ${inGroup(g, 't')} AND t.gates_passed
    ORDER BY ${orderBy(mode, 't')} LIMIT ${quota}`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}
