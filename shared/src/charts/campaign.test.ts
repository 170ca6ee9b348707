import { describe, expect, it } from 'vitest';
import {
  funnelCounts,
  gaugeCentre,
  quotaGauges,
  statusFunnel,
  unitBar,
  yearComparison,
  type QuotaUse,
} from './campaign';
import { BRAND_RED } from './spec';

const steps = funnelCounts([
  { reach: 0, count: 2 },
  { reach: 1, count: 2 },
  { reach: 2, count: 2 },
  { reach: 3, count: 2 },
  { reach: 4, count: 1 },
  { reach: 5, count: 1 },
  { reach: 6, count: 1 },
  { reach: 7, count: 1 },
  { reach: 8, count: 1 },
]);

describe('status funnel', () => {
  it('counts every application at each step it reached (in publicity counts as proposed, not certified)', () => {
    expect(steps).toEqual([
      { step: 'submitted', count: 11 },
      { step: 'recommended', count: 9 },
      { step: 'accepted', count: 7 },
      { step: 'in_review', count: 5 },
      { step: 'shortlisted', count: 4 },
      { step: 'proposed', count: 3 },
      { step: 'certified', count: 1 },
    ]);
  });

  it('draws the steps in order with Chinese names; the table gives each share of the submitted', () => {
    const s = statusFunnel(steps);
    const series = (
      s.option.series as { type: string; sort: string; data: { name: string; value: number }[] }[]
    )[0]!;
    expect(series.type).toBe('funnel');
    expect(series.sort).toBe('none');
    expect(series.data.map((d) => [d.name, d.value])).toEqual([
      ['已提交', 11],
      ['单位推荐', 9],
      ['已受理', 7],
      ['进入评审', 5],
      ['入围', 4],
      ['拟命名', 3],
      ['已命名', 1],
    ]);
    expect(s.table.rows.map((r) => r.share)).toEqual([
      '100%',
      '81.8%',
      '63.6%',
      '45.5%',
      '36.4%',
      '27.3%',
      '9.1%',
    ]);
    expect(s.ariaLabel).toBe(
      '申报进展漏斗：已提交 11，单位推荐 9，已受理 7，进入评审 5，入围 4，拟命名 3，已命名 1。',
    );
    expect(statusFunnel(funnelCounts([]), 'en').table.rows[0]).toEqual({
      step: 'Submitted',
      count: 0,
      share: '—',
    });
  });
});

const units = [
  { unitId: 'a', unitName: '市水务局机关党委', submitted: 3, accepted: 1 },
  { unitId: 'b', unitName: '市总工会机关党委', submitted: 7, accepted: 5 },
  { unitId: 'c', unitName: '市教委机关党委', submitted: 3, accepted: 2 },
  { unitId: 'd', unitName: '市财政局机关党委', submitted: 0, accepted: 0 },
];

describe('applications per unit', () => {
  it('sorts by submitted (then accepted, then name) or by name, bars and table alike', () => {
    const byCount = unitBar(units);
    expect((byCount.option.yAxis as { data: string[] }).data).toEqual([
      '市总工会机关党委',
      '市教委机关党委',
      '市水务局机关党委',
      '市财政局机关党委',
    ]);
    const series = byCount.option.series as { name: string; data: number[] }[];
    expect(series.map((x) => [x.name, x.data])).toEqual([
      ['已提交', [7, 3, 3, 0]],
      ['已受理', [5, 2, 1, 0]],
    ]);
    expect(byCount.ariaLabel).toBe(
      '各直属党组织申报数：4 个直属党组织，共提交 13 份，最多的是市总工会机关党委（7 份）。',
    );
    const byName = unitBar(units, 'zh-CN', 'name');
    expect(byName.table.rows.map((r) => r.unit)).toEqual([
      '市财政局机关党委',
      '市教委机关党委',
      '市水务局机关党委',
      '市总工会机关党委',
    ]);
  });
});

const quotas: QuotaUse[] = [
  {
    track: 'site',
    trackName: '示范点',
    orgKind: 'branch',
    quota: 89,
    intake: 160,
    selected: 89,
    certified: 0,
  },
  {
    track: 'site',
    trackName: '示范点',
    orgKind: 'party_committee',
    quota: 10,
    intake: 30,
    selected: 11,
    certified: 0,
  },
  {
    track: 'venue',
    trackName: '示范阵地',
    orgKind: null,
    quota: 96,
    intake: 180,
    selected: 40,
    certified: 12,
  },
];

describe('quota gauges', () => {
  it('gauges selected against the quota, past it in amber, intake and certified in the caption and table', () => {
    const s = quotaGauges(quotas, 'zh-CN', 2);
    const series = s.option.series as {
      type: string;
      center: string[];
      max: number;
      data: { value: number; name: string }[];
      progress: { itemStyle: { color: string } };
      detail: { formatter: () => string };
    }[];
    expect(series.map((g) => [g.type, g.data[0]!.name, g.data[0]!.value, g.max])).toEqual([
      ['gauge', '示范点\n党支部', 89, 89],
      ['gauge', '示范点\n党委', 11, 11],
      ['gauge', '示范阵地\n不分类型', 40, 96],
    ]);
    expect(series.map((g) => g.progress.itemStyle.color)).toEqual([BRAND_RED, '#d48806', BRAND_RED]);
    expect(series.map((g) => g.center)).toEqual([
      ['25%', '27.5%'],
      ['75%', '27.5%'],
      ['50%', '77.5%'],
    ]);
    expect(series[2]!.detail.formatter()).toBe('已选 40 / 名额 96\n受理 180 · 已命名 12');
    expect(s.table.rows).toEqual([
      { group: '示范点 · 党支部', quota: 89, intake: 160, selected: 89, certified: 0 },
      { group: '示范点 · 党委', quota: 10, intake: 30, selected: 11, certified: 0 },
      { group: '示范阵地 · 不分类型', quota: 96, intake: 180, selected: 40, certified: 12 },
    ]);
  });

  it('places gauges in rows', () => {
    expect([gaugeCentre(0, 1, 4), gaugeCentre(3, 4, 4), gaugeCentre(4, 5, 4)]).toEqual([
      ['50%', '55%'],
      ['87.5%', '55%'],
      ['50%', '77.5%'],
    ]);
  });
});

describe('year comparison', () => {
  it('puts the years oldest first with three bars each and marks this campaign’s year', () => {
    const s = yearComparison(
      [
        { campaignId: 'c26', year: 2026, name: '2026', submitted: 397, accepted: 350, certified: 0 },
        { campaignId: 'c24', year: 2024, name: '2024', submitted: 120, accepted: 100, certified: 40 },
        { campaignId: 'c25', year: 2025, name: '2025', submitted: 150, accepted: 130, certified: 45 },
      ],
      2026,
    );
    const x = (s.option.xAxis as { data: { value: string; textStyle?: { color: string } }[] }).data;
    expect(x.map((d) => d.value)).toEqual(['2024年', '2025年', '2026年']);
    expect(x.map((d) => d.textStyle?.color ?? null)).toEqual([null, null, BRAND_RED]);
    expect((s.option.series as { name: string; data: number[] }[]).map((x) => [x.name, x.data])).toEqual([
      ['已提交', [120, 150, 397]],
      ['已受理', [100, 130, 350]],
      ['已命名', [40, 45, 0]],
    ]);
    expect(s.table.rows[0]).toEqual({ year: '2024年', submitted: 120, accepted: 100, certified: 40 });
    expect(s.ariaLabel).toBe(
      '历年对比：2024年提交 120、受理 100、命名 40；2025年提交 150、受理 130、命名 45；2026年提交 397、受理 350、命名 0。',
    );
  });
});
