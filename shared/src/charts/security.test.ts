import { describe, expect, it } from 'vitest';
import { auditTrend } from './security';

const days = [
  { day: '2026-11-27', denied: 0, failedLogins: 2, accountChanges: 0 },
  { day: '2026-11-28', denied: 1, failedLogins: 0, accountChanges: 3 },
  { day: '2026-11-29', denied: 4, failedLogins: 1, accountChanges: 2 },
];

describe('auditTrend', () => {
  it('says the week’s totals and today’s counts in words, in both languages', () => {
    expect(auditTrend(days).ariaLabel).toBe(
      '近 7 天安全事件：被拒绝的请求 5 次，登录失败 3 次，账号与角色变更 5 次；今日分别为 4、1、2。',
    );
    expect(auditTrend(days, 'en').ariaLabel).toBe(
      'Security events, last 7 days: Denied requests 5, Failed logins 3, Account changes 5; today 4, 1, 2.',
    );
  });

  it('draws one bar series per count over the days, and the same numbers as a table', () => {
    const spec = auditTrend(days);
    const option = spec.option as {
      xAxis: { data: string[] };
      series: { name: string; data: number[] }[];
    };
    expect(option.xAxis.data).toEqual(['11-27', '11-28', '11-29']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['被拒绝的请求', [0, 1, 4]],
      ['登录失败', [2, 0, 1]],
      ['账号与角色变更', [0, 3, 2]],
    ]);
    expect(spec.table.rows).toEqual(days);
    expect((auditTrend(days, 'en').option as { xAxis: { data: string[] } }).xAxis.data).toEqual([
      '11/27',
      '11/28',
      '11/29',
    ]);
  });
});
