/**
 * Set-based recomputation (docs/EVALUATION.md "Results"): every stage result, standardisation and total of a
 * campaign in one SQL statement, and per-reviewer standardisation of one stage (on close, on demand). The same rules as the pure functions of
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

/**
 * Per-reviewer standardisation (§2) of the stages whose counted reviews are in CTE `counted`, as CTEs
 * ending in `zagg (stage_id, application_id, x)`: per stage, for a reviewer with at least 5 counted scores and
 * an SD above 0, x' = μ_stage + σ_stage · (x − μ_r) / σ_r clipped to [0, 100]; other reviewers' scores stay
 * raw; x = the stage's aggregation of the reviews' x'. Only scoring stages (criteria, presentation).
 */
const STANDARDISED = sql`
    scored AS (
      SELECT c.* FROM counted c JOIN stages s ON s.id = c.stage_id
      WHERE c.score IS NOT NULL AND s.method IN ('criteria_scoring', 'presentation')
    ),
    st AS (SELECT stage_id, avg(score) AS mu, stddev_pop(score) AS sigma FROM scored GROUP BY stage_id),
    rv AS (SELECT stage_id, reviewer_id, count(*) AS n, avg(score) AS mu_r, stddev_pop(score) AS sd_r
           FROM scored GROUP BY stage_id, reviewer_id),
    z AS (
      SELECT c.stage_id, c.application_id,
        CASE WHEN rv.n >= 5 AND rv.sd_r > 0
             THEN least(100, greatest(0, st.mu + st.sigma * (c.score - rv.mu_r) / rv.sd_r))
             ELSE c.score END AS x
      FROM scored c
      JOIN rv ON rv.stage_id = c.stage_id AND rv.reviewer_id = c.reviewer_id
      JOIN st ON st.stage_id = c.stage_id
    ),
    zagg AS (
      SELECT z.stage_id, z.application_id, ${AGGREGATE('z.x')} AS x
      FROM z JOIN stages s ON s.id = z.stage_id
      GROUP BY z.stage_id, z.application_id, s.aggregation
    )`;

/**
 * Standardise one stage: its standardised scores from every counted review of the stage (a stage that does
 * not standardise gets its raw score).
 */
export async function standardiseStage(db: DbOrTx, stageId: string, now: Date): Promise<void> {
  await db.execute(sql`
    WITH counted AS (${counted(sql`s.id = ${stageId}`)}),
    ${STANDARDISED},
    target AS (
      SELECT t.application_id, s.standardise, t.score, zagg.x
      FROM stage_results t
      JOIN stages s ON s.id = t.stage_id
      LEFT JOIN zagg ON zagg.application_id = t.application_id
      WHERE t.stage_id = ${stageId}
    )
    UPDATE stage_results sr
    SET standardised_score = CASE WHEN target.standardise THEN ${settle(sql`target.x`)} ELSE target.score END,
        updated_at = ${now}
    FROM target
    WHERE sr.stage_id = ${stageId} AND sr.application_id = target.application_id`);
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
 * The totals of a campaign (§5) from the stage results in CTE `res (stage_id, application_id, score,
 * standardised_score, review_count, gate_passed)`, as CTEs and the upsert that ends the statement: final =
 * Σ weight × stage score over the weighted non-gate stages with a score, in stage order; the last weighted
 * stage's score; counted reviews of those stages; gates passed = every gate stage of the application's track
 * passed. For every application with a stage result. Joins only (no subquery per row), so it scales.
 */
function totalsFrom(campaignId: string, now: Date): SQL {
  return sql`
    apps AS (
      SELECT a.id, a.campaign_id, a.track_code, a.org_kind, a.unit_id, a.submitted_at
      FROM (SELECT DISTINCT application_id FROM res) x JOIN applications a ON a.id = x.application_id
    ),
    weighted AS (
      SELECT id, weight::float8 AS weight, position FROM stages
      WHERE campaign_id = ${campaignId} AND weight > 0 AND method <> 'gate'
    ),
    last_stage AS (SELECT id FROM weighted ORDER BY position DESC LIMIT 1),
    sums AS (
      SELECT res.application_id,
        sum(w.weight * res.score ORDER BY w.position) AS final,
        sum(w.weight * coalesce(res.standardised_score, res.score) ORDER BY w.position) AS final_std,
        sum(res.review_count)::int AS counted
      FROM res JOIN weighted w ON w.id = res.stage_id
      WHERE res.score IS NOT NULL
      GROUP BY res.application_id
    ),
    last AS (SELECT res.* FROM res JOIN last_stage l ON l.id = res.stage_id),
    gates AS (
      SELECT a.id AS application_id, bool_and(coalesce(y.gate_passed, false)) AS passed
      FROM apps a
      JOIN stages g ON g.campaign_id = ${campaignId} AND g.method = 'gate'
                   AND (cardinality(g.tracks) = 0 OR a.track_code = ANY (g.tracks))
      LEFT JOIN res y ON y.stage_id = g.id AND y.application_id = a.id
      GROUP BY a.id
    )
    INSERT INTO evaluation_totals AS t (application_id, campaign_id, track_code, org_kind, unit_id, final_score,
      final_standardised, last_stage_score, last_stage_standardised, counted_reviews, gates_passed, submitted_at, updated_at)
    SELECT a.id, a.campaign_id, a.track_code, a.org_kind, a.unit_id,
      ${settle(sql`coalesce(sums.final, 0)`)}, ${settle(sql`coalesce(sums.final_std, 0)`)},
      last.score, last.standardised_score, coalesce(sums.counted, 0), coalesce(gates.passed, true),
      a.submitted_at, ${now}
    FROM apps a
    LEFT JOIN sums ON sums.application_id = a.id
    LEFT JOIN last ON last.application_id = a.id
    LEFT JOIN gates ON gates.application_id = a.id
    ON CONFLICT (application_id) DO UPDATE SET
      final_score = excluded.final_score, final_standardised = excluded.final_standardised,
      last_stage_score = excluded.last_stage_score, last_stage_standardised = excluded.last_stage_standardised,
      counted_reviews = excluded.counted_reviews, gates_passed = excluded.gates_passed,
      submitted_at = excluded.submitted_at, updated_at = excluded.updated_at`;
}

/** Every total of a campaign from its stage results as they are (after a stage is standardised). */
export async function recomputeTotals(db: DbOrTx, campaignId: string, now: Date): Promise<void> {
  await db.execute(sql`
    WITH res AS (
      SELECT stage_id, application_id, score, standardised_score, review_count, gate_passed
      FROM stage_results WHERE campaign_id = ${campaignId}
    ),
    ${totalsFrom(campaignId, now)}`);
}

/**
 * The full recomputation in one statement: every non-peer stage result (rows for every entrant or
 * reviewed pair) with its standardised score, written; the totals from those results and the peer stages'
 * results as they are (the peer module writes those), written. The counted reviews are read once.
 */
export async function recomputeCampaign(db: DbOrTx, campaignId: string, now: Date): Promise<void> {
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
      FROM counted c JOIN stages s ON s.id = c.stage_id AND s.method = 'gate'
      CROSS JOIN LATERAL jsonb_each(c.vetoes) e
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
    ${STANDARDISED},
    computed AS (
      SELECT p.stage_id, p.application_id, a.campaign_id, a.track_code, a.org_kind, a.unit_id,
        coalesce(agg.n, 0) AS n, ${settle(sql`agg.score`)} AS score, agg.spread, agg.sd,
        CASE WHEN s.method <> 'gate' OR agg.n IS NULL THEN NULL ELSE cardinality(g.failed) = 0 END AS gate_passed,
        coalesce(g.failed, '{}') AS failed,
        array_remove(ARRAY[
          CASE WHEN coalesce(agg.n, 0) < s.min_reviews THEN 'below_minimum' END,
          CASE WHEN agg.spread > s.spread_threshold THEN 'spread' END
        ], NULL) AS flags,
        CASE WHEN s.standardise THEN ${settle(sql`zagg.x`)} ELSE ${settle(sql`agg.score`)} END AS std
      FROM pairs p
      JOIN stages s ON s.id = p.stage_id
      JOIN applications a ON a.id = p.application_id
      LEFT JOIN agg ON agg.stage_id = p.stage_id AND agg.application_id = p.application_id
      LEFT JOIN gate g ON g.stage_id = p.stage_id AND g.application_id = p.application_id
      LEFT JOIN zagg ON zagg.stage_id = p.stage_id AND zagg.application_id = p.application_id
    ),
    written AS (
      INSERT INTO stage_results AS t (stage_id, application_id, campaign_id, track_code, org_kind, unit_id,
        review_count, score, standardised_score, spread, sd, gate_passed, failed_vetoes, flags, entered_at, updated_at)
      SELECT stage_id, application_id, campaign_id, track_code, org_kind, unit_id,
        n, score, std, spread, sd, gate_passed, failed, flags, ${now}, ${now}
      FROM computed
      ON CONFLICT (stage_id, application_id) DO UPDATE SET
        review_count = excluded.review_count, score = excluded.score,
        standardised_score = excluded.standardised_score, spread = excluded.spread, sd = excluded.sd,
        gate_passed = excluded.gate_passed, failed_vetoes = excluded.failed_vetoes, flags = excluded.flags,
        updated_at = excluded.updated_at
    ),
    res AS (
      SELECT stage_id, application_id, score, std AS standardised_score, n AS review_count, gate_passed
      FROM computed
      UNION ALL
      SELECT sr.stage_id, sr.application_id, sr.score, sr.standardised_score, sr.review_count, sr.gate_passed
      FROM stage_results sr JOIN stages s ON s.id = sr.stage_id
      WHERE s.campaign_id = ${campaignId} AND s.method = 'peer'
    ),
    ${totalsFrom(campaignId, now)}`);
}
