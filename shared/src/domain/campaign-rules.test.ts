import { describe, expect, it } from 'vitest';
import {
  checkTimeline,
  decideCampaign,
  decideCloseIntake,
  lockedChanges,
  shiftYears,
  standardSlots,
  yearOf,
  type Timeline,
} from './campaign-rules';

const t: Timeline = {
  applicationOpensAt: new Date('2026-09-01T00:00:00Z'),
  applicationClosesAt: new Date('2026-12-15T16:00:00Z'),
  recommendationDeadline: new Date('2026-12-25T16:00:00Z'),
  reviewStartsAt: new Date('2027-01-04T00:00:00Z'),
  reviewEndsAt: new Date('2027-02-28T16:00:00Z'),
  publicityStartsAt: new Date('2027-03-05T00:00:00Z'),
  publicityEndsAt: new Date('2027-03-11T16:00:00Z'),
};

describe('checkTimeline', () => {
  it('accepts a forward timeline', () => expect(checkTimeline(t)).toEqual([]));
  it('names each date that runs backwards', () => {
    expect(
      checkTimeline({
        ...t,
        recommendationDeadline: new Date('2026-12-01T00:00:00Z'),
        publicityEndsAt: new Date('2027-03-01T00:00:00Z'),
      }),
    ).toEqual(['recommendationDeadline', 'publicityEndsAt']);
  });
  it('needs the application window to have a length', () => {
    expect(checkTimeline({ ...t, applicationClosesAt: t.applicationOpensAt })).toEqual([
      'applicationClosesAt',
    ]);
  });
});

describe('decideCampaign', () => {
  const now = new Date('2026-11-29T08:00:00Z');
  it('moves forward one step at a time', () => {
    expect(decideCampaign({ from: 'draft', to: 'open', now, timeline: t, missingStandards: 0 })).toEqual({
      ok: true,
    });
    expect(decideCampaign({ from: 'draft', to: 'reviewing', now, timeline: t, missingStandards: 0 })).toEqual(
      { ok: false, refusal: 'not_next' },
    );
    expect(decideCampaign({ from: 'open', to: 'draft', now, timeline: t, missingStandards: 0 })).toEqual({
      ok: false,
      refusal: 'not_next',
    });
    expect(decideCampaign({ from: 'closed', to: 'open', now, timeline: t, missingStandards: 0 })).toEqual({
      ok: false,
      refusal: 'closed',
    });
  });
  it('opens only with standards for every track × kind and a valid timeline', () => {
    expect(decideCampaign({ from: 'draft', to: 'open', now, timeline: t, missingStandards: 2 })).toEqual({
      ok: false,
      refusal: 'missing_standards',
    });
    expect(
      decideCampaign({
        from: 'draft',
        to: 'open',
        now,
        timeline: { ...t, applicationClosesAt: new Date(0) },
        missingStandards: 0,
      }),
    ).toEqual({
      ok: false,
      refusal: 'bad_timeline',
    });
  });
  it('starts the review only after the recommendation deadline', () => {
    expect(decideCampaign({ from: 'open', to: 'reviewing', now, timeline: t, missingStandards: 0 })).toEqual({
      ok: false,
      refusal: 'too_early',
    });
    expect(
      decideCampaign({
        from: 'open',
        to: 'reviewing',
        now: new Date('2026-12-26T00:00:00Z'),
        timeline: t,
        missingStandards: 0,
      }),
    ).toEqual({ ok: true });
  });
});

describe('yearOf', () => {
  it('takes the calendar year in China Standard Time', () => {
    expect(yearOf(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(yearOf(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});

describe('shiftYears', () => {
  it('keeps the Beijing wall-clock time', () => {
    expect(shiftYears(new Date('2026-12-15T16:00:00Z'), 1).toISOString()).toBe('2027-12-15T16:00:00.000Z');
    expect(shiftYears(new Date('2026-01-01T00:00:00Z'), -2).toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });
  it('turns 29 February into 28 February in a common year', () => {
    // 2024-02-29 08:00 in Beijing
    expect(shiftYears(new Date('2024-02-29T00:00:00Z'), 1).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(shiftYears(new Date('2024-02-29T00:00:00Z'), 4).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });
});

describe('standardSlots', () => {
  it('asks one standard per eligible kind of an organisation track, one for a venue track', () => {
    expect(
      standardSlots([
        { track: 'site', subject: 'organization', eligibleKinds: ['party_committee', 'branch'] },
        { track: 'venue', subject: 'venue', eligibleKinds: ['branch'] },
        { track: 'other', subject: 'organization', eligibleKinds: [] },
      ]),
    ).toEqual([
      { track: 'site', orgKind: 'party_committee' },
      { track: 'site', orgKind: 'branch' },
      { track: 'venue', orgKind: null },
      { track: 'other', orgKind: null },
    ]);
  });
});

describe('lockedChanges', () => {
  const now = new Date('2026-11-29T08:00:00Z');
  const change = {
    settings: ['name', 'quotas', 'unitCaps', 'standards'] as const,
    dates: [
      {
        field: 'applicationOpensAt' as const,
        from: t.applicationOpensAt,
        to: new Date('2026-09-02T00:00:00Z'),
      },
      {
        field: 'applicationClosesAt' as const,
        from: t.applicationClosesAt,
        to: new Date('2026-12-20T16:00:00Z'),
      },
      { field: 'reviewStartsAt' as const, from: t.reviewStartsAt, to: new Date('2026-11-01T00:00:00Z') },
    ],
  };
  it('lets a draft change anything', () => expect(lockedChanges('draft', now, change)).toEqual([]));
  it('lets an opened campaign change quotas, caps and the dates still ahead', () => {
    expect(lockedChanges('open', now, change)).toEqual([
      { field: 'name', lock: 'fixed_after_opening' },
      { field: 'standards', lock: 'fixed_after_opening' },
      { field: 'timeline.applicationOpensAt', lock: 'date_passed' },
      { field: 'timeline.reviewStartsAt', lock: 'date_in_past' },
    ]);
  });
  it('refuses every change once closed', () => {
    expect(lockedChanges('closed', now, { settings: ['quotas'], dates: [] })).toEqual([
      { field: 'quotas', lock: 'closed' },
    ]);
  });
});

describe('decideCloseIntake (issue #7.17)', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    [
      'open, window running',
      'open',
      '2026-11-29T08:00:00Z',
      { ok: true, applicationClosesAt: at('2026-11-29T08:00:00Z') },
    ],
    ['open, before the window', 'open', '2026-08-31T00:00:00Z', { ok: false, refusal: 'not_started' }],
    ['open, at the opening instant', 'open', '2026-09-01T00:00:00Z', { ok: false, refusal: 'not_started' }],
    [
      'open, at the closing instant',
      'open',
      '2026-12-15T16:00:00Z',
      { ok: false, refusal: 'already_closed' },
    ],
    ['open, after the window', 'open', '2026-12-20T00:00:00Z', { ok: false, refusal: 'already_closed' }],
    ['draft', 'draft', '2026-11-29T08:00:00Z', { ok: false, refusal: 'not_open' }],
    ['reviewing', 'reviewing', '2026-11-29T08:00:00Z', { ok: false, refusal: 'not_open' }],
  ] as const)('%s', (_name, status, now, expected) => {
    expect(decideCloseIntake({ status, now: at(now), timeline: t })).toEqual(expected);
  });
});
