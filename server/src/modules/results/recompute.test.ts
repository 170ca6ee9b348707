/**
 * The set-based recomputation against the pure evaluation (domain/evaluation `evaluate`): random stages,
 * applications, reviews (locked or draft), declared, derived and overridden conflicts; every stage result
 * and total the SQL writes equals what `evaluate` computes from the same rows.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, evaluationTotals, stageResults, stages } from '../../db/schema';
import { evaluate, type CountedReview, type StageSpec } from '../../../../shared/src/domain/evaluation';
import { conflictKey } from '../../../../shared/src/domain/evaluation';
import { conflictStatuses } from '../reviewers/queries';
import { reviewSetup, type ReviewSetup } from '../reviews/test-kit';
import { recomputeCampaign } from './recompute';
import { refreshApplication } from './queries';

let kit: ReviewSetup;
let pool: { id: string }[];
beforeAll(async () => {
  kit = await reviewSetup();
  // Two experts of unit A (derived conflicts with unit A's applicants), four external ones.
  pool = [];
  for (let i = 0; i < 6; i++) pool.push((await kit.reviewer(i < 2 ? kit.tree.unitA : undefined)).user);
});
afterAll(() => kit.env.close());

const VETO_ITEMS = [crypto.randomUUID(), crypto.randomUUID()];

const stageArb = fc.record({
  method: fc.constantFrom('criteria_scoring', 'presentation', 'gate') as fc.Arbitrary<StageSpec['method']>,
  aggregation: fc.constantFrom('trimmed_mean', 'mean', 'median') as fc.Arbitrary<StageSpec['aggregation']>,
  weight: fc.constantFrom(0, 0.2, 0.3, 0.5),
  standardise: fc.boolean(),
  minReviews: fc.integer({ min: 1, max: 5 }),
  vetoRule: fc.constantFrom('majority', 'any') as fc.Arbitrary<StageSpec['vetoRule']>,
});
const reviewArb = fc.record({
  stage: fc.nat(),
  app: fc.nat(),
  reviewer: fc.nat(),
  locked: fc.boolean(),
  score: fc.oneof(
    fc.integer({ min: 0, max: 200 }).map((x) => x / 2),
    fc.double({ min: 0, max: 100, noNaN: true }),
  ),
  vetoes: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
});
const caseArb = fc.record({
  stages: fc.array(stageArb, { minLength: 1, maxLength: 3 }),
  apps: fc.array(fc.constantFrom('A', 'B') as fc.Arbitrary<'A' | 'B'>, { minLength: 1, maxLength: 4 }),
  reviews: fc.array(reviewArb, { minLength: 0, maxLength: 30 }),
  declared: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
  overridden: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
});

describe('recompute (set-based SQL) equals evaluate (pure)', () => {
  it('for random campaigns', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const campaignId = await kit.campaign();
        const stageRows: Awaited<ReturnType<ReviewSetup['stage']>>[] = [];
        for (const s of c.stages) stageRows.push(await kit.stage({ campaignId, ...s }));
        const apps = [];
        for (const unit of c.apps) apps.push(await kit.application(unit, campaignId));
        for (const [r, a] of c.declared)
          await kit.declare(pool[r % pool.length]!.id, apps[a % apps.length]!).catch(() => undefined);
        for (const [r, a] of c.overridden)
          await kit.override(pool[r % 2]!.id, apps[a % apps.length]!).catch(() => undefined);
        const seen = new Set<string>();
        for (const r of c.reviews) {
          const stage = stageRows[r.stage % stageRows.length]!;
          const app = apps[r.app % apps.length]!;
          const reviewer = pool[r.reviewer % pool.length]!;
          const key = `${stage.id}|${app.id}|${reviewer.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          await kit.reviewRow(stage, app, reviewer.id, {
            status: r.locked ? 'locked' : 'draft',
            score: stage.method === 'gate' ? null : r.score,
            vetoes:
              stage.method === 'gate'
                ? {
                    [VETO_ITEMS[0]!]: r.vetoes[0] || r.vetoes[2],
                    [VETO_ITEMS[1]!]: r.vetoes[1] || r.vetoes[2],
                  }
                : {},
          });
        }

        await kit.db.transaction((tx) => recomputeCampaign(tx, campaignId, kit.env.clock.now));

        // The same data through the pure functions.
        const rows = await kit.db.query.reviews.findMany({
          where: (t, { inArray }) =>
            inArray(
              t.stageId,
              stageRows.map((s) => s.id),
            ),
        });
        const status = await conflictStatuses(
          kit.db,
          rows.map((r) => ({ reviewerId: r.reviewerId, applicationId: r.applicationId })),
        );
        const counted: CountedReview[] = rows
          .filter(
            (r) =>
              r.status === 'locked' && !status.get(conflictKey(r.reviewerId, r.applicationId))!.conflicted,
          )
          .map((r) => ({
            stageId: r.stageId,
            applicationId: r.applicationId,
            reviewerId: r.reviewerId,
            score: r.score,
            failedVetoes: Object.entries(r.vetoes)
              .filter(([, v]) => !v)
              .map(([k]) => k),
          }));
        const entrants = [...new Set(rows.map((r) => `${r.stageId}|${r.applicationId}`))].map((k) => {
          const [stageId, applicationId] = k.split('|');
          return { stageId: stageId!, applicationId: applicationId! };
        });
        const entered = new Set(entrants.map((e) => e.applicationId));
        const expected = evaluate({
          stages: stageRows.map((s) => ({
            id: s.id,
            position: s.position,
            method: s.method,
            weight: s.weight,
            aggregation: s.aggregation,
            standardise: s.standardise,
            minReviews: s.minReviews,
            tracks: s.tracks,
            peerMode: null,
            vetoRule: s.vetoRule,
          })),
          applications: apps
            .filter((a) => entered.has(a.id))
            .map((a) => ({ id: a.id, track: a.trackCode, kind: a.orgKind, submittedAt: null })),
          entrants,
          reviews: counted,
          peerMarks: [],
        });

        const actual = await kit.db
          .select()
          .from(stageResults)
          .where(eq(stageResults.campaignId, campaignId));
        expect(actual.length).toBe(expected.stageResults.length);
        const byKey = new Map(actual.map((r) => [`${r.stageId}|${r.applicationId}`, r]));
        for (const e of expected.stageResults) {
          const a = byKey.get(`${e.stageId}|${e.applicationId}`)!;
          expect(a.reviewCount).toBe(e.count);
          close(a.score, e.score);
          close(a.standardisedScore, e.standardisedScore);
          close(a.spread, e.spread);
          close(a.sd, e.sd);
          expect(a.gatePassed).toBe(e.gatePassed);
          expect([...a.failedVetoes].sort()).toEqual(e.failedVetoes);
        }
        const totals = await kit.db
          .select()
          .from(evaluationTotals)
          .where(eq(evaluationTotals.campaignId, campaignId));
        expect(totals.length).toBe(expected.totals.length);
        const totalOf = new Map(totals.map((t) => [t.applicationId, t]));
        for (const e of expected.totals) {
          const a = totalOf.get(e.applicationId)!;
          close(a.finalScore, e.final);
          close(a.finalStandardised, e.finalStandardised);
          close(a.lastStageScore, e.lastStageScore);
          close(a.lastStageStandardised, e.lastStageStandardised);
          expect(a.countedReviews).toBe(e.countedReviews);
          expect(a.gatesPassed).toBe(e.gatesPassed);
        }
      }),
      { numRuns: 25, seed: 20261207 },
    );
  });
});

function close(actual: number | null, expected: number | null) {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 6);
}

/** The reference's lenient reviewer R1 and severe reviewer R2 (evaluation-maths §2) on five applications. */
const r1 = [90, 92, 88, 95, 85];
const r2 = [80, 75, 68, 70, 72];
async function lenientAndSevere(afterApp?: (stageId: string, appId: string) => Promise<unknown>) {
  const campaignId = await kit.campaign();
  const stage = await kit.stage({
    campaignId,
    method: 'presentation',
    rubric: 'overall',
    aggregation: 'mean',
    standardise: true,
  });
  const apps = [];
  for (let i = 0; i < 5; i++) {
    const app = await kit.application('B', campaignId);
    apps.push(app);
    await kit.reviewRow(stage, app, pool[2]!.id, { score: r1[i]! });
    await kit.reviewRow(stage, app, pool[3]!.id, { score: r2[i]! });
    await afterApp?.(stage.id, app.id);
  }
  return { campaignId, stage, apps };
}

/** An application's stage result and total as stored. */
async function figuresOf(applicationId: string) {
  const [first] = await kit.db
    .select()
    .from(stageResults)
    .where(eq(stageResults.applicationId, applicationId));
  const [total] = await kit.db
    .select()
    .from(evaluationTotals)
    .where(eq(evaluationTotals.applicationId, applicationId));
  return { first, total };
}

describe('standardisation (evaluation-maths §2)', () => {
  it('rescales a lenient and a severe reviewer: R1 90 → 81.50, R2 80 → 97.05', async () => {
    const { campaignId, apps } = await lenientAndSevere();
    await kit.db.transaction((tx) => recomputeCampaign(tx, campaignId, kit.env.clock.now));
    const { first, total } = await figuresOf(apps[0]!.id);
    // The first application had R1's 90 (→ 81.50) and R2's 80 (→ 97.05); its raw mean is 85.
    expect(first!.score).toBe(85);
    expect(first!.standardisedScore).toBeCloseTo((81.5 + 97.05) / 2, 1);
    const mu = 81.5;
    const sigma = Math.sqrt([...r1, ...r2].reduce((s, x) => s + (x - mu) ** 2, 0) / 10);
    const z1 = (90 - 90) / Math.sqrt(r1.reduce((s, x) => s + (x - 90) ** 2, 0) / 5);
    const z2 = (80 - 73) / Math.sqrt(r2.reduce((s, x) => s + (x - 73) ** 2, 0) / 5);
    expect(first!.standardisedScore).toBeCloseTo((mu + sigma * z1 + mu + sigma * z2) / 2, 8);
    expect(total).toMatchObject({ finalScore: 85, lastStageScore: 85 });
    expect(total!.finalStandardised).toBeCloseTo(first!.standardisedScore!, 9);
  });

  it('standardises a stage when it closes, and its totals follow (POST /api/stages/:id/close)', async () => {
    // What each lock does: the raw figures, no standardisation yet.
    const { stage, apps } = await lenientAndSevere((stageId, appId) =>
      kit.db.transaction((tx) => refreshApplication(tx, stageId, appId, kit.env.clock.now)),
    );
    const res = await kit.committee.post(`/api/stages/${stage.id}/close`, { version: stage.version });
    expect(res.statusCode, res.body).toBe(200);
    const { first, total } = await figuresOf(apps[0]!.id);
    expect(first!.score).toBe(85);
    const mu = 81.5;
    const sigma = Math.sqrt([...r1, ...r2].reduce((s, x) => s + (x - mu) ** 2, 0) / 10);
    const z2 = (80 - 73) / Math.sqrt(r2.reduce((s, x) => s + (x - 73) ** 2, 0) / 5);
    expect(first!.standardisedScore).toBeCloseTo((mu + mu + sigma * z2) / 2, 8);
    expect(total!.finalStandardised).toBeCloseTo(first!.standardisedScore!, 9);
  });

  it('refuses to close while a review is saved but not locked (409 STAGE_INCOMPLETE), writing nothing; a stated reason closes it, audited', async () => {
    const campaignId = await kit.campaign();
    const stage = await kit.stage({
      campaignId,
      method: 'presentation',
      rubric: 'overall',
      aggregation: 'mean',
    });
    const app = await kit.application('B', campaignId);
    await kit.reviewRow(stage, app, pool[2]!.id, { score: 80 });
    const draft = await kit.reviewRow(stage, app, pool[3]!.id, { score: null, status: 'draft' });
    await kit.db.transaction((tx) => refreshApplication(tx, stage.id, app.id, kit.env.clock.now));
    const written = async () => ({
      stage: (await kit.db.select().from(stages).where(eq(stages.id, stage.id))).map((s) => [
        s.status,
        s.version,
      ]),
      events: (
        await kit.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.objectId, stage.id), eq(auditEvents.action, 'stages.close')))
          .orderBy(asc(auditEvents.id))
      ).map((e) => [e.changes, e.detail]),
    });
    const before = await written();
    const res = await kit.committee.post(
      `/api/stages/${stage.id}/close`,
      { version: stage.version },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'STAGE_INCOMPLETE',
      details: [
        {
          field: `reviews.${draft.id}`,
          code: 'not_locked',
          message: 'This review is saved but not confirmed and locked',
        },
      ],
    });
    expect(await written()).toEqual(before);
    expect(before).toEqual({ stage: [['open', stage.version]], events: [] });
    const ok = await kit.committee.post(`/api/stages/${stage.id}/close`, {
      version: stage.version,
      reason: '专家因病未能完成评分，经工委会议同意结束',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await written()).toEqual({
      stage: [['closed', stage.version + 1]],
      events: [
        [
          {
            status: { before: 'open', after: 'closed' },
            belowMinReviews: { before: null, after: [] },
            unlockedReviews: { before: null, after: [draft.id] },
          },
          '专家因病未能完成评分，经工委会议同意结束',
        ],
      ],
    });
  });
});
