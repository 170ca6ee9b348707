import { describe, expect, it } from 'vitest';
import { kindRows, timelinePosition, trackKindRows, type TimelinePosition } from './campaign-view';

/** A 2027 campaign's timeline (Beijing wall-clock times, as the wizard's journey enters them). */
const T = {
  applicationOpensAt: '2027-03-08T01:00:00.000Z',
  applicationClosesAt: '2027-05-28T09:00:00.000Z',
  recommendationDeadline: '2027-06-18T09:00:00.000Z',
  reviewStartsAt: '2027-07-05T01:00:00.000Z',
  reviewEndsAt: '2027-10-29T09:00:00.000Z',
  publicityStartsAt: '2027-11-12T01:00:00.000Z',
  publicityEndsAt: '2027-11-19T09:00:00.000Z',
};
const at = (iso: string) => Date.parse(iso);
const W = 'wait' as const;
const F = 'finish' as const;

describe('timelinePosition', () => {
  const cases: [string, number, TimelinePosition][] = [
    [
      'a year before the first date: nothing current or finished',
      at('2026-11-29T08:00:00.000Z'),
      { phase: 'not_started', current: -1, statuses: [W, W, W, W, W, W, W], tagAt: 0 },
    ],
    [
      'a millisecond before applications open',
      at('2027-03-08T00:59:59.999Z'),
      { phase: 'not_started', current: -1, statuses: [W, W, W, W, W, W, W], tagAt: 0 },
    ],
    [
      'the instant applications open',
      at('2027-03-08T01:00:00.000Z'),
      { phase: 'running', current: 0, statuses: [F, W, W, W, W, W, W], tagAt: 0 },
    ],
    [
      'during the review',
      at('2027-08-01T00:00:00.000Z'),
      { phase: 'running', current: 3, statuses: [F, F, F, F, W, W, W], tagAt: 3 },
    ],
    [
      'during the publicity',
      at('2027-11-15T00:00:00.000Z'),
      { phase: 'running', current: 5, statuses: [F, F, F, F, F, F, W], tagAt: 5 },
    ],
    [
      'the instant the publicity ends: all finished',
      at('2027-11-19T09:00:00.000Z'),
      { phase: 'ended', current: 6, statuses: [F, F, F, F, F, F, F], tagAt: 6 },
    ],
    [
      'a year after the last date',
      at('2028-12-01T00:00:00.000Z'),
      { phase: 'ended', current: 6, statuses: [F, F, F, F, F, F, F], tagAt: 6 },
    ],
  ];
  it.each(cases)('%s', (_name, now, expected) => {
    expect(timelinePosition(T, now)).toEqual(expected);
  });

  it('counts dates that share an instant together', () => {
    const same = { ...T, applicationClosesAt: T.recommendationDeadline };
    expect(timelinePosition(same, at('2027-06-18T09:00:00.000Z'))).toEqual({
      phase: 'running',
      current: 2,
      statuses: [F, F, F, W, W, W, W],
      tagAt: 2,
    });
  });
});

describe('kindRows', () => {
  const cases: [string, Parameters<typeof kindRows>, ReturnType<typeof kindRows>][] = [
    [
      'no applications: every eligible kind with 0, in glossary order',
      [['branch', 'party_committee', 'general_branch'], []],
      [
        { orgKind: 'party_committee', count: 0 },
        { orgKind: 'general_branch', count: 0 },
        { orgKind: 'branch', count: 0 },
      ],
    ],
    [
      'some kinds counted, the others 0',
      [['party_committee', 'general_branch', 'branch'], [{ orgKind: 'branch', count: 12 }]],
      [
        { orgKind: 'party_committee', count: 0 },
        { orgKind: 'general_branch', count: 0 },
        { orgKind: 'branch', count: 12 },
      ],
    ],
    [
      'a counted kind the tracks no longer admit is still listed',
      [['branch'], [{ orgKind: 'party_group', count: 2 }]],
      [
        { orgKind: 'party_group', count: 2 },
        { orgKind: 'branch', count: 0 },
      ],
    ],
    [
      'a kind named twice counts once, with its applications',
      [['branch', 'branch'], [{ orgKind: 'branch', count: 5 }]],
      [{ orgKind: 'branch', count: 5 }],
    ],
    ['no eligible kinds and no applications: no rows', [[], []], []],
  ];
  it.each(cases)('%s', (_name, args, expected) => {
    expect(kindRows(...args)).toEqual(expected);
  });
});

describe('trackKindRows', () => {
  const tracks = [
    { track: 'site', subject: 'organization', eligibleKinds: ['party_committee', 'branch'] as const },
    { track: 'venue', subject: 'venue', eligibleKinds: [] as const },
  ];
  it('counts each kind within its track: a venue of a branch is not a site branch', () => {
    expect(
      trackKindRows(tracks, [
        { track: 'site', orgKind: 'branch', count: 6 },
        { track: 'venue', orgKind: 'branch', count: 1 },
        { track: 'venue', orgKind: 'party_committee', count: 2 },
      ]),
    ).toEqual([
      { track: 'site', orgKind: 'party_committee', count: 0 },
      { track: 'site', orgKind: 'branch', count: 6 },
      { track: 'venue', orgKind: 'party_committee', count: 2 },
      { track: 'venue', orgKind: 'branch', count: 1 },
    ]);
  });
  it('lists the eligible kinds of an organisation track with 0 before any application', () => {
    expect(trackKindRows(tracks, [])).toEqual([
      { track: 'site', orgKind: 'party_committee', count: 0 },
      { track: 'site', orgKind: 'branch', count: 0 },
    ]);
  });
});
