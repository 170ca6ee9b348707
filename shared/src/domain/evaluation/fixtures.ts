import type { CountedReview, EvaluationInput, PeerMark, StageSpec } from './evaluate';

/**
 * A small campaign built from the reference's worked examples, shared by the evaluation tests
 * (not exported from the index). Five site branches a1…a5 and one venue v1:
 * - g, a gate on the site track (majority rule): a5 fails item x (two of three reviews);
 * - s1 (0.3, trimmed mean, at least 5 reviews): a1 gets the §1 reviews [82, 90, 75, 88, 95];
 * - s2 (0.4, mean, standardised): reviewers R1 and R2 of §2 over a1…a5;
 * - s3 (0.3, peer by score): a1 receives 90 from each of a2, a3, a4.
 * So a1's stages are 86.6667, 80, 90 and its final is §5's 85.00.
 */
const stage = (
  s: Partial<StageSpec> & Pick<StageSpec, 'id' | 'position' | 'method' | 'weight'>,
): StageSpec => ({
  aggregation: 'trimmed_mean',
  standardise: false,
  minReviews: 1,
  tracks: [],
  peerMode: null,
  vetoRule: 'majority',
  ...s,
});

const review = (
  stageId: string,
  applicationId: string,
  reviewerId: string,
  score: number | null,
  failedVetoes: string[] = [],
): CountedReview => ({
  stageId,
  applicationId,
  reviewerId,
  score,
  failedVetoes,
});

const SITES = ['a1', 'a2', 'a3', 'a4', 'a5'];

const s1Scores: Record<string, number[]> = {
  a1: [82, 90, 75, 88, 95],
  a2: [80, 80, 80, 80, 80],
  a3: [70, 90],
  a4: [60],
  a5: [90],
  v1: [75, 85],
};
const R1 = [90, 92, 88, 95, 85];
const R2 = [70, 75, 68, 80, 72];
const peer: [string, string, number][] = [
  ['a2', 'a1', 90],
  ['a3', 'a1', 90],
  ['a4', 'a1', 90],
  ['a1', 'a2', 70],
  ['a3', 'a2', 80],
  ['a4', 'a2', 90],
  ['a1', 'a3', 60],
  ['a2', 'a3', 60],
  ['a4', 'a3', 60],
  ['a1', 'a4', 100],
  ['a2', 'a4', 50],
  ['a3', 'a4', 90],
];

export const CAMPAIGN: EvaluationInput = {
  stages: [
    stage({ id: 's3', position: 4, method: 'peer', weight: 0.3, peerMode: 'score', minReviews: 3 }),
    stage({ id: 'g', position: 1, method: 'gate', weight: 0, tracks: ['site'], minReviews: 3 }),
    stage({ id: 's1', position: 2, method: 'criteria_scoring', weight: 0.3, minReviews: 5 }),
    stage({
      id: 's2',
      position: 3,
      method: 'criteria_scoring',
      weight: 0.4,
      aggregation: 'mean',
      standardise: true,
      tracks: ['site'],
      minReviews: 2,
    }),
  ],
  applications: [
    ...SITES.map((id, i) => ({
      id,
      track: 'site',
      kind: 'branch',
      submittedAt: `2026-03-0${i + 1}T08:00:00.000Z`,
    })),
    { id: 'v1', track: 'venue', kind: 'branch', submittedAt: '2026-03-01T09:00:00.000Z' },
  ],
  entrants: [
    ...SITES.flatMap((applicationId) => ['g', 's1', 's2'].map((stageId) => ({ stageId, applicationId }))),
    ...['a1', 'a2', 'a3', 'a4', 'v1'].map((applicationId) => ({ stageId: 's3', applicationId })),
    { stageId: 's1', applicationId: 'v1' },
  ],
  reviews: [
    ...SITES.flatMap((a) =>
      ['G1', 'G2', 'G3'].map((g) =>
        review('g', a, g, null, a === 'a5' && g !== 'G3' ? ['x'] : a === 'a4' && g === 'G1' ? ['y'] : []),
      ),
    ),
    ...Object.entries(s1Scores).flatMap(([a, scores]) =>
      scores.map((score, i) => review('s1', a, `E${i + 1}`, score)),
    ),
    ...SITES.flatMap((a, i) => [review('s2', a, 'R1', R1[i]!), review('s2', a, 'R2', R2[i]!)]),
  ],
  peerMarks: peer.map(([raterId, targetId, value]): PeerMark => ({
    stageId: 's3',
    raterId,
    targetId,
    value,
  })),
};
