import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareIds, scoreKey, settle } from './util';

describe('scores on the 1e-9 grid', () => {
  it('makes noise-level differences equal and keeps real ones', () => {
    expect(scoreKey(68.45)).toBe(scoreKey(68.44999999999999));
    expect(settle(68.44999999999999)).toBe(68.45);
    expect(scoreKey(68.45)).toBeLessThan(scoreKey(68.450000002));
    expect(settle(86.66666666666667)).toBe(86.666666667);
  });

  it('is idempotent and keeps the order of scores', () => {
    const score = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(score, score, (x, y) => {
        expect(settle(settle(x))).toBe(settle(x));
        expect(scoreKey(settle(x))).toBe(scoreKey(x));
        if (x <= y) expect(settle(x)).toBeLessThanOrEqual(settle(y));
        expect(Math.abs(settle(x) - x)).toBeLessThanOrEqual(5e-10 + 1e-14);
      }),
    );
  });

  it('compares ids by code unit, not by locale', () => {
    expect(['b', 'B', 'a', '甲', 'A'].sort(compareIds)).toEqual(['A', 'B', 'a', 'b', '甲']);
  });
});
