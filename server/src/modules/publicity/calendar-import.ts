/**
 * Importing a year's statutory holidays (法定节假日安排) from Excel or CSV: columns 日期, 类型 (放假 or
 * 调休上班) and 名称. Every row is checked (a date of that year, a make-up day on a weekend, no date
 * twice); a dry run answers what would be written; a real run replaces the year's days and writes one
 * audit event in one transaction — or, with any bad row, nothing (IMPORT_INVALID with the row errors).
 */
import type { Db } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { invalidFile, readRows } from '../organizations/import-file';
import {
  CALENDAR_PROBLEM_TEXT,
  calendarDayProblem,
  repeatedDates,
  type CalendarDay,
  type CalendarDayKind,
} from '../../../../shared/src/domain/working-days';
import * as repo from './repo';

const COLUMNS = { date: '日期', kind: '类型', name: '名称' } as const;
const KINDS: Record<string, CalendarDayKind> = {
  放假: 'holiday',
  休息: 'holiday',
  holiday: 'holiday',
  调休上班: 'workday',
  上班: 'workday',
  workday: 'workday',
};

interface Row {
  row: number;
  date: string;
  kind: CalendarDayKind | null;
  name: string;
}
interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** `2026/10/1`, `2026-10-01` or a date cell's `2026-10-01T…` as `YYYY-MM-DD`. */
function dateText(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/.exec(s.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s.trim();
}

async function parse(file: { bytes: Buffer; filename: string }): Promise<Row[]> {
  let index: Record<keyof typeof COLUMNS, number> | null = null;
  const rows: Row[] = [];
  for await (const r of readRows(file.bytes, file.filename)) {
    const cells = r.cells.map((c) => c.trim());
    if (!index) {
      const at = (k: keyof typeof COLUMNS) => cells.indexOf(COLUMNS[k]);
      if (at('date') < 0 || at('kind') < 0)
        throw invalidFile(
          'missing_columns',
          '表头须包含“日期”和“类型”两列',
          'The header must have 日期 and 类型',
        );
      index = { date: at('date'), kind: at('kind'), name: at('name') };
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    rows.push({
      row: r.row,
      date: dateText(cells[index.date] ?? ''),
      kind: KINDS[cells[index.kind] ?? ''] ?? null,
      name: (index.name >= 0 ? cells[index.name] : '') || '',
    });
  }
  if (!index) throw invalidFile('empty', '文件中没有内容', 'The file has no content');
  if (rows.length === 0) throw invalidFile('no_rows', '文件中没有数据行', 'The file has no data rows');
  return rows;
}

function validate(ctx: Ctx, year: number, rows: Row[]): { errors: RowError[]; days: CalendarDay[] } {
  const t = (m: { zh: string; en: string }) => (ctx.lang === 'en' ? m.en : m.zh);
  const errors: RowError[] = [];
  const twice = new Set(repeatedDates(rows));
  for (const r of rows) {
    if (!r.kind) {
      errors.push({
        row: r.row,
        column: COLUMNS.kind,
        code: 'bad_kind',
        message: t({ zh: '类型应为“放假”或“调休上班”', en: 'The kind must be 放假 or 调休上班' }),
      });
      continue;
    }
    const problem =
      calendarDayProblem({ date: r.date, kind: r.kind }, year) ?? (twice.has(r.date) ? 'both_kinds' : null);
    if (problem)
      errors.push({
        row: r.row,
        column: problem === 'workday_not_weekend' ? COLUMNS.kind : COLUMNS.date,
        code: problem,
        message: t(CALENDAR_PROBLEM_TEXT[problem]),
      });
  }
  const days = rows.map((r) => ({
    date: r.date,
    kind: r.kind!,
    name: r.name || (r.kind === 'holiday' ? '节假日' : '调休上班'),
  }));
  return { errors, days };
}

export async function importYear(
  db: Db,
  ctx: Ctx,
  year: number,
  file: { bytes: Buffer; filename: string },
  dryRun: boolean,
): Promise<{ dryRun: boolean; year: number; holidays: number; workdays: number; replaced: number }> {
  const actor = requireActor(ctx);
  const v = validate(ctx, year, await parse(file));
  if (v.errors.length > 0) throw new AppError('IMPORT_INVALID', [], { errors: v.errors });
  const counts = {
    year,
    holidays: v.days.filter((d) => d.kind === 'holiday').length,
    workdays: v.days.filter((d) => d.kind === 'workday').length,
  };
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  if (dryRun) return { dryRun: true, ...counts, replaced: (await repo.calendarBetween(db, from, to)).length };
  return db.transaction(async (tx) => {
    await repo.lockCalendar(tx);
    const replaced = (await repo.calendarBetween(tx, from, to)).length;
    await repo.replaceYear(
      tx,
      year,
      v.days.map((d) => ({ ...d, updatedAt: ctx.now, updatedBy: actor.userId })),
    );
    await writeAudit(tx, ctx, {
      action: 'calendar.import',
      objectType: 'calendar_day',
      objectId: String(year),
      changes: { days: { before: replaced, after: v.days.length } },
      detail: `${file.filename}: ${counts.holidays} holidays, ${counts.workdays} workdays`,
    });
    return { dryRun: false, ...counts, replaced };
  });
}
