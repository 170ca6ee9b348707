import { describe, expect, it } from 'vitest';
import { checkTimeline, decideCampaign, type Timeline } from './campaign-rules';

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
