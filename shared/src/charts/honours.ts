/**
 * The 蓄水池 chart (issue #8 §4): per year, the honours that went to holders of a standing demonstration
 * title and the others, stacked, with the share in the table. Input is `GET /api/honours/reservoir`
 * (shared/src/contracts/honours.ts).
 */
import { baseOption, BRAND_RED, CHART_NEUTRAL, pick, type ChartLang, type ChartSpec } from './spec';

export interface ReservoirYearCounts {
  year: number;
  total: number;
  fromPool: number;
  share: number;
}

const W = {
  title: {
    zh: '蓄水池效应：表彰中来自示范单位的比例',
    en: 'The pool effect: honours that went to demonstration units',
  },
  year: { zh: '年度', en: 'Year' },
  fromPool: { zh: '来自示范单位', en: 'From demonstration units' },
  others: { zh: '其他', en: 'Others' },
  total: { zh: '表彰总数', en: 'Honours' },
  share: { zh: '占比', en: 'Share' },
};

const percent = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

export function reservoirChart(years: readonly ReservoirYearCounts[], lang: ChartLang = 'zh-CN'): ChartSpec {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const yearLabel = (y: number) => (lang === 'en' ? String(y) : `${y}年`);
  // A zero has no height to hold its label.
  const bar = (name: string, color: string, values: number[]) => ({
    type: 'bar',
    stack: 'honours',
    name,
    data: values.map((v) => (v === 0 ? { value: 0, label: { show: false } } : v)),
    itemStyle: { color },
    label: { show: true, position: 'inside', fontSize: 10 },
  });
  const sentence = sorted
    .map((y) =>
      lang === 'en'
        ? `${y.year}: ${y.fromPool} of ${y.total} (${percent(y.share)})`
        : `${y.year}年 ${y.total} 项中 ${y.fromPool} 项（${percent(y.share)}）`,
    )
    .join(lang === 'en' ? '; ' : '；');
  return {
    name: 'honours-reservoir',
    title: pick(lang, W.title),
    ariaLabel: `${pick(lang, W.title)}${lang === 'en' ? ': ' : '：'}${sentence}${lang === 'en' ? '.' : '。'}`,
    option: {
      ...baseOption(),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8 },
      xAxis: { type: 'category', data: sorted.map((y) => yearLabel(y.year)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        bar(
          pick(lang, W.fromPool),
          BRAND_RED,
          sorted.map((y) => y.fromPool),
        ),
        bar(
          pick(lang, W.others),
          CHART_NEUTRAL,
          sorted.map((y) => y.total - y.fromPool),
        ),
      ],
    },
    table: {
      columns: [
        { key: 'year', title: pick(lang, W.year) },
        { key: 'total', title: pick(lang, W.total), numeric: true },
        { key: 'fromPool', title: pick(lang, W.fromPool), numeric: true },
        { key: 'share', title: pick(lang, W.share), numeric: true },
      ],
      rows: sorted.map((y) => ({
        year: yearLabel(y.year),
        total: y.total,
        fromPool: y.fromPool,
        share: percent(y.share),
      })),
    },
  };
}
