import { describe, expect, it } from 'vitest';
import {
  conflictOf,
  criteriaTotals,
  editableDates,
  fieldPath,
  passedSteps,
  quotaPercent,
  slotKey,
  splitPathProblems,
  timelineProblems,
} from './campaigns';

const D = (s: string) => Date.parse(`${s}T09:00:00+08:00`);
const ordered = {
  applicationOpensAt: D('2026-03-01'),
  applicationClosesAt: D('2026-05-31'),
  recommendationDeadline: D('2026-06-30'),
  reviewStartsAt: D('2026-07-01'),
  reviewEndsAt: D('2026-10-31'),
  publicityStartsAt: D('2026-11-15'),
  publicityEndsAt: D('2026-11-22'),
};

describe('timelineProblems', () => {
  it('accepts dates in order, equal neighbours included', () => {
    expect(timelineProblems(ordered)).toEqual([]);
    expect(timelineProblems({ ...ordered, reviewStartsAt: ordered.recommendationDeadline })).toEqual([]);
  });

  it('names each date that comes before the one above it', () => {
    expect(timelineProblems({ ...ordered, reviewStartsAt: D('2026-06-01') })).toEqual(['reviewStartsAt']);
    expect(timelineProblems({ ...ordered, publicityEndsAt: D('2026-11-01') })).toEqual(['publicityEndsAt']);
  });

  it('wants applications to close strictly after they open', () => {
    expect(timelineProblems({ ...ordered, applicationClosesAt: ordered.applicationOpensAt })).toEqual([
      'applicationClosesAt',
    ]);
  });

  it('skips missing dates and compares with the nearest date above', () => {
    expect(timelineProblems({ applicationOpensAt: D('2026-03-01'), reviewEndsAt: D('2026-02-01') })).toEqual([
      'reviewEndsAt',
    ]);
    expect(timelineProblems({ reviewStartsAt: null, reviewEndsAt: D('2026-02-01') })).toEqual([]);
  });
});

describe('criteriaTotals', () => {
  it('adds regular and bonus items apart and checks them against total and cap', () => {
    const r = criteriaTotals(
      [{ maxPoints: 60 }, { maxPoints: 39.5 }, { maxPoints: 0.5 }, { maxPoints: 8, bonus: true }],
      100,
      10,
    );
    expect(r).toEqual({ regular: 100, bonus: 8, regularOk: true, bonusOk: true, stepsOk: true });
  });

  it('flags a wrong total, a bonus over the cap and a point value off the half step', () => {
    const r = criteriaTotals([{ maxPoints: 90.3 }, { maxPoints: 12, bonus: true }, undefined], 100, 10);
    expect(r.regularOk).toBe(false);
    expect(r.bonus).toBe(12);
    expect(r.bonusOk).toBe(false);
    expect(r.stepsOk).toBe(false);
  });

  it('counts empty points as zero', () => {
    expect(criteriaTotals([{ maxPoints: null }, { maxPoints: 100 }]).regular).toBe(100);
  });
});

describe('server field paths', () => {
  it('become antd name paths with numeric indexes', () => {
    expect(fieldPath('criteria.3.maxPoints')).toEqual(['criteria', 3, 'maxPoints']);
    expect(fieldPath('body.timeline.reviewStartsAt')).toEqual(['timeline', 'reviewStartsAt']);
  });

  it('split into form fields (merged per path) and the rest', () => {
    const r = splitPathProblems(
      [
        { field: 'timeline.reviewStartsAt', code: 'out_of_order', message: 'A' },
        { field: 'timeline.reviewStartsAt', code: 'out_of_order', message: 'A' },
        { field: 'criteria.3.maxPoints', code: 'bad_step', message: 'B' },
        { field: 'quotas.0.quota', code: 'x', message: 'C' },
        { field: 'name', code: 'too_long', message: 'D' },
      ],
      ['timeline', 'criteria', 'name'],
    );
    expect(r.fields).toEqual([
      { name: ['timeline', 'reviewStartsAt'], errors: ['A'] },
      { name: ['criteria', 3, 'maxPoints'], errors: ['B'] },
      { name: ['name'], errors: ['D'] },
    ]);
    expect(r.rest.map((d) => d.message)).toEqual(['C']);
  });
});

describe('campaign page helpers', () => {
  const iso = Object.fromEntries(
    Object.entries(ordered).map(([k, v]) => [k, new Date(v).toISOString()]),
  ) as Record<keyof typeof ordered, string>;

  it('count the timeline dates passed at a moment', () => {
    expect(passedSteps(iso, D('2026-01-01'))).toBe(0);
    expect(passedSteps(iso, D('2026-03-01'))).toBe(1);
    expect(passedSteps(iso, D('2026-07-02'))).toBe(4);
    expect(passedSteps(iso, D('2027-01-01'))).toBe(7);
  });

  it('lock the passed dates of an opened campaign, none of a draft, all of a closed one', () => {
    const now = D('2026-06-01');
    expect(Object.values(editableDates('draft', iso, now)).every((x) => x === null)).toBe(true);
    const open = editableDates('open', iso, now);
    expect(open.applicationOpensAt).toBe('date_passed');
    expect(open.applicationClosesAt).toBe('date_passed');
    expect(open.recommendationDeadline).toBe(null);
    expect(Object.values(editableDates('closed', iso, now)).every((x) => x === 'closed')).toBe(true);
  });

  it('show quota use as a rounded, capped percentage', () => {
    expect(quotaPercent(3, 4)).toBe(75);
    expect(quotaPercent(1, 3)).toBe(33);
    expect(quotaPercent(5, 4)).toBe(100);
    expect(quotaPercent(0, 0)).toBe(0);
    expect(quotaPercent(1, 0)).toBe(100);
  });

  it('key slots by track and kind', () => {
    expect(slotKey('site', 'branch')).toBe('site|branch');
    expect(slotKey('venue', null)).toBe('venue|*');
  });

  it('read who changed a record from a version conflict', () => {
    expect(conflictOf({ updatedByName: '王建华', updatedAt: '2026-03-01T01:00:00.000Z' })).toEqual({
      by: '王建华',
      at: '2026-03-01T01:00:00.000Z',
    });
    expect(conflictOf({ currentVersion: 2 })).toEqual({ by: null, at: null });
  });
});
