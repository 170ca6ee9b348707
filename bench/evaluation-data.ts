/**
 * The evaluation benchmark's data, on top of the application list's 100,000 applications
 * (bench/applications-data.ts): 500 experts (one in five affiliated to a unit, so derived conflicts
 * exist and are excluded), three weighted `criteria_scoring` stages per campaign (weights 0.3 / 0.4 / 0.3,
 * trimmed mean; the second standardises), and for every application and stage five assignments and five
 * locked reviews with scores 50–100 on the 0.5 step: 1.5 million reviews. Written with set-based SQL
 * (deterministic: scores come from a hash of the ids' positions, not from random()).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../server/src/db/client';
import type { ListSeed } from './applications-data';

export const EXPERTS = 500;
export const STAGES = 3;
export const REVIEWS_PER_STAGE = 5;

export interface EvaluationSeed {
  stages: { id: string; campaignId: string; position: number }[];
  reviews: number;
  experts: number;
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

export async function seedEvaluation(db: Db, list: ListSeed, passwordHash: string): Promise<EvaluationSeed> {
  await db.execute(sql`
    INSERT INTO users (username, display_name, role, password_hash, must_change_password)
    SELECT 'expert' || lpad(i::text, 3, '0'), '专家' || i, 'reviewer', ${passwordHash}, false
    FROM generate_series(1, ${EXPERTS}) i`);
  await db.execute(sql`
    INSERT INTO reviewer_profiles (user_id, affiliation_unit_id, external_affiliation, expertise)
    SELECT u.id,
      CASE WHEN n % 5 = 0 THEN (SELECT o.id FROM organizations o WHERE o.depth = 1 ORDER BY o.id
                                OFFSET (n / 5) % ${list.units.length} LIMIT 1) END,
      CASE WHEN n % 5 <> 0 THEN '市委党校' END,
      ARRAY['党建']
    FROM (SELECT id, substr(username, 7)::int AS n FROM users WHERE username LIKE 'expert%') u`);
  const stages: EvaluationSeed['stages'] = [];
  for (const c of list.campaigns) {
    for (let position = 1; position <= STAGES; position++) {
      const [row] = rowsOf<{ id: string }>(
        await db.execute(sql`
          INSERT INTO stages (campaign_id, position, name_zh, name_en, method, opens_at, closes_at, weight,
            aggregation, standardise, min_reviews, status)
          VALUES (${c.id}, ${position}, ${`评审环节${position}`}, ${`Stage ${position}`}, 'criteria_scoring',
            now() - interval '10 days', now() + interval '10 days', ${position === 2 ? 0.4 : 0.3},
            'trimmed_mean', ${position === 2}, 3, 'open')
          RETURNING id`),
      );
      stages.push({ id: row!.id, campaignId: c.id, position });
    }
  }
  // Five distinct experts per (application, stage): consecutive experts from a start drawn by position.
  // Bench data only: foreign-key triggers off for this statement (the rows are consistent by
  // construction), which takes the 3 million inserts from many minutes to about one on this machine.
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`
    WITH e AS (SELECT id, row_number() OVER (ORDER BY username) - 1 AS n FROM users WHERE username LIKE 'expert%'),
    a AS (SELECT id, campaign_id, unit_id, row_number() OVER (ORDER BY id) AS n FROM applications),
    pairs AS (
      SELECT gen_random_uuid() AS id, s.id AS stage_id, a.campaign_id, a.id AS application_id, a.unit_id,
        e.id AS reviewer_id, (a.n * 7 + s.position * 131 + k * 17) AS h
      FROM a JOIN stages s ON s.campaign_id = a.campaign_id
      CROSS JOIN generate_series(0, ${REVIEWS_PER_STAGE - 1}) k
      JOIN e ON e.n = ((a.n * 37 + s.position * 101) + k) % ${EXPERTS}
    ),
    ins AS (
      INSERT INTO assignments (id, stage_id, campaign_id, application_id, reviewer_id, unit_id, source)
      SELECT id, stage_id, campaign_id, application_id, reviewer_id, unit_id, 'auto' FROM pairs
      RETURNING id
    )
    INSERT INTO reviews (id, stage_id, application_id, reviewer_id, unit_id, status, score, locked_at, version)
    SELECT id, stage_id, application_id, reviewer_id, unit_id, 'locked', 50 + (h % 101) / 2.0, now(), 2
    FROM pairs`);
  });
  await db.execute(sql`ANALYZE`);
  const [n] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM reviews`));
  return { stages, reviews: n!.n, experts: EXPERTS };
}
