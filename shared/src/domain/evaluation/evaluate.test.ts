import { describe, expect, it } from 'vitest';
import { evaluate, gateOutcome } from './evaluate';
import { CAMPAIGN } from './fixtures';

describe('gateOutcome', () => {
  it('fails an item failed by at least half the reviews (majority) or by any one (any)', () => {
    expect(gateOutcome([['x'], ['x'], []], 'majority')).toEqual({ passed: false, failedVetoes: ['x'] });
    expect(gateOutcome([['y'], [], []], 'majority')).toEqual({ passed: true, failedVetoes: [] });
    expect(gateOutcome([['y'], [], []], 'any')).toEqual({ passed: false, failedVetoes: ['y'] });
    expect(
      gateOutcome(
        [
          ['b', 'a'],
          ['a', 'b'],
        ],
        'majority',
      ),
    ).toEqual({ passed: false, failedVetoes: ['a', 'b'] });
    expect(gateOutcome([], 'any')).toEqual({ passed: null, failedVetoes: [] });
  });
});

describe('evaluate (reference §1–§5 on one small campaign)', () => {
  const result = evaluate(CAMPAIGN);
  const stage = (stageId: string, applicationId: string) =>
    result.stageResults.find((r) => r.stageId === stageId && r.applicationId === applicationId)!;
  const total = (applicationId: string) => result.totals.find((t) => t.applicationId === applicationId)!;

  it('orders stage results by stage position, then application', () => {
    expect(result.stageResults.map((r) => `${r.stageId}/${r.applicationId}`)).toEqual([
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((a) => `g/${a}`),
      ...['a1', 'a2', 'a3', 'a4', 'a5', 'v1'].map((a) => `s1/${a}`),
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((a) => `s2/${a}`),
      ...['a1', 'a2', 'a3', 'a4', 'v1'].map((a) => `s3/${a}`),
    ]);
  });

  it('decides the gate by its veto rule', () => {
    expect(stage('g', 'a5')).toMatchObject({ gatePassed: false, failedVetoes: ['x'], score: null, count: 3 });
    expect(stage('g', 'a4')).toMatchObject({ gatePassed: true, failedVetoes: [] });
  });

  it('aggregates each stage: trimmed mean, mean with standardisation, peer scores', () => {
    expect(stage('s1', 'a1')).toMatchObject({
      count: 5,
      score: 86.666666667,
      spread: 20,
      belowMinimum: false,
    });
    expect(stage('s1', 'a1').sd).toBeCloseTo(6.8993, 4);
    expect(stage('s1', 'a3')).toMatchObject({ count: 2, score: 80, belowMinimum: true });
    expect(stage('s1', 'a1').standardisedScore).toBe(86.666666667); // s1 does not standardise
    // s2: R1 and R2 of §2; R1's 90 → 81.5 and R2's 70 → 74.8358, their mean 78.1679
    expect(stage('s2', 'a1').score).toBe(80);
    expect(stage('s2', 'a1').standardisedScore).toBeCloseTo(78.1679, 4);
    expect(stage('s2', 'a4').score).toBe(87.5);
    expect(stage('s2', 'a4').standardisedScore).toBeCloseTo((95.1813 + 97.0499) / 2, 3);
    expect(stage('s3', 'a1')).toMatchObject({ count: 3, score: 90, standardisedScore: 90 });
    expect(stage('s3', 'a2').score).toBe(80);
    expect(stage('s3', 'v1')).toMatchObject({ count: 0, score: null, belowMinimum: true });
  });

  it('records the standardisation it used', () => {
    expect(result.standardisation).toHaveLength(1);
    const [s2] = result.standardisation;
    expect(s2!.stageId).toBe('s2');
    expect(s2!.stage.mean).toBe(81.5);
    expect(s2!.reviewers.map((r) => [r.reviewerId, r.mean, r.standardised])).toEqual([
      ['R1', 90, true],
      ['R2', 73, true],
    ]);
  });

  it('sums the weighted stages taken into the final: a1 is §5’s 85.00', () => {
    expect(total('a1')).toEqual({
      applicationId: 'a1',
      track: 'site',
      kind: 'branch',
      final: 85,
      finalStandardised: expect.closeTo(26 + 0.4 * 78.1679 + 27, 4),
      lastStageScore: 90,
      lastStageStandardised: 90,
      countedReviews: 10,
      gatesPassed: true,
      submittedAt: '2026-03-01T08:00:00.000Z',
    });
    expect(total('a2').final).toBe(81.4);
    expect(total('a3').final).toBe(73.2);
    expect(total('a4').final).toBe(77);
    expect(total('a5')).toMatchObject({
      final: 58.4,
      lastStageScore: null,
      countedReviews: 3,
      gatesPassed: false,
    });
    // the venue takes neither the site gate nor s2, and has no peer marks
    expect(total('v1')).toMatchObject({
      final: 24,
      lastStageScore: null,
      countedReviews: 2,
      gatesPassed: true,
    });
  });

  it('ranks raw and standardised within (track, kind)', () => {
    const places = (rows: typeof result.ranking.raw) => rows.map((r) => [r.track, r.applicationId, r.rank]);
    expect(places(result.ranking.raw)).toEqual([
      ['site', 'a1', 1],
      ['site', 'a2', 2],
      ['site', 'a4', 3],
      ['site', 'a3', 4],
      ['site', 'a5', 5],
      ['venue', 'v1', 1],
    ]);
    expect(result.ranking.standardised.map((r) => r.applicationId)).toEqual([
      'a1',
      'a2',
      'a4',
      'a3',
      'a5',
      'v1',
    ]);
    expect(result.ranking.standardised[2]!.final).toBeCloseTo(18 + 0.4 * 96.1156 + 24, 3);
  });

  it('is empty for an empty campaign', () => {
    expect(evaluate({ stages: [], applications: [], entrants: [], reviews: [], peerMarks: [] })).toEqual({
      stageResults: [],
      standardisation: [],
      totals: [],
      ranking: { raw: [], standardised: [] },
    });
  });

  it('gives an application with no stage a final of 0 and ranks it by the rest of the rule', () => {
    const r = evaluate({
      ...CAMPAIGN,
      entrants: [],
      reviews: [],
      peerMarks: [],
    });
    expect(r.totals.every((t) => t.final === 0 && t.countedReviews === 0)).toBe(true);
    expect(r.ranking.raw.filter((x) => x.track === 'site').map((x) => x.decidedBy)).toEqual([
      null,
      'submitted_at',
      'submitted_at',
      'submitted_at',
      'submitted_at',
    ]);
  });
});
