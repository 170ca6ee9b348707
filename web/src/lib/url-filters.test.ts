import { describe, expect, it } from 'vitest';
import { readFilters, writeFilters, type FilterSpec } from './url-filters';

interface F {
  status?: string[];
  q?: string;
  page?: number;
  sort?: string;
}
const spec: FilterSpec<F> = { status: 'list', q: 'string', page: 'number', sort: 'string' };
const defaults: Partial<F> = { page: 1, sort: '-updatedAt' };

describe('filters in the URL', () => {
  it('reads lists, numbers and strings over the defaults', () => {
    const p = new URLSearchParams('status=returned,draft&q=红色&page=3');
    expect(readFilters(p, spec, defaults)).toEqual({
      status: ['returned', 'draft'],
      q: '红色',
      page: 3,
      sort: '-updatedAt',
    });
  });

  it('ignores a page that is not a positive whole number', () => {
    expect(readFilters(new URLSearchParams('page=-2'), spec, defaults).page).toBe(1);
  });

  it('writes only what differs from the defaults, and reads back the same', () => {
    const f: F = { status: ['submitted'], page: 1, sort: '-updatedAt', q: '' };
    const written = writeFilters(f, spec, defaults);
    expect(written).toEqual({ status: 'submitted' });
    expect(readFilters(new URLSearchParams(written), spec, defaults)).toEqual({
      status: ['submitted'],
      page: 1,
      sort: '-updatedAt',
    });
  });
});

describe('desk helpers', async () => {
  const { remaining, beijingTime, deskLinks } = await import('./desk-links');
  it('counts down in days, hours and minutes', () => {
    expect(remaining('2026-12-01T10:30:00Z', new Date('2026-11-29T08:00:00Z'))).toEqual({
      days: 2,
      hours: 2,
      minutes: 30,
      past: false,
    });
    expect(remaining('2026-11-29T07:00:00Z', new Date('2026-11-29T08:00:00Z')).past).toBe(true);
  });
  it('shows Beijing time and builds filtered links', () => {
    expect(beijingTime('2026-11-28T16:00:00.000Z')).toBe('2026-11-29 00:00');
    expect(deskLinks.intake('c1', 'submitted', 'u1')).toBe('/intake?campaign=c1&status=submitted&unit=u1');
  });
});

describe('renamed parameters', () => {
  const s: FilterSpec<{ campaignId?: string; unitId?: string }> = {
    campaignId: ['string', 'campaign'],
    unitId: ['string', 'unit'],
  };
  it('reads and writes a filter under its URL name', () => {
    expect(readFilters(new URLSearchParams('campaign=c1&unit=u1'), s, {})).toEqual({
      campaignId: 'c1',
      unitId: 'u1',
    });
    expect(writeFilters({ campaignId: 'c1' }, s, {})).toEqual({ campaign: 'c1' });
  });
});
