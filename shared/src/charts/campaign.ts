/**
 * A campaign's charts (issue #7 §3): the status funnel, applications per directly-affiliated unit, quota
 * gauges per track × kind and the campaign's year against earlier years. Input is
 * `GET /api/campaigns/:id/statistics` (shared/src/contracts/campaign-statistics.ts).
 */
import type { ApplicationStatus } from '../domain/application-guards';
import {
  baseOption,
  BRAND_RED,
  CHART_PALETTE,
  CHART_TEXT,
  pick,
  type ChartLang,
  type ChartSpec,
} from './spec';

/** The funnel's steps, in order: how far an application has come on the main path. */
export const FUNNEL_STEPS = [
  'submitted',
  'recommended',
  'accepted',
  'in_review',
  'shortlisted',
  'proposed',
  'certified',
] as const satisfies readonly ApplicationStatus[];
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/**
 * How far each status proves an application came (0: not submitted). `not_selected` was in review;
 * `in_publicity` was proposed; `returned` was submitted. Stamps and history can prove more.
 */
export const STATUS_REACH: Record<ApplicationStatus, number> = {
  draft: 0,
  returned: 1,
  withdrawn: 0,
  submitted: 1,
  recommended: 2,
  accepted: 3,
  in_review: 4,
  not_selected: 4,
  shortlisted: 5,
  proposed: 6,
  in_publicity: 7,
  certified: 8,
};
/** The reach a funnel step needs (certified needs 8: in_publicity is between proposed and certified). */
export const STEP_REACH: Record<FunnelStep, number> = {
  submitted: 1,
  recommended: 2,
  accepted: 3,
  in_review: 4,
  shortlisted: 5,
  proposed: 6,
  certified: 8,
};

/** From how many applications got exactly how far, how many reached each step at least. */
export function funnelCounts(
  byReach: readonly { reach: number; count: number }[],
): { step: FunnelStep; count: number }[] {
  return FUNNEL_STEPS.map((step) => ({
    step,
    count: byReach.filter((r) => r.reach >= STEP_REACH[step]).reduce((n, r) => n + r.count, 0),
  }));
}

const STATUS_WORDS: Record<FunnelStep, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  recommended: { zh: '单位推荐', en: 'Recommended' },
  accepted: { zh: '已受理', en: 'Accepted' },
  in_review: { zh: '进入评审', en: 'In review' },
  shortlisted: { zh: '入围', en: 'Shortlisted' },
  proposed: { zh: '拟命名', en: 'Proposed' },
  certified: { zh: '已命名', en: 'Certified' },
};
export const KIND_WORDS: Record<string, { zh: string; en: string }> = {
  party_committee: { zh: '党委', en: 'Party committee' },
  general_branch: { zh: '党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Branch' },
};

const W = {
  funnel: { zh: '申报进展漏斗', en: 'Status funnel' },
  step: { zh: '环节', en: 'Step' },
  reached: { zh: '到达该环节的申报', en: 'Applications that reached it' },
  ofSubmitted: { zh: '占已提交', en: 'Of submitted' },
  units: { zh: '各直属党组织申报数', en: 'Applications per unit' },
  unit: { zh: '直属党组织', en: 'Unit' },
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  quotas: { zh: '名额使用', en: 'Quota use' },
  group: { zh: '类别', en: 'Category' },
  quota: { zh: '名额', en: 'Quota' },
  intake: { zh: '受理', en: 'Intake' },
  selected: { zh: '已选', en: 'Selected' },
  certified: { zh: '已命名', en: 'Certified' },
  years: { zh: '历年对比', en: 'Year on year' },
  year: { zh: '年度', en: 'Year' },
  anyKind: { zh: '不分类型', en: 'Any kind' },
};

const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 1000) / 10}%` : '—');

/** The funnel from submitted to certified; each step's share of the submitted in the table. */
export function statusFunnel(
  steps: readonly { step: FunnelStep; count: number }[],
  lang: ChartLang = 'zh-CN',
): ChartSpec {
  const first = steps[0]?.count ?? 0;
  const label = (s: FunnelStep) => pick(lang, STATUS_WORDS[s]);
  const sentence = steps.map((s) => `${label(s.step)} ${s.count}`).join(lang === 'en' ? ', ' : '，');
  return {
    name: 'status-funnel',
    title: pick(lang, W.funnel),
    ariaLabel: `${pick(lang, W.funnel)}${lang === 'en' ? ': ' : '：'}${sentence}${lang === 'en' ? '.' : '。'}`,
    option: {
      ...baseOption(),
      series: [
        {
          type: 'funnel',
          name: pick(lang, W.funnel),
          sort: 'none',
          left: '4%',
          right: '34%',
          top: 8,
          bottom: 8,
          minSize: '8%',
          gap: 2,
          label: { show: true, position: 'right', color: CHART_TEXT, formatter: '{b} {c}' },
          labelLine: { show: true, length: 8, lineStyle: { color: '#bfbfbf' } },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: steps.map((s, i) => ({
            name: label(s.step),
            value: s.count,
            itemStyle: { color: BRAND_RED, opacity: 1 - i * 0.1 },
          })),
        },
      ],
    },
    table: {
      columns: [
        { key: 'step', title: pick(lang, W.step) },
        { key: 'count', title: pick(lang, W.reached), numeric: true },
        { key: 'share', title: pick(lang, W.ofSubmitted) },
      ],
      rows: steps.map((s) => ({ step: label(s.step), count: s.count, share: pct(s.count, first) })),
    },
  };
}

export interface UnitCount {
  unitId: string;
  unitName: string;
  submitted: number;
  accepted: number;
}
export type UnitSort = 'count' | 'name';

/** Sorted by submitted (most first; ties by name) or by name (the API's order is the units' code order). */
export function sortUnits(units: readonly UnitCount[], sort: UnitSort): UnitCount[] {
  const byName = (a: UnitCount, b: UnitCount) => a.unitName.localeCompare(b.unitName, 'zh-CN');
  return [...units].sort(
    sort === 'count'
      ? (a, b) => b.submitted - a.submitted || b.accepted - a.accepted || byName(a, b)
      : byName,
  );
}

/** Horizontal bars per unit, submitted and accepted side by side, top to bottom in the order given. */
export function unitBar(
  units: readonly UnitCount[],
  lang: ChartLang = 'zh-CN',
  sort: UnitSort = 'count',
): ChartSpec {
  const rows = sortUnits(units, sort);
  const total = rows.reduce((n, u) => n + u.submitted, 0);
  const top = rows.length && sort === 'count' ? rows[0] : null;
  return {
    name: 'unit-applications',
    title: pick(lang, W.units),
    ariaLabel:
      lang === 'en'
        ? `Applications per unit: ${rows.length} units, ${total} submitted${top ? `; most from ${top.unitName} (${top.submitted})` : ''}.`
        : `各直属党组织申报数：${rows.length} 个直属党组织，共提交 ${total} 份${top ? `，最多的是${top.unitName}（${top.submitted} 份）` : ''}。`,
    option: {
      ...baseOption(),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, data: [pick(lang, W.submitted), pick(lang, W.accepted)] },
      grid: { left: 8, right: 32, top: 28, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((u) => u.unitName),
        axisTick: { show: false },
        axisLabel: { width: 150, overflow: 'truncate', fontSize: 11 },
      },
      series: [
        {
          type: 'bar',
          name: pick(lang, W.submitted),
          data: rows.map((u) => u.submitted),
          itemStyle: { color: BRAND_RED },
          label: { show: true, position: 'right', fontSize: 10 },
        },
        {
          type: 'bar',
          name: pick(lang, W.accepted),
          data: rows.map((u) => u.accepted),
          itemStyle: { color: CHART_PALETTE[1] },
        },
      ],
    },
    table: {
      columns: [
        { key: 'unit', title: pick(lang, W.unit) },
        { key: 'submitted', title: pick(lang, W.submitted), numeric: true },
        { key: 'accepted', title: pick(lang, W.accepted), numeric: true },
      ],
      rows: rows.map((u) => ({ unit: u.unitName, submitted: u.submitted, accepted: u.accepted })),
    },
  };
}

export interface QuotaUse {
  track: string;
  trackName: string;
  orgKind: string | null;
  quota: number;
  /** Passed the committee's intake (accepted or later). */
  intake: number;
  /** Proposed, in publicity or certified. */
  selected: number;
  certified: number;
}

export const quotaLabel = (q: QuotaUse, lang: ChartLang = 'zh-CN') =>
  `${q.trackName} · ${q.orgKind ? pick(lang, KIND_WORDS[q.orgKind] ?? { zh: q.orgKind, en: q.orgKind }) : pick(lang, W.anyKind)}`;

/** Where the gauge of item `i` of `n` sits, in rows of `columns` (percentages of the chart). */
export function gaugeCentre(i: number, n: number, columns: number): [string, string] {
  const cols = Math.max(1, Math.min(columns, n));
  const rowsN = Math.ceil(n / cols);
  const r = Math.floor(i / cols);
  const inRow = r === rowsN - 1 ? n - r * cols : cols;
  const c = i - r * cols;
  const x = ((c + 0.5) / inRow) * 100;
  const y = ((r + 0.55) / rowsN) * 100;
  return [`${Math.round(x * 10) / 10}%`, `${Math.round(y * 10) / 10}%`];
}

/**
 * One gauge per quota line: selected against the quota (red past it), the intake and the certified in
 * its caption. `columns` gauges per row (4 on a wide screen, 2 on a phone).
 */
export function quotaGauges(quotas: readonly QuotaUse[], lang: ChartLang = 'zh-CN', columns = 4): ChartSpec {
  const cols = Math.max(1, Math.min(columns, quotas.length));
  const rowsN = Math.max(1, Math.ceil(quotas.length / cols));
  const radius = `${Math.min(80 / cols, 70 / rowsN)}%`;
  const caption = (q: QuotaUse) =>
    lang === 'en'
      ? `${q.selected} / ${q.quota}\nintake ${q.intake} · certified ${q.certified}`
      : `已选 ${q.selected} / 名额 ${q.quota}\n受理 ${q.intake} · 已命名 ${q.certified}`;
  return {
    name: 'quota-gauges',
    title: pick(lang, W.quotas),
    ariaLabel: `${pick(lang, W.quotas)}${lang === 'en' ? ': ' : '：'}${quotas
      .map((q) =>
        lang === 'en'
          ? `${quotaLabel(q, lang)} ${q.selected} of ${q.quota} selected, ${q.intake} accepted`
          : `${quotaLabel(q, lang)}已选 ${q.selected}、名额 ${q.quota}、受理 ${q.intake}`,
      )
      .join(lang === 'en' ? '; ' : '；')}${lang === 'en' ? '.' : '。'}`,
    option: {
      ...baseOption(),
      series: quotas.map((q, i) => ({
        type: 'gauge',
        name: quotaLabel(q, lang),
        center: gaugeCentre(i, quotas.length, cols),
        radius,
        min: 0,
        max: Math.max(q.quota, q.selected, 1),
        startAngle: 210,
        endAngle: -30,
        progress: {
          show: true,
          width: 10,
          itemStyle: { color: q.selected > q.quota ? '#d48806' : BRAND_RED },
        },
        axisLine: { lineStyle: { width: 10, color: [[1, '#eceef1']] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: true, offsetCenter: [0, '82%'], fontSize: 12, lineHeight: 16, color: CHART_TEXT },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '0%'],
          fontSize: 11,
          lineHeight: 16,
          color: '#4e5969',
          formatter: () => caption(q),
        },
        // The title in two lines (track, kind) so that two gauges side by side on a phone do not collide.
        data: [{ value: q.selected, name: quotaLabel(q, lang).replace(' · ', '\n') }],
      })),
    },
    table: {
      columns: [
        { key: 'group', title: pick(lang, W.group) },
        { key: 'quota', title: pick(lang, W.quota), numeric: true },
        { key: 'intake', title: pick(lang, W.intake), numeric: true },
        { key: 'selected', title: pick(lang, W.selected), numeric: true },
        { key: 'certified', title: pick(lang, W.certified), numeric: true },
      ],
      rows: quotas.map((q) => ({
        group: quotaLabel(q, lang),
        quota: q.quota,
        intake: q.intake,
        selected: q.selected,
        certified: q.certified,
      })),
    },
  };
}

export interface YearCounts {
  campaignId: string;
  year: number;
  name: string;
  submitted: number;
  accepted: number;
  certified: number;
}

/** Grouped bars per year (oldest first): submitted, accepted, certified; this campaign's year in bold. */
export function yearComparison(
  years: readonly YearCounts[],
  currentYear: number,
  lang: ChartLang = 'zh-CN',
): ChartSpec {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const yearLabel = (y: number) => (lang === 'en' ? String(y) : `${y}年`);
  const series = (['submitted', 'accepted', 'certified'] as const).map((k, i) => ({
    type: 'bar',
    name: pick(lang, W[k]),
    data: sorted.map((y) => y[k]),
    itemStyle: { color: [BRAND_RED, CHART_PALETTE[1], CHART_PALETTE[3]][i] },
    label: { show: true, position: 'top', fontSize: 10 },
  }));
  return {
    name: 'year-comparison',
    title: pick(lang, W.years),
    ariaLabel: `${pick(lang, W.years)}${lang === 'en' ? ': ' : '：'}${sorted
      .map((y) =>
        lang === 'en'
          ? `${y.year}: ${y.submitted} submitted, ${y.accepted} accepted, ${y.certified} certified`
          : `${y.year}年提交 ${y.submitted}、受理 ${y.accepted}、命名 ${y.certified}`,
      )
      .join(lang === 'en' ? '; ' : '；')}${lang === 'en' ? '.' : '。'}`,
    option: {
      ...baseOption(),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8 },
      xAxis: {
        type: 'category',
        data: sorted.map((y) => ({
          value: yearLabel(y.year),
          textStyle: y.year === currentYear ? { fontWeight: 'bold', color: BRAND_RED } : undefined,
        })),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    },
    table: {
      columns: [
        { key: 'year', title: pick(lang, W.year) },
        { key: 'submitted', title: pick(lang, W.submitted), numeric: true },
        { key: 'accepted', title: pick(lang, W.accepted), numeric: true },
        { key: 'certified', title: pick(lang, W.certified), numeric: true },
      ],
      rows: sorted.map((y) => ({
        year: yearLabel(y.year),
        submitted: y.submitted,
        accepted: y.accepted,
        certified: y.certified,
      })),
    },
  };
}
