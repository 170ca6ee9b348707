/**
 * The audit admin's week (issue #7 §3, home pages in small): per Beijing day, denied requests, failed logins
 * and changes to accounts — the desk's three counts day by day (`days` of the audit desk,
 * shared/src/contracts/desk.ts), so a spike shows against the days before it.
 */
import { baseOption, BRAND_RED, CHART_PALETTE, pick, type ChartLang, type ChartSpec } from './spec';

export interface AuditDayCounts {
  /** `YYYY-MM-DD`, a Beijing day. */
  day: string;
  denied: number;
  failedLogins: number;
  accountChanges: number;
}

const W = {
  title: { zh: '近 7 天安全事件', en: 'Security events, last 7 days' },
  day: { zh: '日期', en: 'Day' },
  denied: { zh: '被拒绝的请求', en: 'Denied requests' },
  failedLogins: { zh: '登录失败', en: 'Failed logins' },
  accountChanges: { zh: '账号与角色变更', en: 'Account changes' },
};
const KEYS = ['denied', 'failedLogins', 'accountChanges'] as const;
const COLORS = [BRAND_RED, CHART_PALETTE[2], CHART_PALETTE[1]];

/** `11-29` in Chinese, `11/29` in English: short enough for seven days on a phone. */
const dayLabel = (day: string, lang: ChartLang) =>
  lang === 'en' ? day.slice(5).replace('-', '/') : day.slice(5);

export function auditTrend(days: readonly AuditDayCounts[], lang: ChartLang = 'zh-CN'): ChartSpec {
  const total = (k: (typeof KEYS)[number]) => days.reduce((n, d) => n + d[k], 0);
  const sentence = KEYS.map((k) =>
    lang === 'en' ? `${pick(lang, W[k])} ${total(k)}` : `${pick(lang, W[k])} ${total(k)} 次`,
  ).join(lang === 'en' ? ', ' : '，');
  const last = days[days.length - 1];
  const today = last
    ? lang === 'en'
      ? `; today ${last.denied}, ${last.failedLogins}, ${last.accountChanges}`
      : `；今日分别为 ${last.denied}、${last.failedLogins}、${last.accountChanges}`
    : '';
  return {
    name: 'audit-trend',
    title: pick(lang, W.title),
    ariaLabel: `${pick(lang, W.title)}${lang === 'en' ? ': ' : '：'}${sentence}${today}${lang === 'en' ? '.' : '。'}`,
    option: {
      ...baseOption(),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8 },
      xAxis: { type: 'category', data: days.map((d) => dayLabel(d.day, lang)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: KEYS.map((k, i) => ({
        type: 'bar',
        name: pick(lang, W[k]),
        data: days.map((d) => d[k]),
        itemStyle: { color: COLORS[i] },
      })),
    },
    table: {
      columns: [
        { key: 'day', title: pick(lang, W.day) },
        ...KEYS.map((k) => ({ key: k, title: pick(lang, W[k]), numeric: true })),
      ],
      rows: days.map((d) => ({
        day: d.day,
        denied: d.denied,
        failedLogins: d.failedLogins,
        accountChanges: d.accountChanges,
      })),
    },
  };
}
