import { describe, expect, it } from 'vitest';
import { draftErrors, missing, scoreOf, type SheetSpec } from '../../../shared/src/domain/review-sheet';
import { prng } from './prng';
import { BANDS, generatedSheet, type Band } from './review-scores';

/** The default standards' shape (migration 0003): five items of 20 points, a bonus item, cap 10. */
const standard: SheetSpec = {
  method: 'criteria_scoring',
  rubric: 'standard',
  criteria: [
    ...[1, 2, 3, 4, 5].map((i) => ({ id: `c${i}`, maxPoints: 20, veto: false, bonus: false })),
    { id: 'c6', maxPoints: 10, veto: false, bonus: true },
  ],
  totalPoints: 100,
  bonusCap: 10,
};
const overall: SheetSpec = {
  method: 'presentation',
  rubric: 'overall',
  criteria: [],
  totalPoints: 0,
  bonusCap: 0,
};

describe('generated demo sheets', () => {
  it('are complete sheets the service would lock, scored by scoreOf, in two bands apart', () => {
    const r = prng(7);
    for (const spec of [standard, overall])
      for (const band of ['selected', 'other'] as Band[]) {
        const scores: number[] = [];
        for (let i = 0; i < 500; i++) {
          const s = generatedSheet(spec, band, r);
          expect([draftErrors(spec, s.state), missing(spec, s.state)]).toEqual([[], []]);
          expect(scoreOf(spec, s.state)).toEqual({ points: s.points, score: s.score });
          scores.push(s.score!);
        }
        const [lo, hi] = [Math.min(...scores), Math.max(...scores)];
        expect([spec.rubric, band, lo >= BANDS[band].min, hi <= BANDS[band].max]).toEqual([
          spec.rubric,
          band,
          true,
          true,
        ]);
      }
    expect(BANDS.selected.min).toBeGreaterThan(BANDS.other.max);
  });

  it('gives the same sheet for the same seed, another for another seed', () => {
    const a = generatedSheet(standard, 'selected', prng(42));
    expect(generatedSheet(standard, 'selected', prng(42))).toEqual(a);
    expect(generatedSheet(standard, 'selected', prng(43))).not.toEqual(a);
  });
});
