/**
 * The working-day calendar the committee maintains (工作日历): a year's days, one day set or removed,
 * each change with its audit event in one transaction; and the calendar a window is computed with.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import type { CalendarYear, PutCalendarDay } from '../../../../shared/src/contracts/publicity';
import {
  CALENDAR_PROBLEM_TEXT,
  calendarDayProblem,
  calendarOf,
  type WorkingDayCalendar,
} from '../../../../shared/src/domain/working-days';
import * as repo from './repo';

export async function year(db: DbOrTx, y: number): Promise<CalendarYear> {
  return { year: y, days: await repo.calendarBetween(db, `${y}-01-01`, `${y}-12-31`) };
}

/** The calendar from `from` over the next `spanDays` days (enough for any window). */
export async function calendarFrom(db: DbOrTx, from: string, spanDays = 120): Promise<WorkingDayCalendar> {
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + spanDays * 86_400_000).toISOString().slice(0, 10);
  return calendarOf(await repo.calendarBetween(db, from, to));
}

export async function putDay(db: Db, ctx: Ctx, date: string, body: PutCalendarDay) {
  const actor = requireActor(ctx);
  const problem = calendarDayProblem({ date, kind: body.kind });
  if (problem) {
    const t = CALENDAR_PROBLEM_TEXT[problem];
    throw new AppError('VALIDATION_FAILED', [
      fieldError(problem === 'bad_date' ? 'date' : 'kind', problem, t.zh, t.en),
    ]);
  }
  return db.transaction(async (tx) => {
    const before = await repo.findDay(tx, date);
    await repo.upsertDay(tx, {
      date,
      kind: body.kind,
      name: body.name,
      updatedAt: ctx.now,
      updatedBy: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'calendar.update',
      objectType: 'calendar_day',
      objectId: date,
      changes: {
        [date]: {
          before: before ? `${before.kind} ${before.name}` : null,
          after: `${body.kind} ${body.name}`,
        },
      },
    });
    return year(tx, Number(date.slice(0, 4)));
  });
}

export async function deleteDay(db: Db, ctx: Ctx, date: string) {
  return db.transaction(async (tx) => {
    const before = await repo.findDay(tx, date);
    if (!before) throw new AppError('NOT_FOUND');
    await repo.deleteDay(tx, date);
    await writeAudit(tx, ctx, {
      action: 'calendar.delete',
      objectType: 'calendar_day',
      objectId: date,
      changes: { [date]: { before: `${before.kind} ${before.name}`, after: null } },
    });
    return year(tx, Number(date.slice(0, 4)));
  });
}

/** Refuses a window whose years have no day in the calendar: the committee has not entered their holidays. */
export async function assertCalendarCovers(db: DbOrTx, firstDay: string, lastDay: string): Promise<void> {
  const years = [...new Set([Number(firstDay.slice(0, 4)), Number(lastDay.slice(0, 4))])];
  const have = await repo.yearsWithDays(db, years);
  const missing = years.filter((y) => !have.has(y));
  if (missing.length)
    throw new AppError(
      'CALENDAR_MISSING',
      missing.map((y) =>
        fieldError(
          'calendar',
          'year_missing',
          `工作日历中没有 ${y} 年的节假日安排`,
          `The calendar has no holidays for ${y}`,
        ),
      ),
    );
}
