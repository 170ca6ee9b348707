import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applicationAgreement, icc1, reviewerLeniency, stageIcc } from './agreement';

// Reference §4
const GROUPS = [
  [80, 84, 82],
  [70, 72],
  [90, 88, 91, 89],
  [60, 66, 63],
];

describe('ICC(1) for unbalanced groups (reference §4)', () => {
  it('reproduces the worked example', () => {
    const r = icc1(GROUPS);
    expect(r.a).toBe(4);
    expect(r.n).toBe(12);
    expect(r.msb).toBeCloseTo(449.9722, 4);
    expect(r.msw).toBe(4.125);
    expect(r.k0).toBeCloseTo(2.9444, 4);
    expect(r.icc).toBeCloseTo(0.9735, 4);
  });

  it('reads the groups from a stage’s scores', () => {
    const scores = GROUPS.flatMap((g, i) =>
      g.map((score, j) => ({ reviewerId: `r${j}`, applicationId: `a${i}`, score })),
    );
    expect(stageIcc(scores)).toEqual(icc1(GROUPS));
  });

  it('is 1 for perfect agreement and negative when groups differ less than reviewers', () => {
    expect(
      icc1([
        [80, 80],
        [60, 60],
        [70, 70],
      ]).icc,
    ).toBe(1);
    // equal group means, all variation within groups: MSB 0 → ICC = −1 / (k0 − 1) = −1
    expect(
      icc1([
        [60, 80],
        [80, 60],
      ]).icc,
    ).toBe(-1);
  });

  it('is undefined without two groups, without within-group freedom, or when everything is equal', () => {
    expect(icc1([])).toEqual({ icc: null, msb: null, msw: null, k0: null, a: 0, n: 0 });
    expect(icc1([[80, 82], []])).toMatchObject({ icc: null, a: 1, n: 2 });
    expect(icc1([[80], [70]])).toMatchObject({ icc: null, msb: 50, msw: null, k0: 1, a: 2, n: 2 });
    expect(
      icc1([
        [75, 75],
        [75, 75],
      ]),
    ).toMatchObject({ icc: null, msb: 0, msw: 0 });
  });

  it('never exceeds 1 and equals the balanced formula for equal group sizes', () => {
    const group = (k: number) => fc.array(fc.integer({ min: 0, max: 100 }), { minLength: k, maxLength: k });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((k) => fc.array(group(k), { minLength: 2, maxLength: 8 })),
        (groups) => {
          const r = icc1(groups);
          if (r.icc === null) return;
          expect(r.icc).toBeLessThanOrEqual(1 + 1e-12);
          expect(r.k0).toBeCloseTo(groups[0]!.length, 12);
        },
      ),
    );
  });
});

describe('per-application agreement', () => {
  it('gives spread and SD and flags a spread above 20', () => {
    const scores = [
      { reviewerId: 'r1', applicationId: 'b', score: 60 },
      { reviewerId: 'r2', applicationId: 'b', score: 85 },
      { reviewerId: 'r1', applicationId: 'a', score: 80 },
      { reviewerId: 'r2', applicationId: 'a', score: 100 },
    ];
    expect(applicationAgreement(scores)).toEqual([
      { applicationId: 'a', n: 2, spread: 20, sd: 10, flagged: false },
      { applicationId: 'b', n: 2, spread: 25, sd: 12.5, flagged: true },
    ]);
    expect(applicationAgreement(scores, 25).some((a) => a.flagged)).toBe(false);
    expect(applicationAgreement([])).toEqual([]);
  });
});

describe('reviewer leniency', () => {
  it('is each reviewer’s mean minus the stage mean, with its count', () => {
    const R1 = [90, 92, 88, 95, 85].map((score, i) => ({ reviewerId: 'R1', applicationId: `a${i}`, score }));
    const R2 = [70, 75, 68, 80, 72].map((score, i) => ({ reviewerId: 'R2', applicationId: `a${i}`, score }));
    expect(reviewerLeniency([...R2, ...R1])).toEqual([
      { reviewerId: 'R1', n: 5, mean: 90, leniency: 8.5 },
      { reviewerId: 'R2', n: 5, mean: 73, leniency: -8.5 },
    ]);
    expect(reviewerLeniency([])).toEqual([]);
  });
});
