/**
 * Set-based recomputation (docs/EVALUATION.md "Results"): every stage result and total of a campaign in a
 * few SQL statements, and per-reviewer standardisation of a stage. The same rules as the pure functions of
 * `shared/src/domain/evaluation` (aggregate, standardise, evaluate), which a property test compares them to.
 *
 * Counted reviews: locked, not declared conflicted, and not derived-conflicted (the reviewer's unit is the
 * applicant's unit: same unit, superior or subordinate) unless the committee overrode it. Figures are
 * settled on the 1e-9 grid like `settle`. Peer stages are left to the peer module (their results are read
 * by the totals as they are).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/** The counted locked reviews of the stages matching `where` (a condition on `s`, the stages row). */
export function counted(where: SQL): SQL {
  return sql`
    SELECT r.stage_id, r.application_id, r.reviewer_id, r.score, r.vetoes
    FROM reviews r
    JOIN stages s ON s.id = r.stage_id
    JOIN applications a ON a.id = r.application_id
    LEFT JOIN reviewer_profiles rp ON rp.user_id = r.reviewer_id
    WHERE ${where} AND r.status = 'locked'
      AND NOT EXISTS (SELECT 1 FROM declared_conflicts d
                      WHERE d.reviewer_id = r.reviewer_id AND d.application_id = r.application_id)
      AND NOT (rp.affiliation_unit_id IS NOT NULL AND rp.affiliation_unit_id = a.unit_id
               AND NOT EXISTS (SELECT 1 FROM conflict_overrides o
                               WHERE o.reviewer_id = r.reviewer_id AND o.application_id = r.application_id))`;
}

/** The stage's aggregation of `x` over a group (trimmed mean drops one highest and one lowest from 5 on). */
const AGGREGATE = (x: string) =>
  sql.raw(`CASE s.aggregation
      WHEN 'mean' THEN avg(${x})
      WHEN 'median' THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY ${x})
      ELSE CASE WHEN count(${x}) >= 5
                THEN (sum(${x}) - max(${x}) - min(${x})) / (count(${x}) - 2)
                ELSE avg(${x}) END
    END`);

const settle = (x: SQL) => sql`round((${x})::numeric, 9)::float8`;

/** Recompute every non-peer stage result of a campaign (rows for every entrant or reviewed pair). */
export async function recomputeStageResults(db: DbOrTx, campaignId: string, now: Date): Promise<void> {
  await db.execute(sql`
    WITH counted AS (${counted(sql`s.campaign_id = ${campaignId} AND s.method <> 'peer'`)}),
    pairs AS (
      SELECT sr.stage_id, sr.application_id FROM stage_results sr
        JOIN stages s ON s.id = sr.stage_id WHERE s.campaign_id = ${campaignId} AND s.method <> 'peer'
      UNION
      SELECT r.stage_id, r.application_id FROM reviews r
        JOIN stages s ON s.id = r.stage_id WHERE s.campaign_id = ${campaignId} AND s.method <> 'peer'
    ),
    agg AS (
      SELECT c.stage_id, c.application_id, count(*)::int AS n,
        CASE WHEN s.method = 'gate' THEN NULL ELSE ${AGGREGATE('c.score')} END AS score,
        max(c.score) - min(c.score) AS spread,
        stddev_pop(c.score) AS sd
      FROM counted c JOIN stages s ON s.id = c.stage_id
      GROUP BY c.stage_id, c.application_id, s.aggregation, s.method
    ),
    fails AS (
      SELECT c.stage_id, c.application_id, e.key::uuid AS item, count(*) AS k
      FROM counted c CROSS JOIN LATERAL jsonb_each(c.vetoes) e
      WHERE e.value = 'false'::jsonb
      GROUP BY 1, 2, 3
    ),
    gate AS (
      SELECT agg.stage_id, agg.application_id,
        coalesce(array_agg(f.item ORDER BY f.item::text)
          FILTER (WHERE f.item IS NOT NULL AND (s.veto_rule = 'any' OR f.k * 2 >= agg.n)), '{}') AS failed
      FROM agg JOIN stages s ON s.id = agg.stage_id
      LEFT JOIN fails f ON f.stage_id = agg.stage_id AND f.application_id = agg.application_id
      WHERE s.method = 'gate'
      GROUP BY agg.stage_id, agg.application_id
    ),
    computed AS (
      SELECT p.stage_id, p.application_id, a.campaign_id, a.track_code, a.org_kind, a.unit_id,
        coalesce(agg.n, 0) AS n, ${settle(sql`agg.score`)} AS score, agg.spread, agg.sd,
        CASE WHEN s.method <> 'gate' OR agg.n IS NULL THEN NULL ELSE cardinality(g.failed) = 0 END AS gate_passed,
        coalesce(g.failed, '{}') AS failed,
        array_remove(ARRAY[
          CASE WHEN coalesce(agg.n, 0) < s.min_reviews THEN 'below_minimum' END,
          CASE WHEN agg.spread > s.spread_threshold THEN 'spread' END
        ], NULL) AS flags,
        s.standardise
      FROM pairs p
      JOIN stages s ON s.id = p.stage_id
      JOIN applications a ON a.id = p.application_id
      LEFT JOIN agg ON agg.stage_id = p.stage_id AND agg.application_id = p.application_id
      LEFT JOIN gate g ON g.stage_id = p.stage_id AND g.application_id = p.application_id
    )
    INSERT INTO stage_results AS t (stage_id, application_id, campaign_id, track_code, org_kind, unit_id,
      review_count, score, standardised_score, spread, sd, gate_passed, failed_vetoes, flags, entered_at, updated_at)
    SELECT stage_id, application_id, campaign_id, track_code, org_kind, unit_id,
      n, score, score, spread, sd, gate_passed, failed, flags, ${now}, ${now}
    FROM computed
    ON CONFLICT (stage_id, application_id) DO UPDATE SET
      review_count = excluded.review_count, score = excluded.score,
      standardised_score = CASE WHEN (SELECT standardise FROM stages WHERE id = t.stage_id)
                                THEN t.standardised_score ELSE excluded.score END,
      spread = excluded.spread, sd = excluded.sd, gate_passed = excluded.gate_passed,
      failed_vetoes = excluded.failed_vetoes, flags = excluded.flags, updated_at = excluded.updated_at`);
}

/**
 * Standardise one stage (§2): per reviewer with at least 5 counted reviews and an SD above 0,
 * x' = μ_stage + σ_stage · (x − μ_r) / σ_r clipped to [0, 100]; other reviewers' scores stay raw; each
 * application's standardised score is the stage's aggregation of its reviews' x'. A stage that does not
 * standardise gets its raw score.
 */
export async function standardiseStage(db: DbOrTx, stageId: string, now: Date): Promise<void> {
  await db.execute(sql`
    WITH counted AS (${counted(sql`s.id = ${stageId} AND s.method IN ('criteria_scoring', 'presentation')`)}),
    scored AS (SELECT * FROM counted WHERE score IS NOT NULL),
    st AS (SELECT avg(score) AS mu, stddev_pop(score) AS sigma FROM scored),
    rv AS (SELECT reviewer_id, count(*) AS n, avg(score) AS mu_r, stddev_pop(score) AS sd_r
           FROM scored GROUP BY reviewer_id),
    z AS (
      SELECT c.stage_id, c.application_id,
        CASE WHEN rv.n >= 5 AND rv.sd_r > 0
             THEN least(100, greatest(0, st.mu + st.sigma * (c.score - rv.mu_r) / rv.sd_r))
             ELSE c.score END AS x
      FROM scored c JOIN rv ON rv.reviewer_id = c.reviewer_id CROSS JOIN st
    ),
    agg AS (
      SELECT z.stage_id, z.application_id, ${AGGREGATE('z.x')} AS x
      FROM z JOIN stages s ON s.id = z.stage_id
      GROUP BY z.stage_id, z.application_id, s.aggregation
    )
    UPDATE stage_results sr
    SET standardised_score = CASE WHEN s.standardise
          THEN ${settle(sql`(SELECT agg.x FROM agg WHERE agg.application_id = sr.application_id)`)}
          ELSE sr.score END,
        updated_at = ${now}
    FROM stages s
    WHERE s.id = sr.stage_id AND sr.stage_id = ${stageId}`);
}

/**
 * A stage's figures once it closes: its standardised scores (every review of the stage is in now) and the
 * campaign's totals that use them, in the transaction that closes it.
 */
export async function settleClosedStage(
  db: DbOrTx,
  stage: { id: string; campaignId: string },
  now: Date,
): Promise<void> {
  await standardiseStage(db, stage.id, now);
  await recomputeTotals(db, stage.campaignId, now);
}

/**
 * Every total of a campaign (§5) from its stage results: final = Σ weight × stage score over the weighted
 * non-gate stages with a score, in stage order; the last weighted stage's score; counted reviews of those
 * stages; gates passed = every gate stage of the application's track passed. For every application with a
 * stage result.
 */
export async function recomputeTotals(db: DbOrTx, campaignId: string, now: Date): Promise<void> {
  await db.execute(sql`
    WITH apps AS (
      SELECT DISTINCT sr.application_id FROM stage_results sr WHERE sr.campaign_id = ${campaignId}
    ),
    last_stage AS (
      SELECT id FROM stages WHERE campaign_id = ${campaignId} AND weight > 0 AND method <> 'gate'
      ORDER BY position DESC LIMIT 1
    ),
    sums AS (
      SELECT a.id AS application_id,
        coalesce(sum(s.weight::float8 * sr.score ORDER BY s.position), 0) AS final,
        coalesce(sum(s.weight::float8 * coalesce(sr.standardised_score, sr.score) ORDER BY s.position), 0) AS final_std,
        coalesce(sum(sr.review_count), 0)::int AS counted
      FROM apps JOIN applications a ON a.id = apps.application_id
      LEFT JOIN stage_results sr ON sr.application_id = a.id AND sr.score IS NOT NULL
      LEFT JOIN stages s ON s.id = sr.stage_id AND s.campaign_id = ${campaignId} AND s.weight > 0 AND s.method <> 'gate'
      WHERE sr.application_id IS NULL OR s.id IS NOT NULL
      GROUP BY a.id
    ),
    all_apps AS (
      SELECT a.id, a.campaign_id, a.track_code, a.org_kind, a.unit_id, a.submitted_at,
        coalesce(sums.final, 0) AS final, coalesce(sums.final_std, 0) AS final_std,
        coalesce(sums.counted, 0) AS counted,
        (SELECT x.score FROM stage_results x WHERE x.application_id = a.id AND x.stage_id = (SELECT id FROM last_stage)) AS last_score,
        (SELECT x.standardised_score FROM stage_results x WHERE x.application_id = a.id AND x.stage_id = (SELECT id FROM last_stage)) AS last_std,
        NOT EXISTS (
          SELECT 1 FROM stages g WHERE g.campaign_id = ${campaignId} AND g.method = 'gate'
            AND (cardinality(g.tracks) = 0 OR a.track_code = ANY (g.tracks))
            AND NOT EXISTS (SELECT 1 FROM stage_results y
                            WHERE y.stage_id = g.id AND y.application_id = a.id AND y.gate_passed)
        ) AS gates
      FROM apps JOIN applications a ON a.id = apps.application_id
      LEFT JOIN sums ON sums.application_id = a.id
    )
    INSERT INTO evaluation_totals AS t (application_id, campaign_id, track_code, org_kind, unit_id, final_score,
      final_standardised, last_stage_score, last_stage_standardised, counted_reviews, gates_passed, submitted_at, updated_at)
    SELECT id, campaign_id, track_code, org_kind, unit_id, ${settle(sql`final`)}, ${settle(sql`final_std`)},
      last_score, last_std, counted, gates, submitted_at, ${now}
    FROM all_apps
    ON CONFLICT (application_id) DO UPDATE SET
      final_score = excluded.final_score, final_standardised = excluded.final_standardised,
      last_stage_score = excluded.last_stage_score, last_stage_standardised = excluded.last_stage_standardised,
      counted_reviews = excluded.counted_reviews, gates_passed = excluded.gates_passed,
      submitted_at = excluded.submitted_at, updated_at = excluded.updated_at`);
}

/** The full recomputation: stage results, standardisation of the stages that standardise, totals. */
export async function recomputeCampaign(db: DbOrTx, campaignId: string, now: Date): Promise<void> {
  await recomputeStageResults(db, campaignId, now);
  const result = await db.execute<{ id: string }>(
    sql`SELECT id FROM stages WHERE campaign_id = ${campaignId} AND standardise ORDER BY position`,
  );
  for (const s of (result as unknown as { rows: { id: string }[] }).rows)
    await standardiseStage(db, s.id, now);
  await recomputeTotals(db, campaignId, now);
}
