import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarDayProblem,
  calendarOf,
  chinaDateOf,
  endOfChinaDay,
  isCivilDate,
  isWorkingDay,
  repeatedDates,
  windowLastDay,
  type CalendarDay,
} from './working-days';

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
};
const holidays = (from: string, to: string, name: string): CalendarDay[] =>
  range(from, to).map((date) => ({ date, kind: 'holiday', name }));
const workday = (date: string, name: string): CalendarDay => ({ date, kind: 'workday', name });

/** The State Council's notices for 2024 and 2025 (国务院办公厅关于部分节假日安排的通知). */
const cal = calendarOf([
  ...holidays('2024-01-01', '2024-01-01', '元旦'),
  ...holidays('2024-02-10', '2024-02-17', '春节'),
  workday('2024-02-04', '春节'),
  workday('2024-02-18', '春节'),
  ...holidays('2024-09-15', '2024-09-17', '中秋节'),
  workday('2024-09-14', '中秋节'),
  ...holidays('2024-10-01', '2024-10-07', '国庆节'),
  workday('2024-09-29', '国庆节'),
  workday('2024-10-12', '国庆节'),
  ...holidays('2025-01-01', '2025-01-01', '元旦'),
  ...holidays('2025-01-28', '2025-02-04', '春节'),
  workday('2025-01-26', '春节'),
  workday('2025-02-08', '春节'),
  ...holidays('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  workday('2025-09-28', '国庆节、中秋节'),
  workday('2025-10-11', '国庆节、中秋节'),
]);
const none = calendarOf([]);

describe('isWorkingDay', () => {
  it.each([
    ['2024-09-27', true, 'Friday before National Day'],
    ['2024-09-28', false, 'Saturday'],
    ['2024-09-29', true, 'Sunday worked instead (调休)'],
    ['2024-10-01', false, 'National Day'],
    ['2024-10-07', false, 'Monday inside the holiday'],
    ['2024-10-08', true, 'first day back'],
    ['2024-10-12', true, 'Saturday worked instead (调休)'],
    ['2024-10-13', false, 'Sunday'],
    ['2025-01-26', true, 'Sunday worked before Spring Festival'],
    ['2025-01-28', false, 'New Year’s Eve (除夕)'],
    ['2025-02-04', false, 'last day of Spring Festival (Tuesday)'],
    ['2025-02-08', true, 'Saturday worked after Spring Festival'],
    ['2025-02-09', false, 'Sunday'],
  ])('%s → %s (%s)', (date, want) => {
    expect(isWorkingDay(date, cal)).toBe(want);
  });
});

describe('addWorkingDays (hand-computed)', () => {
  it.each([
    // National Day 2024: 9-29 (Sun) and 10-12 (Sat) worked, 10-01..10-07 off.
    ['2024-09-27', 0, '2024-09-27'],
    ['2024-09-27', 1, '2024-09-29'],
    ['2024-09-27', 2, '2024-09-30'],
    ['2024-09-27', 3, '2024-10-08'],
    ['2024-09-30', 1, '2024-10-08'],
    ['2024-09-30', 5, '2024-10-12'],
    ['2024-10-10', 2, '2024-10-12'],
    ['2024-10-10', 3, '2024-10-14'],
    ['2024-10-03', 1, '2024-10-08'],
    // Mid-Autumn 2024: 9-14 (Sat) worked, 9-15..9-17 off.
    ['2024-09-13', 1, '2024-09-14'],
    ['2024-09-14', 1, '2024-09-18'],
    // Spring Festival 2025: 1-26 (Sun) and 2-08 (Sat) worked, 1-28..2-04 off.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-24', 2, '2025-01-27'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-02-06', 2, '2025-02-08'],
    ['2025-02-06', 3, '2025-02-10'],
    // Spring Festival 2024: 2-04 (Sun) and 2-18 (Sun) worked, 2-10..2-17 off.
    ['2024-02-08', 1, '2024-02-09'],
    ['2024-02-09', 1, '2024-02-18'],
    ['2024-02-18', 1, '2024-02-19'],
    // Across the year: 2025-01-01 off.
    ['2024-12-31', 1, '2025-01-02'],
    ['2024-12-27', 3, '2025-01-02'],
  ])('%s + %i → %s', (date, n, want) => {
    expect(addWorkingDays(date, n, cal)).toBe(want);
  });

  it('counts weekends only without a calendar', () => {
    expect(addWorkingDays('2024-09-27', 1, none)).toBe('2024-09-30');
    expect(addWorkingDays('2024-09-27', 5, none)).toBe('2024-10-04');
  });

  it('refuses a negative or fractional count and a bad date', () => {
    expect(() => addWorkingDays('2024-09-27', -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-09-27', 1.5, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-02-30', 1, cal)).toThrow(RangeError);
  });
});

describe('windowLastDay: the default publicity window of 5 working days', () => {
  it.each([
    // Fri 9-27: 9-27, 9-29 (Sun worked), 9-30, 10-08, 10-09.
    ['2024-09-27', 5, '2024-10-09'],
    // Starting on a holiday: 10-08 … 10-12 (Sat worked).
    ['2024-10-03', 5, '2024-10-12'],
    // Fri 1-24: 1-24, 1-26 (Sun worked), 1-27, 2-05, 2-06.
    ['2025-01-24', 5, '2025-02-06'],
    // Mon 2-03 inside Spring Festival: 2-05, 2-06, 2-07, 2-08 (Sat worked), 2-10.
    ['2025-02-03', 5, '2025-02-10'],
    // National Day 2025 (10-01..10-08 off, 9-28 Sun worked): Fri 9-26, 9-28, 9-29, 9-30, 10-09.
    ['2025-09-26', 5, '2025-10-09'],
    ['2024-09-27', 1, '2024-09-27'],
    ['2024-09-28', 1, '2024-09-29'],
  ])('from %s for %i → %s', (start, n, want) => {
    expect(windowLastDay(start, n, cal)).toBe(want);
  });

  it('refuses an empty window', () => {
    expect(() => windowLastDay('2024-09-27', 0, cal)).toThrow(RangeError);
  });
});

describe('China dates', () => {
  it('takes the date in Asia/Shanghai', () => {
    expect(chinaDateOf(new Date('2024-09-26T15:59:59Z'))).toBe('2024-09-26');
    expect(chinaDateOf(new Date('2024-09-26T16:00:00Z'))).toBe('2024-09-27');
  });
  it('ends a day at the next midnight in China', () => {
    expect(endOfChinaDay('2024-10-09').toISOString()).toBe('2024-10-09T16:00:00.000Z');
    expect(endOfChinaDay('2024-12-31').toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });
});

describe('calendar days', () => {
  it('checks dates and make-up days', () => {
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2025-02-29')).toBe(false);
    expect(calendarDayProblem({ date: '2025-02-29', kind: 'holiday' })).toBe('bad_date');
    expect(calendarDayProblem({ date: '2024-10-12', kind: 'workday' })).toBeNull();
    expect(calendarDayProblem({ date: '2024-10-11', kind: 'workday' })).toBe('workday_not_weekend');
    expect(calendarDayProblem({ date: '2024-10-05', kind: 'holiday' })).toBeNull();
    expect(calendarDayProblem({ date: '2024-10-01', kind: 'holiday' }, 2025)).toBe('wrong_year');
  });
  it('finds repeated dates', () => {
    expect(
      repeatedDates([
        { date: '2024-10-01' },
        { date: '2024-10-12' },
        { date: '2024-10-01' },
        { date: '2024-09-29' },
        { date: '2024-09-29' },
      ]),
    ).toEqual(['2024-09-29', '2024-10-01']);
  });
});
