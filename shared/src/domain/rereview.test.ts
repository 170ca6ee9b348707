import { describe, expect, it } from 'vitest';
import { roundComplete, selectTitles, titleFigures, type FigureEvent, type FigureTitle } from './rereview';
import { sample } from './evaluation/draw';

const pool = ['t5', 't1', 't4', 't2', 't3'];

describe('selectTitles', () => {
  it.each([
    [
      'a year: the whole pool, sorted',
      { mode: 'year', awardYear: 2026 } as const,
      ['t1', 't2', 't3', 't4', 't5'],
    ],
    ['a list: as given', { mode: 'list', titleIds: ['x', 'a'] } as const, ['x', 'a']],
    [
      'a sample: the seeded draw',
      { mode: 'sample', awardYear: 2026, size: 2, seed: 7 } as const,
      sample(pool, 2, 7),
    ],
  ])('%s', (_n, selection, expected) => {
    expect(selectTitles(selection, pool)).toEqual({ ok: true, titleIds: expected });
  });

  it('draws the same sample whatever order the pool comes in, and a larger one extends it', () => {
    const a = selectTitles({ mode: 'sample', awardYear: 2026, size: 3, seed: 42 }, pool);
    const b = selectTitles({ mode: 'sample', awardYear: 2026, size: 3, seed: 42 }, [...pool].reverse());
    const c = selectTitles({ mode: 'sample', awardYear: 2026, size: 4, seed: 42 }, pool);
    expect(a).toEqual(b);
    expect(a.ok && c.ok && c.titleIds.slice(0, 3)).toEqual(a.ok && a.titleIds);
  });

  it.each([
    ['an empty year', { mode: 'year', awardYear: 2026 } as const, [], 'empty'],
    ['an empty sample pool', { mode: 'sample', awardYear: 2026, size: 1, seed: 1 } as const, [], 'empty'],
    [
      'a sample larger than the pool',
      { mode: 'sample', awardYear: 2026, size: 6, seed: 1 } as const,
      pool,
      'sample_too_large',
    ],
  ])('refuses %s', (_n, selection, p, refusal) => {
    expect(selectTitles(selection, p)).toEqual({ ok: false, refusal });
  });
});

describe('roundComplete', () => {
  it('is complete when no title waits', () => {
    expect(roundComplete([{ outcome: 'keep' }, { outcome: 'expired' }])).toBe(true);
    expect(roundComplete([{ outcome: 'keep' }, { outcome: null }])).toBe(false);
    expect(roundComplete([])).toBe(true);
  });
});

describe('titleFigures', () => {
  const t = (id: string, year: number, orgKind: FigureTitle['orgKind'] = 'branch', trackCode = 'site') => ({
    id,
    year,
    trackCode,
    orgKind,
  });
  const e = (titleId: string, action: FigureEvent['action'], year: number) => ({ titleId, action, year });

  it('counts per year, keeps the standing pool, turnover to 4 decimals, and the freed places', () => {
    const titles = [
      t('a', 2024),
      t('b', 2024),
      t('c', 2024, 'party_committee'),
      t('d', 2025),
      t('v', 2025, 'branch', 'venue'),
    ];
    const events = [
      e('a', 'keep', 2025),
      e('b', 'rectify', 2025),
      e('c', 'revoke', 2025),
      e('b', 'pass_rectification', 2026),
      e('v', 'revoke', 2026),
      e('d', 'expire', 2026),
    ];
    expect(titleFigures(titles, events)).toEqual({
      years: [
        { year: 2024, added: 3, kept: 0, rectified: 0, revoked: 0, expired: 0, standing: 3, turnover: 0 },
        { year: 2025, added: 2, kept: 1, rectified: 1, revoked: 1, expired: 0, standing: 4, turnover: 0.2 },
        { year: 2026, added: 0, kept: 0, rectified: 0, revoked: 1, expired: 1, standing: 2, turnover: 0.5 },
      ],
      freed: [
        { year: 2025, campaignYear: 2026, trackCode: 'site', orgKind: 'party_committee', places: 1 },
        { year: 2026, campaignYear: 2027, trackCode: 'venue', orgKind: 'branch', places: 1 },
      ],
    });
  });

  it('has no years without titles, and no turnover for an empty pool', () => {
    expect(titleFigures([], [])).toEqual({ years: [], freed: [] });
    expect(titleFigures([t('a', 2026)], []).years).toEqual([
      { year: 2026, added: 1, kept: 0, rectified: 0, revoked: 0, expired: 0, standing: 1, turnover: 0 },
    ]);
  });
});
