import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { standardise, type ReviewScore } from './standardise';

function reviewsOf(reviewerId: string, scores: number[]): ReviewScore[] {
  return scores.map((score, i) => ({ reviewerId, applicationId: `a${i + 1}`, score }));
}

// Reference §2: a lenient and a severe reviewer over the same five applications.
const R1 = reviewsOf('R1', [90, 92, 88, 95, 85]);
const R2 = reviewsOf('R2', [70, 75, 68, 80, 72]);

describe('standardise (reference §2)', () => {
  const result = standardise([...R1, ...R2]);

  it('computes the reviewer and stage moments with the population SD', () => {
    expect(result.stage.n).toBe(10);
    expect(result.stage.mean).toBe(81.5);
    expect(result.stage.sd).toBeCloseTo(9.3193, 4);
    const [r1, r2] = result.reviewers;
    expect(r1).toMatchObject({ reviewerId: 'R1', n: 5, mean: 90, standardised: true, rawReason: null });
    expect(r1!.sd).toBeCloseTo(3.4059, 4);
    expect(r2).toMatchObject({ reviewerId: 'R2', n: 5, mean: 73, standardised: true });
    expect(r2!.sd).toBeCloseTo(4.1952, 4);
  });

  it("maps R1's 90 to 81.50 and R2's 80 to 97.05", () => {
    const of = (reviewerId: string, applicationId: string) =>
      result.scores.find((s) => s.reviewerId === reviewerId && s.applicationId === applicationId)!;
    expect(of('R1', 'a1')).toEqual({
      reviewerId: 'R1',
      applicationId: 'a1',
      score: 90,
      standardised: 81.5,
      isStandardised: true,
    });
    expect(of('R2', 'a4').score).toBe(80);
    expect(of('R2', 'a4').standardised).toBeCloseTo(97.0499, 4);
    expect(of('R1', 'a4').standardised).toBeCloseTo(95.1813, 4);
    // R2's best is worth more than R1's average and than R1's best
    expect(of('R2', 'a4').standardised).toBeGreaterThan(of('R1', 'a4').standardised);
  });

  it('keeps the rows in input order', () => {
    expect(result.scores.map((s) => `${s.reviewerId}/${s.applicationId}`)).toEqual([
      ...R1.map((s) => `R1/${s.applicationId}`),
      ...R2.map((s) => `R2/${s.applicationId}`),
    ]);
  });

  it('leaves raw a reviewer with fewer than five reviews or identical scores', () => {
    const few = reviewsOf('R3', [50, 60, 70, 80]);
    const flat = reviewsOf('R4', [75, 75, 75, 75, 75]);
    const out = standardise([...R1, ...few, ...flat]);
    expect(out.reviewers.find((r) => r.reviewerId === 'R3')).toMatchObject({
      standardised: false,
      rawReason: 'too_few_reviews',
    });
    expect(out.reviewers.find((r) => r.reviewerId === 'R4')).toMatchObject({
      standardised: false,
      rawReason: 'no_variation',
      sd: 0,
    });
    for (const s of out.scores.filter((x) => x.reviewerId !== 'R1')) {
      expect(s.isStandardised).toBe(false);
      expect(s.standardised).toBe(s.score);
    }
    expect(out.scores.filter((x) => x.reviewerId === 'R1').every((s) => s.isStandardised)).toBe(true);
  });

  it('lets the stage lower the minimum', () => {
    const out = standardise(reviewsOf('R3', [50, 60, 70]), { minReviews: 3 });
    expect(out.reviewers[0]!.standardised).toBe(true);
    // a single reviewer standardised against itself keeps its scores
    expect(out.scores.map((s) => s.standardised)).toEqual([50, 60, 70].map((x) => expect.closeTo(x, 10)));
  });

  it('clips to [0, 100]', () => {
    const wide = reviewsOf('W', [0, 100, 0, 100, 0, 100]);
    const narrow = reviewsOf('N', [50, 50, 50, 50, 50, 51]);
    const out = standardise([...wide, ...narrow]);
    const top = out.scores.find((s) => s.reviewerId === 'N' && s.score === 51)!;
    expect(top.standardised).toBe(100);
    expect(out.scores.every((s) => s.standardised >= 0 && s.standardised <= 100)).toBe(true);
  });

  it('is empty for an empty stage', () => {
    expect(standardise([])).toEqual({ scores: [], stage: { n: 0, mean: null, sd: null }, reviewers: [] });
  });
});

describe('standardise properties', () => {
  const stage = fc.array(
    fc.record({
      reviewerId: fc.constantFrom('R1', 'R2', 'R3', 'R4'),
      applicationId: fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5', 'a6'),
      score: fc.integer({ min: 0, max: 200 }).map((x) => x / 2),
    }),
    { maxLength: 40 },
  );

  it("keeps each reviewer's own order and stays in [0, 100]", () => {
    fc.assert(
      fc.property(stage, (scores) => {
        const out = standardise(scores).scores;
        for (const a of out) {
          expect(a.standardised).toBeGreaterThanOrEqual(0);
          expect(a.standardised).toBeLessThanOrEqual(100);
          for (const b of out) {
            if (a.reviewerId === b.reviewerId && a.score < b.score) {
              expect(a.standardised).toBeLessThanOrEqual(b.standardised);
            }
          }
        }
      }),
    );
  });

  it('leaves a reviewer with identical scores raw', () => {
    fc.assert(
      fc.property(stage, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 5, max: 9 }), (scores, x, n) => {
        const flat = Array.from({ length: n }, (_, i) => ({
          reviewerId: 'F',
          applicationId: `f${i}`,
          score: x,
        }));
        const out = standardise([...scores, ...flat]).scores.filter((s) => s.reviewerId === 'F');
        expect(out.every((s) => !s.isStandardised && s.standardised === x)).toBe(true);
      }),
    );
  });
});
