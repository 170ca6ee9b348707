import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trimmedMean } from './aggregate';
import {
  compareRankings,
  finalScore,
  propose,
  rankAll,
  rankGroup,
  topWithTies,
  type RankInput,
} from './ranking';

function row(applicationId: string, final: number, extra: Partial<RankInput> = {}): RankInput {
  return {
    applicationId,
    track: 'site',
    kind: 'branch',
    final,
    lastStageScore: 80,
    countedReviews: 5,
    submittedAt: '2026-03-01T08:00:00.000Z',
    ...extra,
  };
}

describe('finalScore (reference §5)', () => {
  it('weights the stage scores: [0.3, 0.4, 0.3] on [86.6667, 80, 90] → 85.00', () => {
    const first = trimmedMean([82, 90, 75, 88, 95])!;
    const stages = [
      { weight: 0.3, score: first },
      { weight: 0.4, score: 80 },
      { weight: 0.3, score: 90 },
    ];
    expect(finalScore(stages)).toBe(85);
  });

  it('sums over the stages taken; none taken is 0', () => {
    expect(finalScore([{ weight: 0.5, score: 90 }])).toBe(45);
    expect(finalScore([])).toBe(0);
  });
});

describe('ranking with the tie rule (reference §5)', () => {
  it('orders by final, then last weighted stage, counted reviews, submission time, id — and says which decided', () => {
    const rows = [
      row('e', 84),
      row('d', 85, { lastStageScore: 70 }),
      row('c', 85, { lastStageScore: 90, countedReviews: 4 }),
      row('b', 85, { lastStageScore: 90, countedReviews: 5, submittedAt: '2026-03-02T08:00:00.000Z' }),
      row('a', 85, { lastStageScore: 90, countedReviews: 5, submittedAt: '2026-03-02T08:00:00.000Z' }),
      row('f', 86),
      row('g', 85, { lastStageScore: 90, countedReviews: 5, submittedAt: '2026-03-01T09:00:00.000Z' }),
    ];
    expect(rankGroup(rows).map((r) => [r.applicationId, r.rank, r.decidedBy])).toEqual([
      ['f', 1, null],
      ['g', 2, 'final_score'],
      ['a', 3, 'submitted_at'],
      ['b', 4, 'application_id'],
      ['c', 5, 'counted_reviews'],
      ['d', 6, 'last_stage_score'],
      ['e', 7, 'final_score'],
    ]);
  });

  it('ranks a missing last stage or submission time last', () => {
    const ranked = rankGroup([
      row('x', 80, { lastStageScore: null }),
      row('y', 80),
      row('z', 80, { submittedAt: null }),
    ]);
    expect(ranked.map((r) => [r.applicationId, r.decidedBy])).toEqual([
      ['y', null],
      ['z', 'submitted_at'],
      ['x', 'last_stage_score'],
    ]);
  });

  it('treats finals that differ by floating-point noise only as equal', () => {
    // 0.3·60.5 + 0.4·80 + 0.3·61 = 68.45 but 0.3·61 + 0.4·80 + 0.3·60.5 = 68.44999999999999
    const p = 0.3 * 60.5 + 0.4 * 80 + 0.3 * 61;
    const q = 0.3 * 61 + 0.4 * 80 + 0.3 * 60.5;
    expect(p).not.toBe(q);
    const settled = (a: number, c: number) =>
      finalScore([
        { weight: 0.3, score: a },
        { weight: 0.4, score: 80 },
        { weight: 0.3, score: c },
      ]);
    expect(settled(60.5, 61)).toBe(68.45);
    expect(settled(61, 60.5)).toBe(68.45);
    const ranked = rankGroup([row('p', p, { lastStageScore: 61 }), row('q', q, { lastStageScore: 60.5 })]);
    expect(ranked.map((r) => [r.applicationId, r.decidedBy])).toEqual([
      ['p', null],
      ['q', 'last_stage_score'],
    ]);
  });

  it('ranks each (track, kind) on its own', () => {
    const ranked = rankAll([
      row('v1', 70, { track: 'venue' }),
      row('s1', 60),
      row('s2', 90),
      row('c1', 50, { kind: 'party_committee' }),
    ]);
    expect(ranked.map((r) => [r.track, r.kind, r.applicationId, r.rank])).toEqual([
      ['site', 'branch', 's2', 1],
      ['site', 'branch', 's1', 2],
      ['site', 'party_committee', 'c1', 1],
      ['venue', 'branch', 'v1', 1],
    ]);
    expect(rankAll([])).toEqual([]);
  });

  it('does not depend on the input order', () => {
    const rows = fc.uniqueArray(
      fc.record({
        applicationId: fc.string({ minLength: 1, maxLength: 3 }),
        final: fc.integer({ min: 0, max: 8 }).map((x) => x * 10),
        lastStageScore: fc.option(fc.constantFrom(70, 80), { nil: null }),
        countedReviews: fc.integer({ min: 3, max: 5 }),
        submittedAt: fc.constantFrom('2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z'),
      }),
      { selector: (r) => r.applicationId, maxLength: 20 },
    );
    fc.assert(
      fc.property(
        rows.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))),
        ([rs, shuffled]) => {
          const full = (r: (typeof rs)[number]) => ({ ...r, track: 'site', kind: 'branch' });
          const a = rankGroup(rs.map(full));
          expect(rankGroup(shuffled.map(full))).toEqual(a);
          a.forEach((r, i) => expect(r.rank).toBe(i + 1));
          for (let i = 1; i < a.length; i++) expect(a[i - 1]!.final).toBeGreaterThanOrEqual(a[i]!.final);
        },
      ),
    );
  });
});

describe('propose (reference §5)', () => {
  const ranked = rankGroup([row('a', 95), row('b', 90), row('c', 88), row('d', 85), row('e', 80)]);

  it('proposes the top of the quota among those who passed every gate, with a reason per line', () => {
    const gates = new Set(['a', 'c', 'd', 'e']);
    expect(propose(ranked, 2, gates)).toEqual([
      { applicationId: 'a', rank: 1, proposed: true, reason: 'within_quota' },
      { applicationId: 'b', rank: 2, proposed: false, reason: 'failed_gate' },
      { applicationId: 'c', rank: 3, proposed: true, reason: 'within_quota' },
      { applicationId: 'd', rank: 4, proposed: false, reason: 'below_quota_line' },
      { applicationId: 'e', rank: 5, proposed: false, reason: 'below_quota_line' },
    ]);
  });

  it('marks every application tied at the quota line', () => {
    const tied = rankGroup([
      row('a', 95),
      row('b', 88, { lastStageScore: 90 }),
      row('c', 88, { lastStageScore: 85 }),
      row('d', 88, { lastStageScore: 80 }),
      row('e', 80),
    ]);
    const all = new Set(['a', 'b', 'c', 'd', 'e']);
    expect(propose(tied, 2, all).map((l) => [l.applicationId, l.proposed, l.reason])).toEqual([
      ['a', true, 'within_quota'],
      ['b', true, 'tied_at_line'],
      ['c', false, 'tied_at_line'],
      ['d', false, 'tied_at_line'],
      ['e', false, 'below_quota_line'],
    ]);
    // the line is not inside the tie: no one is tied at it
    expect(propose(tied, 4, all).some((l) => l.reason === 'tied_at_line')).toBe(false);
    // a failed gate stays failed even with the tied score
    expect(propose(tied, 2, new Set(['a', 'b', 'c'])).map((l) => l.reason)).toEqual([
      'within_quota',
      'tied_at_line',
      'tied_at_line',
      'failed_gate',
      'failed_gate',
    ]);
  });

  it('proposes everyone who passed when the quota is larger, and no one for a quota of 0', () => {
    const all = new Set(['a', 'b', 'c', 'd', 'e']);
    expect(propose(ranked, 10, all).every((l) => l.proposed && l.reason === 'within_quota')).toBe(true);
    expect(propose(ranked, 0, all).every((l) => !l.proposed && l.reason === 'below_quota_line')).toBe(true);
    expect(propose(ranked, -3, all).some((l) => l.proposed)).toBe(false);
    expect(propose([], 3, all)).toEqual([]);
  });

  it('proposes exactly min(quota, passed) applications, all ranked above any passing one left out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 15 }),
        fc.integer({ min: 0, max: 16 }),
        fc.func(fc.boolean()),
        (finals, quota, passes) => {
          const rows = rankGroup(finals.map((f, i) => row(`a${String(i).padStart(2, '0')}`, f * 10)));
          const gates = new Set(rows.filter((r) => passes(r.applicationId)).map((r) => r.applicationId));
          const lines = propose(rows, quota, gates);
          const inLines = lines.filter((l) => l.proposed);
          expect(inLines.length).toBe(Math.min(quota, gates.size));
          const worstIn = Math.max(0, ...inLines.map((l) => l.rank));
          for (const l of lines)
            if (!l.proposed && gates.has(l.applicationId)) expect(l.rank).toBeGreaterThan(worstIn);
        },
      ),
    );
  });
});

describe('compareRankings', () => {
  it('lists the applications whose selection changes between raw and standardised', () => {
    const raw = rankGroup([row('a', 90), row('b', 85), row('c', 80), row('d', 70)]);
    const std = rankGroup([row('a', 88), row('c', 87), row('b', 86), row('d', 70)]);
    expect(compareRankings(raw, std, 2)).toEqual([
      { applicationId: 'b', rawRank: 2, standardisedRank: 3, rawProposed: true, standardisedProposed: false },
      { applicationId: 'c', rawRank: 3, standardisedRank: 2, rawProposed: false, standardisedProposed: true },
    ]);
    expect(compareRankings(raw, std, 3)).toEqual([]);
    expect(compareRankings(raw, raw, 2)).toEqual([]);
    expect(compareRankings([], [], 2)).toEqual([]);
  });

  it('respects the gates', () => {
    const raw = rankGroup([row('a', 90), row('b', 85), row('c', 80)]);
    const std = rankGroup([row('a', 90), row('c', 87), row('b', 86)]);
    expect(compareRankings(raw, std, 2, new Set(['a', 'c']))).toEqual([]);
  });
});

describe('topWithTies', () => {
  it('takes the first n and everyone tied with the n-th', () => {
    const ranked = rankGroup([
      row('a', 95),
      row('b', 88, { lastStageScore: 90 }),
      row('c', 88),
      row('d', 80),
    ]);
    expect(topWithTies(ranked, 2)).toEqual(['a', 'b', 'c']);
    expect(topWithTies(ranked, 3)).toEqual(['a', 'b', 'c']);
    expect(topWithTies(ranked, 1)).toEqual(['a']);
    expect(topWithTies(ranked, 0)).toEqual([]);
    expect(topWithTies(ranked, 9)).toEqual(['a', 'b', 'c', 'd']);
    expect(topWithTies([], 3)).toEqual([]);
  });
});
