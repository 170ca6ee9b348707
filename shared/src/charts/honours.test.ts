import { describe, expect, it } from 'vitest';
import { reservoirChart } from './honours';
import { BRAND_RED, CHART_NEUTRAL } from './spec';

const years = [
  { year: 2026, total: 4, fromPool: 1, share: 0.25 },
  { year: 2025, total: 3, fromPool: 1, share: 0.3333 },
];

describe('reservoirChart', () => {
  it('stacks those from the pool (brand red) on the others per year, oldest first', () => {
    const spec = reservoirChart(years);
    const series = (
      spec.option as { series: { name: string; data: number[]; itemStyle: { color: string } }[] }
    ).series;
    expect(series.map((s) => [s.name, s.data, s.itemStyle.color])).toEqual([
      ['来自示范单位', [1, 1], BRAND_RED],
      ['其他', [2, 3], CHART_NEUTRAL],
    ]);
    expect((spec.option as { xAxis: { data: string[] } }).xAxis.data).toEqual(['2025年', '2026年']);
  });

  it('hides the label of a zero', () => {
    const spec = reservoirChart([{ year: 2026, total: 1, fromPool: 1, share: 1 }]);
    const series = (spec.option as { series: { data: unknown[] }[] }).series;
    expect(series.map((s) => s.data)).toEqual([[1], [{ value: 0, label: { show: false } }]]);
  });

  it('gives the same figures as a table and a sentence, in both languages', () => {
    expect(reservoirChart(years).table.rows).toEqual([
      { year: '2025年', total: 3, fromPool: 1, share: '33.3%' },
      { year: '2026年', total: 4, fromPool: 1, share: '25.0%' },
    ]);
    expect(reservoirChart(years).ariaLabel).toBe(
      '蓄水池效应：表彰中来自示范单位的比例：2025年 3 项中 1 项（33.3%）；2026年 4 项中 1 项（25.0%）。',
    );
    const en = reservoirChart(years, 'en');
    expect(en.ariaLabel).toBe(
      'The pool effect: honours that went to demonstration units: 2025: 1 of 3 (33.3%); 2026: 1 of 4 (25.0%).',
    );
    expect(en.table.columns.map((c) => c.title)).toEqual([
      'Year',
      'Honours',
      'From demonstration units',
      'Share',
    ]);
  });
});
