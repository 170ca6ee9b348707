/**
 * A stage's statistics as charts (issue #6 §9): the score distribution and each reviewer's leniency.
 * Input is `GET /api/stages/:id/statistics`'s answer (or the same shape from the server's service).
 */
import { baseOption, BRAND_RED, CHART_NEUTRAL, pick, round, type ChartLang, type ChartSpec } from './spec';

export interface DistributionBucket {
  from: number;
  to: number;
  count: number;
}
export interface ReviewerLeniencyRow {
  reviewerId: string;
  reviewerName: string;
  n: number;
  mean: number;
  leniency: number;
}

/**
 * A reviewer is flagged when its mean lies this many points or more from the stage mean (either way).
 * The reference (evaluation-maths §4) reports leniency without a line; this one is the page's, stated on it.
 */
export const LENIENCY_FLAG_POINTS = 5;

const W = {
  bucket: { zh: '分数段', en: 'Score range' },
  reviews: { zh: '评分数', en: 'Scores' },
  histogram: { zh: '评分分布', en: 'Score distribution' },
  reviewer: { zh: '评审专家', en: 'Reviewer' },
  mean: { zh: '平均分', en: 'Mean' },
  leniency: { zh: '偏差（分）', en: 'Deviation (points)' },
  flag: { zh: '提示', en: 'Flag' },
  lenient: { zh: '偏宽', en: 'Lenient' },
  severe: { zh: '偏严', en: 'Severe' },
  leniencyTitle: { zh: '评审专家宽严度', en: 'Reviewer leniency' },
};

/** "0–10" … "90–100": the last bucket includes 100. */
export const bucketLabel = (b: DistributionBucket) => `${b.from}–${b.to}`;

/** Histogram of counted scores in 10-point buckets. */
export function scoreHistogram(buckets: readonly DistributionBucket[], lang: ChartLang = 'zh-CN'): ChartSpec {
  const labels = buckets.map(bucketLabel);
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const peak = buckets.reduce<DistributionBucket | null>((m, b) => (!m || b.count > m.count ? b : m), null);
  const aria =
    lang === 'en'
      ? `Score distribution: ${total} scores; most in ${peak && peak.count ? bucketLabel(peak) : '—'}.`
      : `评分分布：共 ${total} 个评分，最多的分数段为 ${peak && peak.count ? bucketLabel(peak) : '—'}。`;
  return {
    name: 'score-distribution',
    title: pick(lang, W.histogram),
    ariaLabel: aria,
    option: {
      ...baseOption(),
      tooltip: { trigger: 'axis', confine: true },
      grid: { left: 40, right: 16, top: 24, bottom: 48 },
      xAxis: {
        type: 'category',
        data: labels,
        name: pick(lang, W.bucket),
        nameLocation: 'middle',
        nameGap: 30,
        axisLabel: { fontSize: 10, hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: 1, name: pick(lang, W.reviews) },
      series: [
        {
          type: 'bar',
          name: pick(lang, W.reviews),
          data: buckets.map((b) => b.count),
          barCategoryGap: '10%',
          itemStyle: { color: BRAND_RED },
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number }) => (p.value ? p.value : ''),
          },
        },
      ],
    },
    table: {
      columns: [
        { key: 'bucket', title: pick(lang, W.bucket) },
        { key: 'count', title: pick(lang, W.reviews), numeric: true },
      ],
      rows: buckets.map((b) => ({ bucket: bucketLabel(b), count: b.count })),
    },
  };
}

export type LeniencyFlag = 'lenient' | 'severe' | null;
export const leniencyFlag = (leniency: number, threshold = LENIENCY_FLAG_POINTS): LeniencyFlag =>
  round(leniency) >= threshold ? 'lenient' : round(leniency) <= -threshold ? 'severe' : null;

/**
 * Each reviewer's mean minus the stage mean, as horizontal bars from most lenient to most severe; the
 * flagged ones (|deviation| ≥ threshold) in the brand red, with the threshold drawn as dashed lines.
 */
export function leniencyBar(
  rows: readonly ReviewerLeniencyRow[],
  lang: ChartLang = 'zh-CN',
  threshold = LENIENCY_FLAG_POINTS,
): ChartSpec {
  const sorted = [...rows].sort(
    (a, b) => b.leniency - a.leniency || a.reviewerName.localeCompare(b.reviewerName, 'zh-CN'),
  );
  const flagged = sorted.filter((r) => leniencyFlag(r.leniency, threshold));
  const flagWord = (r: ReviewerLeniencyRow) => {
    const f = leniencyFlag(r.leniency, threshold);
    return f ? pick(lang, W[f]) : '';
  };
  const aria =
    lang === 'en'
      ? `Reviewer leniency: ${sorted.length} reviewers, ${flagged.length} at least ${threshold} points from the stage mean${flagged.length ? ` (${flagged.map((r) => r.reviewerName).join(', ')})` : ''}.`
      : `评审专家宽严度：${sorted.length} 位专家，${flagged.length} 位的平均分与本环节平均分相差 ${threshold} 分及以上${flagged.length ? `（${flagged.map((r) => r.reviewerName).join('、')}）` : ''}。`;
  // Bars read top-down: ECharts draws a category axis bottom-up, so the axis is inverted.
  return {
    name: 'reviewer-leniency',
    title: pick(lang, W.leniencyTitle),
    ariaLabel: aria,
    option: {
      ...baseOption(),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { left: 8, right: 40, top: 16, bottom: 24 },
      xAxis: { type: 'value', name: pick(lang, W.leniency), nameLocation: 'middle', nameGap: 24 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((r) => r.reviewerName),
        axisTick: { show: false },
        axisLabel: { width: 96, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: pick(lang, W.leniency),
          data: sorted.map((r) => ({
            value: round(r.leniency),
            itemStyle: { color: leniencyFlag(r.leniency, threshold) ? BRAND_RED : CHART_NEUTRAL },
          })),
          label: { show: true, position: 'right', fontSize: 10 },
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { type: 'dashed', color: '#bfbfbf' },
            data: [{ xAxis: -threshold }, { xAxis: 0 }, { xAxis: threshold }],
          },
        },
      ],
    },
    table: {
      columns: [
        { key: 'reviewer', title: pick(lang, W.reviewer) },
        { key: 'n', title: pick(lang, W.reviews), numeric: true },
        { key: 'mean', title: pick(lang, W.mean), numeric: true },
        { key: 'leniency', title: pick(lang, W.leniency), numeric: true },
        { key: 'flag', title: pick(lang, W.flag) },
      ],
      rows: sorted.map((r) => ({
        reviewer: r.reviewerName,
        n: r.n,
        mean: round(r.mean),
        leniency: round(r.leniency),
        flag: flagWord(r),
      })),
    },
  };
}
