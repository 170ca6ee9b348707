import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  averageRanks,
  bordaPoints,
  checkRatedTargets,
  consensusCheck,
  mayRate,
  peerScores,
  rankingsToRatings,
  ratableMembers,
  reciprocalFavours,
  spearman,
  type PeerRanking,
} from './peer';

// Reference §3: group A, B, C, D.
const GROUP: PeerRanking[] = [
  { raterId: 'A', ranking: ['B', 'C', 'D'] },
  { raterId: 'B', ranking: ['A', 'D', 'C'] },
  { raterId: 'C', ranking: ['B', 'A', 'D'] },
  { raterId: 'D', ranking: ['B', 'A', 'C'] },
];

describe('mayRate', () => {
  const a1 = { id: 'a1', unitId: 'u1' };
  const a2 = { id: 'a2', unitId: 'u1' };
  const b1 = { id: 'b1', unitId: 'u2' };

  it('never lets a member rate itself', () => {
    expect(mayRate(a1, a1, { excludeOwnUnit: false })).toBe(false);
  });

  it('excludes its own unit only when the stage says so', () => {
    expect(mayRate(a1, a2, { excludeOwnUnit: true })).toBe(false);
    expect(mayRate(a1, a2, { excludeOwnUnit: false })).toBe(true);
    expect(mayRate(a1, b1, { excludeOwnUnit: true })).toBe(true);
  });

  it('lists the members a rater must rate and checks its list', () => {
    const members = [b1, a2, a1, { id: 'c1', unitId: 'u3' }];
    expect(ratableMembers(a1, members, { excludeOwnUnit: true }).map((m) => m.id)).toEqual(['b1', 'c1']);
    expect(checkRatedTargets(a1, ['c1', 'b1'], members, { excludeOwnUnit: true })).toEqual([]);
    expect(checkRatedTargets(a1, ['a1', 'a2', 'zz', 'b1', 'b1'], members, { excludeOwnUnit: true })).toEqual([
      { code: 'rates_itself', targetId: 'a1' },
      { code: 'rates_own_unit', targetId: 'a2' },
      { code: 'unknown_member', targetId: 'zz' },
      { code: 'duplicate', targetId: 'b1' },
      { code: 'missing_member', targetId: 'c1' },
    ]);
  });
});

describe('Borda by rank (reference §3)', () => {
  it('gives (m − 1 − i) / (m − 1) × 100 points by position', () => {
    expect(bordaPoints(['B', 'C', 'D'])).toEqual([
      { targetId: 'B', points: 100 },
      { targetId: 'C', points: 50 },
      { targetId: 'D', points: 0 },
    ]);
    expect(bordaPoints(['X'])).toEqual([{ targetId: 'X', points: 100 }]);
    expect(bordaPoints([])).toEqual([]);
  });

  it('reproduces the worked peer scores', () => {
    const scores = peerScores(rankingsToRatings(GROUP), 'rank');
    expect(scores.map((s) => s.targetId)).toEqual(['A', 'B', 'C', 'D']);
    expect(scores[0]!.score).toBeCloseTo(66.6667, 4);
    expect(scores[1]!.score).toBe(100);
    expect(scores[2]!.score).toBeCloseTo(16.6667, 4);
    expect(scores[3]!.score).toBeCloseTo(16.6667, 4);
    expect(scores.map((s) => s.count)).toEqual([3, 3, 3, 3]);
  });

  it('counts only the raters who rated a target (an excluded rater does not count)', () => {
    // A and B are of one unit and may not rate each other.
    const ratings = rankingsToRatings([
      { raterId: 'A', ranking: ['C', 'D'] },
      { raterId: 'B', ranking: ['D', 'C'] },
      { raterId: 'C', ranking: ['A', 'B', 'D'] },
      { raterId: 'D', ranking: ['B', 'A', 'C'] },
    ]);
    const scores = peerScores(ratings, 'rank');
    expect(scores.find((s) => s.targetId === 'A')).toEqual({ targetId: 'A', score: 75, count: 2 });
    // C: A gives 100, B 0, D 0
    expect(scores.find((s) => s.targetId === 'C')).toMatchObject({ targetId: 'C', count: 3 });
    expect(scores.find((s) => s.targetId === 'C')!.score).toBeCloseTo(33.3333, 4);
  });

  it('scores by the trimmed mean when the stage scores instead of ranking', () => {
    const ratings = [80, 90, 70, 60, 100].map((value, i) => ({ raterId: `r${i}`, targetId: 'T', value }));
    expect(peerScores(ratings, 'score')).toEqual([{ targetId: 'T', score: 80, count: 5 }]);
    expect(peerScores([], 'score')).toEqual([]);
  });

  it('gives back the common order when every rater ranks alike', () => {
    const orders = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 9 });
    const byScore = (rankings: PeerRanking[]) =>
      [...peerScores(rankingsToRatings(rankings), 'rank')].sort((x, y) => y.score - x.score);
    fc.assert(
      fc.property(orders, fc.integer({ min: 1, max: 6 }), (order, raters) => {
        // raters outside the group, each ranking every member alike
        const outside = Array.from({ length: raters }, (_, i) => ({ raterId: `r${i}`, ranking: order }));
        expect(byScore(outside).map((s) => s.targetId)).toEqual(order);
        // the members themselves, each ranking the others (never itself) in the common order
        const inside = order.map((raterId) => ({ raterId, ranking: order.filter((t) => t !== raterId) }));
        const scores = byScore(inside);
        expect(scores.map((s) => s.targetId)).toEqual(order);
        expect(new Set(scores.map((s) => s.score)).size).toBe(order.length);
      }),
    );
  });

  it('cannot separate a group of two that rate each other', () => {
    const scores = peerScores(
      rankingsToRatings([
        { raterId: 'A', ranking: ['B'] },
        { raterId: 'B', ranking: ['A'] },
      ]),
      'rank',
    );
    expect(scores.map((s) => s.score)).toEqual([100, 100]);
  });
});

describe('Spearman ρ (reference §3)', () => {
  it('computes the worked values', () => {
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 3, 5, 4])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 2, 3], [10, 20, 30])).toBe(1);
  });

  it('averages tied ranks', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([5, 5, 5])).toEqual([2, 2, 2]);
    // ranks [1, 2.5, 2.5, 4] vs [1, 2, 3, 4]: Σd² = 0.5 → 1 − 3 / 60
    expect(spearman([10, 20, 20, 30], [1, 2, 3, 4])).toBeCloseTo(0.95, 12);
  });

  it('is null for fewer than two pairs or unequal lengths', () => {
    expect(spearman([], [])).toBeNull();
    expect(spearman([1], [1])).toBeNull();
    expect(spearman([1, 2], [1])).toBeNull();
  });

  it('stays within [−1, 1], is symmetric and 1 against itself', () => {
    const list = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(
        list.chain((x) =>
          fc.tuple(
            fc.constant(x),
            fc.array(fc.integer({ min: 0, max: 6 }), { minLength: x.length, maxLength: x.length }),
          ),
        ),
        ([x, y]) => {
          const rho = spearman(x, y)!;
          expect(rho).toBeGreaterThanOrEqual(-1 - 1e-12);
          expect(rho).toBeLessThanOrEqual(1 + 1e-12);
          expect(spearman(y, x)).toBe(rho);
          expect(spearman(x, x)).toBe(1);
        },
      ),
    );
  });
});

describe('consensus check', () => {
  it('compares each rater with the consensus of the others', () => {
    // A's points [B 100, C 50, D 0] vs the others' consensus [B 100, C 0, D 25] → ρ = 0.5
    const check = consensusCheck(rankingsToRatings(GROUP), 'rank');
    expect(check).toEqual([
      { raterId: 'A', rho: 0.5, n: 3, flagged: false },
      { raterId: 'B', rho: 0.5, n: 3, flagged: false },
      { raterId: 'C', rho: 1, n: 3, flagged: false },
      { raterId: 'D', rho: 1, n: 3, flagged: false },
    ]);
  });

  it('flags a rater who runs against the consensus', () => {
    const members = ['A', 'B', 'C', 'D', 'E', 'F'];
    const common = ['A', 'B', 'C', 'D', 'E', 'F'];
    const rankings = members.map((raterId) => {
      const order = common.filter((t) => t !== raterId);
      return { raterId, ranking: raterId === 'F' ? [...order].reverse() : order };
    });
    const check = consensusCheck(rankingsToRatings(rankings), 'rank');
    expect(check.find((c) => c.raterId === 'F')).toEqual({ raterId: 'F', rho: -1, n: 5, flagged: true });
    expect(check.filter((c) => c.flagged).map((c) => c.raterId)).toEqual(['F']);
    expect(consensusCheck(rankingsToRatings(rankings), 'rank', -1.5).some((c) => c.flagged)).toBe(false);
  });

  it('has no ρ for a rater with fewer than two comparable targets', () => {
    const ratings = [
      { raterId: 'A', targetId: 'B', value: 90 },
      { raterId: 'B', targetId: 'A', value: 70 },
    ];
    expect(consensusCheck(ratings, 'score')).toEqual([
      { raterId: 'A', rho: null, n: 0, flagged: false },
      { raterId: 'B', rho: null, n: 0, flagged: false },
    ]);
    expect(consensusCheck([], 'score')).toEqual([]);
  });
});

describe('reciprocal favours', () => {
  it('flags a pair that put each other first while the others put both in the lower half', () => {
    const rankings = [
      { raterId: 'A', ranking: ['B', 'C', 'D', 'E'] },
      { raterId: 'B', ranking: ['A', 'C', 'D', 'E'] },
      { raterId: 'C', ranking: ['D', 'E', 'A', 'B'] },
      { raterId: 'D', ranking: ['C', 'E', 'A', 'B'] },
      { raterId: 'E', ranking: ['C', 'D', 'A', 'B'] },
    ];
    // without A→B and B→A: C 83.33, D 58.33, A 33.33 = E 33.33, B 0 → A at 3.5, B at 5 of 5
    expect(reciprocalFavours(rankingsToRatings(rankings), 'rank')).toEqual([
      { a: 'A', b: 'B', rankA: 3.5, rankB: 5, n: 5 },
    ]);
  });

  it('does not flag a mutual first place the others agree with', () => {
    // A and B put each other first, but the others put B first too (A 50, B 100 without them).
    expect(reciprocalFavours(rankingsToRatings(GROUP), 'rank')).toEqual([]);
    expect(reciprocalFavours([], 'rank')).toEqual([]);
  });
});
