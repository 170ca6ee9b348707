import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  aggregate,
  mean,
  median,
  moments,
  populationSd,
  round2,
  spread,
  stageScore,
  trimmedMean,
} from './aggregate';

const score = fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true });
const scores = fc.array(score, { minLength: 1, maxLength: 30 });

describe('trimmedMean (reference §1)', () => {
  it('drops one highest and one lowest from five reviews', () => {
    expect(trimmedMean([82, 90, 75, 88, 95])).toBeCloseTo(86.6667, 4);
    expect(trimmedMean([82, 90, 75, 88, 95])).toBe(mean([82, 90, 88]));
  });

  it('is the plain mean below five reviews', () => {
    expect(trimmedMean([82, 90, 75, 88])).toBe(83.75);
    expect(trimmedMean([70])).toBe(70);
  });

  it('drops only one of several equal extremes', () => {
    expect(trimmedMean([60, 60, 80, 100, 100])).toBe((60 + 80 + 100) / 3);
  });

  it('has no value without reviews', () => {
    expect(trimmedMean([])).toBeNull();
  });

  it('does not depend on the order of the reviews', () => {
    fc.assert(
      fc.property(
        scores.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))),
        ([xs, shuffled]) => {
          expect(trimmedMean(shuffled)).toBe(trimmedMean(xs));
        },
      ),
    );
  });

  it('stays within [min, max] and equals the value when all are equal', () => {
    fc.assert(
      fc.property(scores, (xs) => {
        const t = trimmedMean(xs)!;
        expect(t).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(t).toBeLessThanOrEqual(Math.max(...xs));
      }),
    );
    fc.assert(
      fc.property(score, fc.integer({ min: 1, max: 12 }), (x, n) => {
        expect(trimmedMean(Array<number>(n).fill(x))).toBe(x);
        expect(mean(Array<number>(n).fill(x))).toBe(x);
      }),
    );
    // 0.1 + 0.1 + 0.1 = 0.30000000000000004 in floating point; the mean still gives back 0.1
    expect(mean([0.1, 0.1, 0.1])).toBe(0.1);
  });
});

describe('mean and median', () => {
  it('computes the worked values', () => {
    expect(mean([82, 90, 75, 88])).toBe(83.75);
    expect(median([82, 90, 75, 88, 95])).toBe(88);
    expect(median([82, 90, 75, 88])).toBe(85);
    expect(median([40])).toBe(40);
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
  });

  it('dispatches by method', () => {
    const xs = [82, 90, 75, 88, 95];
    expect(aggregate('trimmed_mean', xs)).toBe(trimmedMean(xs));
    expect(aggregate('mean', xs)).toBe(86);
    expect(aggregate('median', xs)).toBe(88);
    expect(aggregate('median', [])).toBeNull();
  });

  it('keeps the median within [min, max]', () => {
    fc.assert(
      fc.property(scores, (xs) => {
        const m = median(xs)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
      }),
    );
  });
});

describe('stageScore', () => {
  it('is the aggregation settled on the 1e-9 grid', () => {
    expect(stageScore('trimmed_mean', [82, 90, 75, 88, 95])).toBe(86.666666667);
    expect(stageScore('mean', [82, 90, 75, 88])).toBe(83.75);
    expect(stageScore('median', [])).toBeNull();
  });
});

describe('spread and population SD (reference §4)', () => {
  it('computes spread and SD dividing by n', () => {
    expect(spread([90, 92, 88, 95, 85])).toBe(10);
    expect(populationSd([90, 92, 88, 95, 85])).toBeCloseTo(3.4059, 4);
    expect(populationSd([70, 75, 68, 80, 72])).toBeCloseTo(4.1952, 4);
    expect(populationSd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });

  it('gives 0 for one value and null for none', () => {
    expect(spread([70])).toBe(0);
    expect(populationSd([70])).toBe(0);
    expect(spread([])).toBeNull();
    expect(populationSd([])).toBeNull();
    expect(moments([])).toEqual({ n: 0, mean: null, sd: null });
    expect(moments([1, 3])).toEqual({ n: 2, mean: 2, sd: 1 });
  });

  it('is 0 for equal values and never exceeds half the spread', () => {
    fc.assert(
      fc.property(scores, (xs) => {
        expect(populationSd(xs.map(() => xs[0]!))).toBe(0);
        expect(populationSd(xs)!).toBeLessThanOrEqual(spread(xs)! / 2 + 1e-9);
      }),
    );
  });
});

describe('round2', () => {
  it('rounds half away from zero as the number is written', () => {
    expect(round2(86.66666666666667)).toBe(86.67);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-2.675)).toBe(-2.68);
    expect(round2(97.0499)).toBe(97.05);
    expect(round2(-0.001)).toBe(0);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
    expect(round2(1e-7)).toBe(0);
    expect(round2(85)).toBe(85);
    expect(round2(Number.NaN)).toBeNaN();
  });
});
