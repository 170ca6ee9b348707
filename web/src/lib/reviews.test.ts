import { describe, expect, it } from 'vitest';
import type { ReviewSheet } from '../../../shared/src/contracts/reviews';
import { draftOf, isValidPoints, missingOf, previewScore, timeLeft } from './reviews';

const crit = (id: string, maxPoints: number, extra: Partial<ReviewSheet['criteria'][number]> = {}) => ({
  id,
  position: 1,
  titleZh: id,
  titleEn: id,
  description: null,
  maxPoints,
  veto: false,
  bonus: false,
  methods: [],
  ...extra,
});

function sheet(rubric: 'standard' | 'overall', method = 'criteria_scoring'): ReviewSheet {
  return {
    stage: { rubric, method },
    criteria:
      rubric === 'standard'
        ? [crit('a', 20), crit('b', 30), crit('v', 0, { veto: true }), crit('x', 5, { bonus: true })]
        : [],
    totalPoints: 50,
    bonusCap: 5,
    review: { scores: {}, vetoes: {}, comment: null, score: null },
  } as unknown as ReviewSheet;
}

describe('the scoring sheet', () => {
  it('accepts points from 0 to the maximum in half points only', () => {
    expect([0, 0.5, 12.5, 20].map((p) => isValidPoints(p, 20))).toEqual([true, true, true, true]);
    expect([-0.5, 20.5, 1.25, Number.NaN].map((p) => isValidPoints(p, 20))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('names what is missing and previews the score the server computes at lock', () => {
    const s = sheet('standard');
    const d = draftOf(s);
    d.points = { a: 18 };
    expect(missingOf(s, d)).toEqual({ criteria: [s.criteria[1]], vetoes: [], overall: false });
    expect(previewScore(s, d)).toEqual({ points: 18, score: null });
    d.points.b = 25.5;
    // bonus left empty counts 0: (18 + 25.5) / (50 + 5) × 100 = 79.0909… → 79.09
    expect(previewScore(s, d)).toEqual({ points: 43.5, score: 79.09 });
    d.points.x = 5;
    // bonus 5 capped at 5: (43.5 + 5) / 55 × 100 = 88.1818… → 88.18
    expect(previewScore(s, d)).toEqual({ points: 48.5, score: 88.18 });
  });

  it('asks a gate only for its veto items, and gives it no score', () => {
    const s = sheet('standard', 'gate');
    const d = draftOf(s);
    expect(missingOf(s, d)).toEqual({ criteria: [], vetoes: [s.criteria[2]], overall: false });
    d.vetoes.v = false;
    expect(missingOf(s, d).vetoes).toEqual([]);
    expect(previewScore(s, d)).toEqual({ points: 0, score: null });
  });

  it('takes the one score of an overall rubric as it is', () => {
    const s = sheet('overall');
    const d = draftOf(s);
    expect(missingOf(s, d).overall).toBe(true);
    d.overall = 91.5;
    expect(previewScore(s, d)).toEqual({ points: 91.5, score: 91.5 });
  });

  it('counts the time left to a deadline in days and hours', () => {
    const now = new Date('2026-12-07T04:00:00Z');
    expect(timeLeft('2026-12-09T10:30:00Z', now)).toEqual({ days: 2, hours: 6, over: false });
    expect(timeLeft('2026-12-07T03:59:00Z', now)).toEqual({ days: 0, hours: 0, over: true });
  });
});
