/**
 * The demo's working-day calendar (pure): China's statutory holidays and make-up working days as the
 * State Council's yearly notices (国务院办公厅关于…年部分节假日安排的通知) announced them, as the committee
 * would import them (日期, 类型, 名称) before publishing a list. A demo year the table does not know gets
 * only the holidays fixed in the solar calendar (the lunar ones and the make-up days are announced each
 * November): enough for the closed years' windows in September, and the demo still builds.
 */
import type { CalendarDay } from '../../../shared/src/domain/working-days';

const DAY_MS = 86_400_000;

/** `from`..`to` (YYYY-MM-DD, both included) off for `name`. */
function off(from: string, to: string, name: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    days.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  return days;
}
const worked = (dates: string[], name: string): CalendarDay[] =>
  dates.map((date) => ({ date, kind: 'workday', name }));

/** The official arrangements, by year (国办发明电〔2023〕7号, 〔2024〕12号, 〔2025〕7号). */
export const HOLIDAY_ARRANGEMENTS: Readonly<Record<number, readonly CalendarDay[]>> = {
  2024: [
    ...off('2024-01-01', '2024-01-01', '元旦'),
    ...off('2024-02-10', '2024-02-17', '春节'),
    ...worked(['2024-02-04', '2024-02-18'], '春节'),
    ...off('2024-04-04', '2024-04-06', '清明节'),
    ...worked(['2024-04-07'], '清明节'),
    ...off('2024-05-01', '2024-05-05', '劳动节'),
    ...worked(['2024-04-28', '2024-05-11'], '劳动节'),
    ...off('2024-06-10', '2024-06-10', '端午节'),
    ...off('2024-09-15', '2024-09-17', '中秋节'),
    ...worked(['2024-09-14'], '中秋节'),
    ...off('2024-10-01', '2024-10-07', '国庆节'),
    ...worked(['2024-09-29', '2024-10-12'], '国庆节'),
  ],
  2025: [
    ...off('2025-01-01', '2025-01-01', '元旦'),
    ...off('2025-01-28', '2025-02-04', '春节'),
    ...worked(['2025-01-26', '2025-02-08'], '春节'),
    ...off('2025-04-04', '2025-04-06', '清明节'),
    ...off('2025-05-01', '2025-05-05', '劳动节'),
    ...worked(['2025-04-27'], '劳动节'),
    ...off('2025-05-31', '2025-06-02', '端午节'),
    ...off('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ...worked(['2025-09-28', '2025-10-11'], '国庆节、中秋节'),
  ],
  2026: [
    ...off('2026-01-01', '2026-01-03', '元旦'),
    ...worked(['2026-01-04'], '元旦'),
    ...off('2026-02-15', '2026-02-23', '春节'),
    ...worked(['2026-02-14', '2026-02-28'], '春节'),
    ...off('2026-04-04', '2026-04-06', '清明节'),
    ...off('2026-05-01', '2026-05-05', '劳动节'),
    ...worked(['2026-05-09'], '劳动节'),
    ...off('2026-06-19', '2026-06-21', '端午节'),
    ...off('2026-09-25', '2026-09-27', '中秋节'),
    ...off('2026-10-01', '2026-10-07', '国庆节'),
    ...worked(['2026-09-20', '2026-10-10'], '国庆节'),
  ],
};

/** A year's days: the official arrangement, or the solar-calendar holidays of the 2024 rules. */
export function holidaysOf(year: number): { days: CalendarDay[]; official: boolean } {
  const known = HOLIDAY_ARRANGEMENTS[year];
  if (known) return { days: [...known], official: true };
  return {
    days: [
      ...off(`${year}-01-01`, `${year}-01-01`, '元旦'),
      ...off(`${year}-05-01`, `${year}-05-02`, '劳动节'),
      ...off(`${year}-10-01`, `${year}-10-03`, '国庆节'),
    ],
    official: false,
  };
}

const KIND_ZH = { holiday: '放假', workday: '调休上班' } as const;

/** The import file the committee would upload: a CSV with the header 日期,类型,名称. */
export function calendarCsv(days: readonly CalendarDay[]): Buffer {
  const lines = ['日期,类型,名称', ...days.map((d) => `${d.date},${KIND_ZH[d.kind]},${d.name}`)];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}
