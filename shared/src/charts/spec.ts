/**
 * A chart as plain data (docs/CHARTS.md): the ECharts option, what it says in words (for `aria-label`) and
 * the same numbers as a table (shown beside the chart, exported as CSV). Builders are pure functions, so
 * the web draws the chart on a canvas and the server renders the same option to SVG.
 */
import type { EChartsCoreOption } from 'echarts/core';

export type ChartLang = 'zh-CN' | 'en';

/** The product's palette: the brand red first (web/src/app/theme.ts BRAND_RED), then calm neutrals. */
export const BRAND_RED = '#c7000b';
export const CHART_PALETTE = [BRAND_RED, '#1d5fa8', '#d48806', '#389e0d', '#6b7785', '#9254de', '#08979c'];
/** Bars that are not flagged; flagged ones take the brand red. */
export const CHART_NEUTRAL = '#8c9bab';
export const CHART_TEXT = '#1f2329';
export const CHART_FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

export interface ChartColumn {
  key: string;
  title: string;
  /** Right-aligned, sortable by value. */
  numeric?: boolean;
}
export type ChartCell = string | number;
export interface ChartTable {
  columns: ChartColumn[];
  rows: Record<string, ChartCell>[];
}

export interface ChartSpec {
  /** Stable name: the test id, the CSV file's name and the SVG route's `:name`. */
  name: string;
  title: string;
  /** The chart in one sentence, for screen readers. */
  ariaLabel: string;
  option: EChartsCoreOption;
  table: ChartTable;
}

/** Rounds to `digits` decimals (half away from zero), without a float tail: 1.005 → 1.01. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
}

/** What every chart shares: palette, font, no animation on the server, a grid that leaves room for labels. */
export function baseOption(): EChartsCoreOption {
  return {
    color: CHART_PALETTE,
    textStyle: { fontFamily: CHART_FONT, color: CHART_TEXT },
    animation: false,
    tooltip: { trigger: 'item', confine: true },
  };
}

const CSV_SPECIAL = /[",\r\n]/;
/** A formula-looking cell is written as text, so a spreadsheet does not evaluate it. */
const FORMULA = /^[=+\-@\t\r]/;

function csvCell(v: ChartCell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = FORMULA.test(v) ? `'${v}` : v;
  return CSV_SPECIAL.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV that Excel opens in Chinese: UTF-8 with a BOM, CRLF lines, headers first. */
export function chartTableCsv(table: ChartTable): string {
  const lines = [
    table.columns.map((c) => csvCell(c.title)),
    ...table.rows.map((r) => table.columns.map((c) => csvCell(r[c.key] ?? ''))),
  ];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** zh-CN or en, picked from a word pair. */
export const pick = (lang: ChartLang, w: { zh: string; en: string }) => (lang === 'en' ? w.en : w.zh);
