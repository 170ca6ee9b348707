/**
 * The working-day calendar (工作日历) the committee maintains: China's statutory holidays (法定节假日) and
 * the make-up working days (调休上班, usually a Saturday or Sunday) of each year. A day is a working day
 * when it is a make-up day, or a Monday to Friday that is not a holiday. Dates are civil dates in China
 * (Asia/Shanghai, UTC+8 all year, no daylight saving) written `YYYY-MM-DD`; pure, no I/O.
 */

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
/** `holiday`: a day off (放假); `workday`: a weekend day worked instead (调休上班). */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  /** The holiday it belongs to, e.g. 国庆节. */
  name: string;
}

export interface WorkingDayCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** Whether `s` is a real calendar date `YYYY-MM-DD` (2026-02-30 is not). */
export function isCivilDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function toUtcMs(date: string): number {
  if (!isCivilDate(date)) throw new RangeError(`not a date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}
const fromUtcMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
}
export const isWeekend = (date: string): boolean => [0, 6].includes(weekday(date));

export function calendarOf(days: readonly Pick<CalendarDay, 'date' | 'kind'>[]): WorkingDayCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
  };
}

export function isWorkingDay(date: string, cal: WorkingDayCalendar): boolean {
  if (cal.workdays.has(date)) return true;
  return !isWeekend(date) && !cal.holidays.has(date);
}

/** The date `n` (≥ 0) working days after `date`; `date` itself is not counted (n = 0 gives `date`). */
export function addWorkingDays(date: string, n: number, cal: WorkingDayCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let ms = toUtcMs(date);
  for (let left = n; left > 0;) {
    ms += DAY_MS;
    if (isWorkingDay(fromUtcMs(ms), cal)) left -= 1;
  }
  return fromUtcMs(ms);
}

/**
 * The last day of a window of `n` (≥ 1) working days that starts on `start`: `start` counts as the first
 * when it is a working day, else the window starts on the next working day.
 */
export function windowLastDay(start: string, n: number, cal: WorkingDayCalendar): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a window has at least one working day: ${n}`);
  return isWorkingDay(start, cal) ? addWorkingDays(start, n - 1, cal) : addWorkingDays(start, n, cal);
}

/** The civil date in China of an instant. */
export function chinaDateOf(instant: Date): string {
  return fromUtcMs(instant.getTime() + CHINA_OFFSET_MS);
}

/** The instant the China day `date` starts (its 00:00 in China), e.g. 2024-10-09 → 2024-10-08T16:00Z. */
export function startOfChinaDay(date: string): Date {
  return new Date(toUtcMs(date) - CHINA_OFFSET_MS);
}

/** The instant the China day `date` ends (the next day's 00:00 in China), e.g. 2024-10-09 → 2024-10-09T16:00Z. */
export function endOfChinaDay(date: string): Date {
  return new Date(toUtcMs(date) + DAY_MS - CHINA_OFFSET_MS);
}

export type CalendarProblem = 'bad_date' | 'workday_not_weekend' | 'both_kinds' | 'wrong_year';

export const CALENDAR_PROBLEM_TEXT: Record<CalendarProblem, { zh: string; en: string }> = {
  bad_date: { zh: '日期无效，应为 YYYY-MM-DD', en: 'Not a date (YYYY-MM-DD)' },
  workday_not_weekend: {
    zh: '调休上班日应为周六或周日',
    en: 'A make-up working day must be a Saturday or Sunday',
  },
  both_kinds: { zh: '同一天不能既放假又调休上班', en: 'A day cannot be both a holiday and a working day' },
  wrong_year: { zh: '日期不在所导入的年份内', en: 'The date is not in the year being imported' },
};

/** What is wrong with one day of a year's calendar (`year` when the day must lie in it), or null. */
export function calendarDayProblem(
  day: Pick<CalendarDay, 'date' | 'kind'>,
  year?: number,
): CalendarProblem | null {
  if (!isCivilDate(day.date)) return 'bad_date';
  if (year !== undefined && Number(day.date.slice(0, 4)) !== year) return 'wrong_year';
  if (day.kind === 'workday' && !isWeekend(day.date)) return 'workday_not_weekend';
  return null;
}

/** The dates that appear more than once in a list of days (as holiday and workday, or twice). */
export function repeatedDates(days: readonly Pick<CalendarDay, 'date'>[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const d of days) (seen.has(d.date) ? twice : seen).add(d.date);
  return [...twice].sort();
}
