/**
 * Submitting a review at 50 concurrent reviewers (issue #6 "Speed", target ≥ 0.7×), part of the
 * evaluation benchmark (bench/evaluation.ts) on its database of 100,000 applications and 1.5 million
 * reviews.
 *
 * A fourth stage of the first campaign (`现场考核`, one overall score 0–100, weight 0 so the measured
 * totals of the recomputation stay as they were) opens with 50 experts and complete draft sheets, one per
 * application, spread over the experts (none affiliated, so no derived conflicts). A submission is
 * `POST /api/reviews/:id/lock` (the review row, its audit event and the application's stage result and total,
 * in one transaction) with that expert's session.
 *
 * The bare server does the same writes: each expert's first lock through the app is captured (every
 * statement, BEGIN … COMMIT included, and the sheet read after it), and the bare server answers request i by
 * replaying the captured statements of the expert of draft i with the draft's review, application and unit
 * ids put in place of the captured ones, in order on one pooled client. Each side locks drafts of its own
 * (a fixed number of requests per side, so none runs out), after a discarded warm-up.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import type { Statement } from './common';
import { login } from './common';

export const SUBMITTERS = 50;
/** Locks per measured run; each side also warms up with WARM_UP locks. */
export const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 4000);
export const WARM_UP = 500;

export interface Draft {
  reviewId: string;
  applicationId: string;
  unitId: string;
  reviewer: number;
}

/** What the bare server needs: each expert's captured lock and the drafts it may lock. */
export interface SubmitPlan {
  templates: { draft: Draft; statements: Statement[] }[];
  drafts: Draft[];
}

const rowsOf = <T>(r: { rows: unknown[] }) => r.rows as T[];

/**
 * The stage and its drafts: `perReviewer` complete overall sheets per expert, each on a different
 * application of the campaign. Answers the experts' user names and the drafts, expert by expert.
 */
export async function prepareDrafts(
  url: string,
  campaignId: string,
  perReviewer: number,
): Promise<{ usernames: string[]; drafts: Draft[] }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const experts = rowsOf<{ id: string; username: string }>(
      await c.query(
        `SELECT u.id, u.username FROM users u JOIN reviewer_profiles p ON p.user_id = u.id
         WHERE u.username LIKE 'expert%' AND p.affiliation_unit_id IS NULL ORDER BY u.username LIMIT $1`,
        [SUBMITTERS],
      ),
    );
    const [stage] = rowsOf<{ id: string }>(
      await c.query(
        `INSERT INTO stages (campaign_id, position, name_zh, name_en, method, opens_at, closes_at, weight,
           rubric, aggregation, standardise, min_reviews, status)
         VALUES ($1, 4, '现场考核', 'On-site assessment', 'criteria_scoring', now() - interval '1 day',
           now() + interval '10 days', 0, 'overall', 'trimmed_mean', false, 1, 'open') RETURNING id`,
        [campaignId],
      ),
    );
    await c.query(
      `WITH e AS (SELECT id, ordinality - 1 AS n FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ordinality)),
       a AS (SELECT id, unit_id, row_number() OVER (ORDER BY id) - 1 AS n FROM applications
             WHERE campaign_id = $3 ORDER BY id LIMIT $4),
       pairs AS (SELECT gen_random_uuid() AS id, a.id AS application_id, a.unit_id, e.id AS reviewer_id,
                   50 + (a.n % 101) / 2.0 AS score
                 FROM a JOIN e ON e.n = a.n % $5),
       ins AS (INSERT INTO assignments (id, stage_id, campaign_id, application_id, reviewer_id, unit_id, source)
               SELECT id, $1, $3, application_id, reviewer_id, unit_id, 'manual' FROM pairs RETURNING id)
       INSERT INTO reviews (id, stage_id, application_id, reviewer_id, unit_id, status, scores, score, version)
       SELECT id, $1, application_id, reviewer_id, unit_id, 'draft',
         jsonb_build_object('overall', jsonb_build_object('points', score)), score, 2 FROM pairs`,
      [stage!.id, experts.map((e) => e.id), campaignId, perReviewer * SUBMITTERS, SUBMITTERS],
    );
    await c.query('ANALYZE assignments; ANALYZE reviews');
    const drafts = rowsOf<{
      review_id: string;
      application_id: string;
      unit_id: string;
      reviewer_id: string;
    }>(
      await c.query(
        `SELECT id AS review_id, application_id, unit_id, reviewer_id FROM reviews
         WHERE stage_id = $1 ORDER BY reviewer_id, id`,
        [stage!.id],
      ),
    );
    const index = new Map(experts.map((e, i) => [e.id, i]));
    return {
      usernames: experts.map((e) => e.username),
      drafts: drafts.map((d) => ({
        reviewId: d.review_id,
        applicationId: d.application_id,
        unitId: d.unit_id,
        reviewer: index.get(d.reviewer_id)!,
      })),
    };
  } finally {
    await c.end();
  }
}

/** Drafts in turn over the experts: request i locks a draft of expert i mod 50. */
export function interleave(drafts: Draft[]): Draft[] {
  const byReviewer: Draft[][] = Array.from({ length: SUBMITTERS }, () => []);
  for (const d of drafts) byReviewer[d.reviewer]!.push(d);
  const out: Draft[] = [];
  for (let i = 0; byReviewer.some((l) => l.length > i); i++)
    for (const l of byReviewer) if (l[i]) out.push(l[i]!);
  return out;
}

/** The captured statements of `template` with `draft`'s ids in place of the template's. */
export function substitute(statements: Statement[], template: Draft, draft: Draft): Statement[] {
  const pairs: [string, string][] = [
    [template.reviewId, draft.reviewId],
    [template.applicationId, draft.applicationId],
    [template.unitId, draft.unitId],
  ];
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') return pairs.reduce((s, [from, to]) => s.replaceAll(from, to), v);
    if (Array.isArray(v)) return v.map(swap);
    return v;
  };
  return statements.map((s) => ({ ...s, values: s.values.map(swap) }));
}

/**
 * One autocannon run of `amount` locks, request n on drafts[offset + n]: through the app with the experts'
 * `cookies`, or on the bare server (`cookies` null) as `GET /<offset + n>`.
 */
export function lockRun(
  base: string,
  drafts: Draft[],
  cookies: string[] | null,
  amount: number,
  offset = 0,
): ReturnType<typeof autocannon> {
  let i = offset;
  return autocannon({
    url: base,
    connections: SUBMITTERS,
    amount,
    timeout: 60,
    requests: [
      {
        method: cookies ? 'POST' : 'GET',
        setupRequest: (req) => {
          const n = i++;
          const d = drafts[n]!;
          if (!cookies) return { ...req, path: `/${n}` };
          return {
            ...req,
            path: `/api/reviews/${d.reviewId}/lock`,
            headers: {
              cookie: cookies[d.reviewer]!,
              'x-shifan-csrf': '1',
              'content-type': 'application/json',
            },
            body: '{"version":2}',
          };
        },
      },
    ],
  });
}

/** The experts' sessions, in expert order. */
export async function loginAll(base: string, usernames: string[], password: string): Promise<string[]> {
  const cookies: string[] = [];
  for (const u of usernames) cookies.push(await login(base, u, password));
  return cookies;
}
