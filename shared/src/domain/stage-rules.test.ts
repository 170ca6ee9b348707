import { describe, expect, it } from 'vitest';
import {
  entrantsOf,
  evaluationOutcome,
  shareCount,
  stageMoveRefusal,
  weightProblems,
  type Candidate,
  type EntryInput,
  type PreviousResult,
} from './stage-rules';
import { STAGE_TEMPLATES } from './stages';

const cand = (
  applicationId: string,
  kind = 'branch',
  track = 'site',
  submittedAt: string | null = null,
): Candidate => ({
  applicationId,
  track,
  kind,
  submittedAt,
});
const res = (
  applicationId: string,
  score: number | null,
  gatePassed: boolean | null = null,
  reviewCount = 3,
): PreviousResult => ({
  applicationId,
  score,
  gatePassed,
  reviewCount,
});
const input = (over: Partial<EntryInput>): EntryInput => ({
  entry: 'all_accepted',
  entryN: null,
  entryShare: null,
  candidates: [],
  previous: new Map(),
  ...over,
});

describe('entrantsOf', () => {
  const candidates = ['e', 'a', 'c', 'b', 'd'].map((id) => cand(id));

  it('all_accepted: every candidate, by id', () => {
    expect(entrantsOf(input({ candidates }))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('passed_previous: scored (or a gate) and not failed', () => {
    const results = [res('a', 80), res('b', null), res('c', 70, false), res('d', 60, true)];
    expect(
      entrantsOf(
        input({
          entry: 'passed_previous',
          candidates,
          previous: new Map([['site', { method: 'criteria_scoring', results }]]),
        }),
      ),
    ).toEqual(['a', 'd']);
    const gate = [res('a', null, true), res('b', null, null), res('c', null, false)];
    expect(
      entrantsOf(
        input({
          entry: 'passed_previous',
          candidates,
          previous: new Map([['site', { method: 'gate', results: gate }]]),
        }),
      ),
    ).toEqual(['a', 'b']);
  });

  const mixed = [
    cand('b1'),
    cand('b2'),
    cand('b3'),
    cand('b4'),
    cand('b5'),
    cand('g1', 'general_branch'),
    cand('g2', 'general_branch'),
    cand('v1', 'branch', 'venue'),
  ];
  const results = [
    res('b1', 90),
    res('b2', 85),
    res('b3', 85, null, 5),
    res('b4', 80),
    res('b5', 95, false),
    res('g1', 70),
    res('g2', null),
  ];
  const previous = new Map([
    ['site', { method: 'criteria_scoring' as const, results }],
    ['venue', { method: 'criteria_scoring' as const, results: [res('v1', 50)] }],
  ]);

  it('top_n per track × kind; ties at the line all enter; failed gates and unscored never', () => {
    expect(entrantsOf(input({ entry: 'top_n', entryN: 2, candidates: mixed, previous }))).toEqual([
      'b1',
      'b2',
      'b3',
      'g1',
      'v1',
    ]);
    expect(entrantsOf(input({ entry: 'top_n', entryN: 1, candidates: mixed, previous }))).toEqual([
      'b1',
      'g1',
      'v1',
    ]);
    expect(entrantsOf(input({ entry: 'top_n', entryN: 3, candidates: mixed, previous }))).toEqual([
      'b1',
      'b2',
      'b3',
      'g1',
      'v1',
    ]);
  });

  it('top_share: ⌈share × group⌉, on a 1e-9 grid', () => {
    // branch group has 4 ranked (b5 failed its gate): ⌈0.5 × 4⌉ = 2, tie at 85 → 3.
    expect(entrantsOf(input({ entry: 'top_share', entryShare: 0.5, candidates: mixed, previous }))).toEqual([
      'b1',
      'b2',
      'b3',
      'g1',
      'v1',
    ]);
    expect(entrantsOf(input({ entry: 'top_share', entryShare: 0.25, candidates: mixed, previous }))).toEqual([
      'b1',
      'g1',
      'v1',
    ]);
    expect(shareCount(0.3, 10)).toBe(3);
    expect(shareCount(0.1, 30)).toBe(3);
    expect(shareCount(0.31, 10)).toBe(4);
    expect(shareCount(1, 7)).toBe(7);
  });
});

describe('weightProblems', () => {
  it('the seed template sums to 1 on every track; a missing share is named per track', () => {
    const seed = STAGE_TEMPLATES.seed.map((s) => ({ tracks: [] as string[], weight: s.weight }));
    expect(weightProblems(seed, ['site', 'venue'])).toEqual([]);
    expect(
      weightProblems(
        [
          { tracks: [], weight: 0.6 },
          { tracks: ['site'], weight: 0.4 },
        ],
        ['site', 'venue'],
      ),
    ).toEqual([
      {
        field: 'weights.venue',
        code: 'weights_sum',
        zh: '类别 venue 各评审环节的权重合计为 0.6，须为 1',
        en: 'The weights of the stages of track venue sum to 0.6, not 1',
      },
    ]);
  });
});

describe('stageMoveRefusal', () => {
  const now = new Date('2027-01-10T00:00:00Z');
  const later = new Date('2027-02-01T00:00:00Z');
  const s = (position: number, status: 'draft' | 'open' | 'closed', closesAt = later) => ({
    id: `s${position}`,
    position,
    status,
    closesAt,
  });
  it.each([
    ['open', s(1, 'draft'), [s(1, 'draft')], 'reviewing', null],
    ['open', s(1, 'open'), [s(1, 'open')], 'reviewing', 'not_draft'],
    ['open', s(1, 'draft'), [s(1, 'draft')], 'open', 'campaign_not_reviewing'],
    ['open', s(2, 'draft'), [s(1, 'open'), s(2, 'draft')], 'reviewing', 'earlier_not_closed'],
    ['open', s(2, 'draft'), [s(1, 'closed'), s(2, 'draft')], 'reviewing', null],
    ['open', s(1, 'draft', now), [s(1, 'draft', now)], 'reviewing', 'window_passed'],
    ['close', s(1, 'open'), [s(1, 'open')], 'reviewing', null],
    ['close', s(1, 'closed'), [s(1, 'closed')], 'reviewing', 'not_open'],
    ['reopen', s(1, 'closed'), [s(1, 'closed'), s(2, 'draft')], 'reviewing', null],
    ['reopen', s(1, 'open'), [s(1, 'open')], 'reviewing', 'not_closed'],
    ['reopen', s(1, 'closed'), [s(1, 'closed'), s(2, 'open')], 'reviewing', 'later_stage_opened'],
    ['reopen', s(1, 'closed'), [s(1, 'closed')], 'deciding', 'campaign_not_reviewing'],
  ] as const)('%s %o in a campaign → %s', (move, stage, all, campaign, want) => {
    expect(stageMoveRefusal(move, stage, all, campaign, now)).toBe(want);
  });
});

describe('evaluationOutcome', () => {
  const stages = [
    { id: 'g', position: 1, method: 'gate' as const, tracks: [] },
    { id: 'x', position: 2, method: 'criteria_scoring' as const, tracks: [] },
    { id: 'y', position: 3, method: 'presentation' as const, tracks: ['site'] },
  ];
  const r = (stageId: string, applicationId: string, gatePassed: boolean | null = null) => ({
    stageId,
    applicationId,
    gatePassed,
  });
  const results = [
    r('g', 'a', true),
    r('x', 'a'),
    r('y', 'a'),
    r('g', 'b', true),
    r('x', 'b'),
    r('g', 'c', false),
    r('x', 'c'),
    r('y', 'c'),
    r('g', 'v', true),
    r('x', 'v'),
  ];
  it.each([
    ['a', 'site', 'shortlisted'],
    ['b', 'site', 'not_selected'],
    ['c', 'site', 'not_selected'],
    ['v', 'venue', 'shortlisted'],
    ['z', 'site', 'not_selected'],
  ] as const)('%s (%s) → %s', (applicationId, track, want) => {
    expect(evaluationOutcome({ applicationId, track }, stages, results)).toBe(want);
  });
  it('no stage for the track: not selected', () => {
    expect(evaluationOutcome({ applicationId: 'a', track: 'site' }, [], [])).toBe('not_selected');
  });
});
