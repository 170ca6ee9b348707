import { describe, expect, it } from 'vitest';
import { leniencyBar, leniencyFlag, scoreHistogram } from './evaluation';
import { BRAND_RED, CHART_NEUTRAL, chartTableCsv, round } from './spec';

const buckets = Array.from({ length: 10 }, (_, i) => ({
  from: i * 10,
  to: i * 10 + 10,
  count: [0, 0, 0, 0, 0, 1, 2, 5, 9, 3][i]!,
}));

// Reference §2: R1 (lenient) mean 90, R2 (severe) mean 73 over the same five; a third close to the mean.
const leniency = [
  { reviewerId: 'r2', reviewerName: '李严', n: 5, mean: 73, leniency: -8.5 },
  { reviewerId: 'r3', reviewerName: '王中', n: 4, mean: 83.25, leniency: 1.75 },
  { reviewerId: 'r1', reviewerName: '张宽', n: 5, mean: 90, leniency: 8.5 },
  { reviewerId: 'r4', reviewerName: '赵边', n: 3, mean: 76.5, leniency: -4.996 },
];

describe('score histogram', () => {
  it('has one bar per 10-point bucket with the counts, and the same numbers in its table', () => {
    const s = scoreHistogram(buckets);
    expect(s.name).toBe('score-distribution');
    expect(s.title).toBe('评分分布');
    expect((s.option.xAxis as { data: string[] }).data).toEqual([
      '0–10',
      '10–20',
      '20–30',
      '30–40',
      '40–50',
      '50–60',
      '60–70',
      '70–80',
      '80–90',
      '90–100',
    ]);
    expect((s.option.series as { data: number[] }[])[0]!.data).toEqual([0, 0, 0, 0, 0, 1, 2, 5, 9, 3]);
    expect(s.table.rows.slice(-3)).toEqual([
      { bucket: '70–80', count: 5 },
      { bucket: '80–90', count: 9 },
      { bucket: '90–100', count: 3 },
    ]);
    expect(s.ariaLabel).toBe('评分分布：共 20 个评分，最多的分数段为 80–90。');
    expect(s.option.color).toEqual(expect.arrayContaining([BRAND_RED]));
  });

  it('speaks English when asked and says so when there is nothing', () => {
    const s = scoreHistogram(
      buckets.map((b) => ({ ...b, count: 0 })),
      'en',
    );
    expect(s.title).toBe('Score distribution');
    expect(s.ariaLabel).toBe('Score distribution: 0 scores; most in —.');
    expect(s.table.columns.map((c) => c.title)).toEqual(['Score range', 'Scores']);
  });
});

describe('reviewer leniency', () => {
  it('orders reviewers from lenient to severe and flags those 5 points or more from the mean', () => {
    const s = leniencyBar(leniency);
    expect((s.option.yAxis as { data: string[] }).data).toEqual(['张宽', '王中', '赵边', '李严']);
    const bars = (s.option.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0]!.data;
    expect(bars.map((b) => b.value)).toEqual([8.5, 1.75, -5, -8.5]);
    expect(bars.map((b) => b.itemStyle.color)).toEqual([BRAND_RED, CHART_NEUTRAL, BRAND_RED, BRAND_RED]);
    expect(s.table.rows).toEqual([
      { reviewer: '张宽', n: 5, mean: 90, leniency: 8.5, flag: '偏宽' },
      { reviewer: '王中', n: 4, mean: 83.25, leniency: 1.75, flag: '' },
      { reviewer: '赵边', n: 3, mean: 76.5, leniency: -5, flag: '偏严' },
      { reviewer: '李严', n: 5, mean: 73, leniency: -8.5, flag: '偏严' },
    ]);
    expect(s.ariaLabel).toBe(
      '评审专家宽严度：4 位专家，3 位的平均分与本环节平均分相差 5 分及以上（张宽、赵边、李严）。',
    );
  });

  it('takes another threshold', () => {
    expect(leniencyBar(leniency, 'zh-CN', 9).table.rows.map((r) => r.flag)).toEqual(['', '', '', '']);
    expect([leniencyFlag(4.99), leniencyFlag(-5), leniencyFlag(5), leniencyFlag(0)]).toEqual([
      null,
      'severe',
      'lenient',
      null,
    ]);
  });
});

describe('helpers', () => {
  it('rounds half away from zero without float tails', () => {
    expect([round(1.005), round(-1.005), round(2.675), round(-4.996), round(83.249)]).toEqual([
      1.01, -1.01, 2.68, -5, 83.25,
    ]);
  });

  it('writes the table as CSV with a BOM, quoting and formula cells as text', () => {
    const csv = chartTableCsv({
      columns: [
        { key: 'a', title: '单位' },
        { key: 'n', title: '数量', numeric: true },
      ],
      rows: [
        { a: '市水务局, 机关党委', n: 3 },
        { a: '=HYPERLINK("x")', n: 0 },
        { a: '"引号"', n: 1.5 },
      ],
    });
    expect(csv).toBe(
      '\uFEFF单位,数量\r\n"市水务局, 机关党委",3\r\n"\'=HYPERLINK(""x"")",0\r\n"""引号""",1.5\r\n',
    );
  });
});
