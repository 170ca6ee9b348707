/**
 * The ranking page's SQL (ranking-queries.ts) against the pure tie rule (domain/evaluation `rankGroup`,
 * `compareRankings`): random groups full of ties (equal finals, missing last-stage scores and submission
 * times, failed gates, two kinds in one track), every mode, limit and quota, through the real route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { campaignQuotas, evaluationTotals } from '../../db/schema';
import { compareRankings, rankGroup, type RankInput } from '../../../../shared/src/domain/evaluation';
import { reviewSetup, type ReviewSetup } from '../reviews/test-kit';

let kit: ReviewSetup;
let campaignId: string;
let apps: { id: string; unitId: string }[];
beforeAll(async () => {
  kit = await reviewSetup();
  campaignId = await kit.campaign();
  apps = [];
  for (let i = 0; i < 14; i++) apps.push(await kit.application(i % 2 ? 'A' : 'B', campaignId));
});
afterAll(() => kit.env.close());

const T1 = new Date('2026-03-01T02:00:00Z');
const T2 = new Date('2026-03-02T02:00:00Z');
const totalArb = fc.record({
  kind: fc.constantFrom('branch', 'general_branch') as fc.Arbitrary<'branch' | 'general_branch'>,
  raw: fc.constantFrom(80, 85, 85.5, 90),
  std: fc.constantFrom(70, 85, 85.5),
  last: fc.constantFrom(null, 80, 85),
  lastStd: fc.constantFrom(null, 75, 85),
  counted: fc.constantFrom(3, 5),
  submitted: fc.constantFrom(null, T1, T2),
  gates: fc.boolean(),
});
type Total = typeof totalArb extends fc.Arbitrary<infer T> ? T : never;

/** What the page must show, by the pure functions (the ranking as it was computed in memory before). */
function expected(
  rows: (Total & { id: string })[],
  standardised: boolean,
  limit: number,
  quota: number | null,
) {
  const input = (std: boolean): RankInput[] =>
    rows.map((r) => ({
      applicationId: r.id,
      track: 'site',
      kind: '',
      final: std ? r.std : r.raw,
      lastStageScore: std ? r.lastStd : r.last,
      countedReviews: r.counted,
      submittedAt: r.submitted?.toISOString() ?? null,
    }));
  const raw = rankGroup(input(false));
  const std = rankGroup(input(true));
  const passed = new Set(rows.filter((r) => r.gates).map((r) => r.id));
  const changes = new Set(
    quota === null ? [] : compareRankings(raw, std, quota, passed).map((c) => c.applicationId),
  );
  const rawRank = new Map(raw.map((r) => [r.applicationId, r.rank]));
  const stdRank = new Map(std.map((r) => [r.applicationId, r.rank]));
  return (standardised ? std : raw)
    .slice(0, limit)
    .map((x) => [
      x.applicationId,
      x.rank,
      rawRank.get(x.applicationId),
      stdRank.get(x.applicationId),
      changes.has(x.applicationId),
    ]);
}

describe('the ranking page in SQL', () => {
  it('equals the pure tie rule on random groups, in both modes, per kind and per track', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(totalArb, { minLength: 1, maxLength: apps.length }),
        fc.boolean(),
        fc.constantFrom(undefined, 'branch' as const),
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom(null, 0, 1, 3, 6),
        async (totals, standardised, kind, limit, quota) => {
          await kit.db.delete(evaluationTotals).where(eq(evaluationTotals.campaignId, campaignId));
          const rows = totals.map((t, i) => ({ ...t, id: apps[i]!.id, unitId: apps[i]!.unitId }));
          await kit.db.insert(evaluationTotals).values(
            rows.map((r) => ({
              applicationId: r.id,
              campaignId,
              trackCode: 'site',
              orgKind: r.kind,
              unitId: r.unitId,
              finalScore: r.raw,
              finalStandardised: r.std,
              lastStageScore: r.last,
              lastStageStandardised: r.lastStd,
              countedReviews: r.counted,
              gatesPassed: r.gates,
              submittedAt: r.submitted,
              updatedAt: kit.env.clock.now,
            })),
          );
          await kit.db
            .update(campaignQuotas)
            .set({ quota: quota ?? 0 })
            .where(and(eq(campaignQuotas.campaignId, campaignId), eq(campaignQuotas.orgKind, 'branch')));
          const q = `track=site${kind ? `&kind=${kind}` : ''}&mode=${standardised ? 'standardised' : 'raw'}&limit=${limit}`;
          const res = await kit.committee.get(`/api/campaigns/${campaignId}/ranking?${q}`);
          expect(res.statusCode).toBe(200);
          const body = res.json();
          const group = rows.filter((r) => !kind || r.kind === kind);
          // The quota the route found for the group (per kind here; none for the whole track).
          const groupQuota = body.quota as number | null;
          expect(groupQuota).toBe(kind ? (quota ?? 0) : null);
          expect(body.total).toBe(group.length);
          expect(
            body.items.map((i: Record<string, unknown>) => [
              i.applicationId,
              i.rank,
              i.rawRank,
              i.standardisedRank,
              i.selectionWouldChange,
            ]),
          ).toEqual(expected(group, standardised, limit, groupQuota));
        },
      ),
      { numRuns: 60, seed: 20261207 },
    );
  });
});
