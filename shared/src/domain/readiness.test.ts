import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkReadinessItems, readinessTotals } from './readiness';

const criteria = [
  { id: 'a', maxPoints: 20, bonus: false },
  { id: 'b', maxPoints: 30, bonus: false },
  { id: 'c', maxPoints: 50, bonus: false },
  { id: 'x', maxPoints: 10, bonus: true },
];

describe('readinessTotals', () => {
  it('adds regular and bonus points and gives the share of the total points', () => {
    const t = readinessTotals(
      criteria,
      { a: { score: 18, gap: null }, b: { score: 22.5, gap: '缺少台账' }, x: { score: 4, gap: null } },
      100,
      10,
    );
    expect(t).toEqual({
      scored: 3,
      criteriaCount: 4,
      regular: 40.5,
      bonus: 4,
      total: 44.5,
      max: 100,
      percentage: 44.5,
    });
  });

  it('caps the bonus at the bonus cap and the percentage at 100', () => {
    const t = readinessTotals(
      criteria,
      {
        a: { score: 20, gap: null },
        b: { score: 30, gap: null },
        c: { score: 50, gap: null },
        x: { score: 10, gap: null },
      },
      100,
      5,
    );
    expect(t).toMatchObject({ regular: 100, bonus: 5, total: 105, percentage: 100 });
  });

  it('answers zeros for a self-check not started, and ignores entries of other criteria', () => {
    expect(readinessTotals(criteria, null, 100, 10)).toEqual({
      scored: 0,
      criteriaCount: 4,
      regular: 0,
      bonus: 0,
      total: 0,
      max: 100,
      percentage: 0,
    });
    expect(readinessTotals(criteria, { zzz: { score: 9, gap: null } }, 100, 10).scored).toBe(0);
  });

  it('never leaves 0..100 for any valid scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }), (halves) => {
        const entries = Object.fromEntries(
          criteria.map((c, i) => [c.id, { score: Math.min(c.maxPoints, halves[i]! / 2), gap: null }]),
        );
        const t = readinessTotals(criteria, entries, 100, 10);
        return t.percentage >= 0 && t.percentage <= 100 && t.total === t.regular + t.bonus;
      }),
    );
  });
});

describe('checkReadinessItems', () => {
  it('accepts scores in half steps up to the maximum, and unscored items', () => {
    expect(
      checkReadinessItems(criteria, [
        { criterionId: 'a', score: 19.5 },
        { criterionId: 'b', score: null },
        { criterionId: 'x', score: 0 },
      ]),
    ).toEqual([]);
  });

  it('names unknown and repeated criteria and bad scores by index', () => {
    expect(
      checkReadinessItems(criteria, [
        { criterionId: 'nope', score: 1 },
        { criterionId: 'a', score: 20.5 },
        { criterionId: 'a', score: 3.3 },
        { criterionId: 'b', score: -1 },
      ]),
    ).toEqual([
      { index: 0, field: 'criterionId', code: 'unknown_criterion' },
      { index: 1, field: 'score', code: 'invalid_score' },
      { index: 2, field: 'criterionId', code: 'duplicate_criterion' },
      { index: 2, field: 'score', code: 'invalid_score' },
      { index: 3, field: 'score', code: 'invalid_score' },
    ]);
  });
});
