/**
 * Importing honours from Excel or CSV (表彰导入): columns 年度, 表彰类型 (its name or code), 组织编码 (the
 * honoured organisation, or the person's), 姓名, 职务, 文号, 表彰日期 and 备注. Every row is checked (the kind
 * known and its subject's fields right, the organisation known, a real date in the year or the next, no
 * record twice in the file or already recorded); a dry run answers what would be written and the row
 * errors; a real run writes every row and one audit event in one transaction — or, with any bad row,
 * nothing (IMPORT_INVALID with the row errors).
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { invalidFile, readRows } from '../organizations/import-file';
import { findOrganizationsByCodes } from '../organizations/queries';
import { HONOUR_PROBLEM_TEXT, honourProblems } from '../../../../shared/src/domain/honours';
import type { HonourImportResult } from '../../../../shared/src/contracts/honours';
import * as repo from './repo';

export const HONOUR_COLUMNS = {
  year: '年度',
  kind: '表彰类型',
  orgCode: '组织编码',
  personName: '姓名',
  position: '职务',
  documentNo: '文号',
  awardedOn: '表彰日期',
  note: '备注',
} as const;
type Column = keyof typeof HONOUR_COLUMNS;
const REQUIRED: Column[] = ['year', 'kind', 'orgCode', 'documentNo', 'awardedOn'];

interface Row {
  row: number;
  cells: Record<Column, string>;
}
interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** `2025/6/28`, `2025年6月28日` or a date cell's `2025-06-28` as `YYYY-MM-DD`. */
function dateText(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s.trim();
}

async function parse(file: { bytes: Buffer; filename: string }): Promise<Row[]> {
  let index: Record<Column, number> | null = null;
  const rows: Row[] = [];
  for await (const r of readRows(file.bytes, file.filename)) {
    const cells = r.cells.map((c) => c.trim());
    if (!index) {
      index = Object.fromEntries(
        Object.entries(HONOUR_COLUMNS).map(([k, h]) => [k, cells.indexOf(h)]),
      ) as Record<Column, number>;
      const missing = REQUIRED.filter((k) => index![k] < 0).map((k) => HONOUR_COLUMNS[k]);
      if (missing.length)
        throw invalidFile(
          'missing_columns',
          `表头缺少：${missing.join('、')}`,
          `Missing columns: ${missing.join(', ')}`,
        );
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    const at = index;
    const get = (k: Column) => (at[k] >= 0 ? (cells[at[k]] ?? '') : '');
    rows.push({
      row: r.row,
      cells: Object.fromEntries(Object.keys(HONOUR_COLUMNS).map((k) => [k, get(k as Column)])) as Record<
        Column,
        string
      >,
    });
  }
  if (!index) throw invalidFile('empty', '文件中没有内容', 'The file has no content');
  if (rows.length === 0) throw invalidFile('no_rows', '文件中没有数据行', 'The file has no data rows');
  return rows;
}

type Msg = { zh: string; en: string };
const MSG: Record<string, Msg> = {
  required: { zh: '此项必填', en: 'Required' },
  bad_year: { zh: '年度应为 2000–2100 的整数', en: 'The year must be a whole number 2000–2100' },
  unknown_kind: { zh: '没有这个表彰类型', en: 'No such honour kind' },
  unknown_org: { zh: '没有这个组织编码', en: 'No organisation has this code' },
  too_long: { zh: '内容过长', en: 'Too long' },
  duplicate_row: { zh: '与文件中前面的行重复', en: 'Repeats an earlier row of the file' },
  exists: { zh: '该表彰已记录，不能重复导入', en: 'This honour is already recorded' },
};

const LIMITS: Partial<Record<Column, number>> = { personName: 40, position: 60, documentNo: 100, note: 500 };

/** What checking the rows needs from the database, loaded once. */
interface Lookup {
  kinds: repo.HonourKindRow[];
  orgs: Awaited<ReturnType<typeof findOrganizationsByCodes>>;
  existing: Set<string>;
  seen: Set<string>;
}

type Report = (col: Column, code: string, m?: Msg) => void;

/** The row's own cells: required, lengths, the year, the kind and the organisation known. */
function checkCells(c: Record<Column, string>, look: Lookup, report: Report) {
  for (const k of REQUIRED) if (!c[k]) report(k, 'required');
  for (const [k, max] of Object.entries(LIMITS))
    if (c[k as Column].length > max!) report(k as Column, 'too_long');
  const year = /^\d{4}$/.test(c.year) ? Number(c.year) : NaN;
  if (c.year && !(year >= 2000 && year <= 2100)) report('year', 'bad_year');
  const kind = c.kind ? look.kinds.find((k) => k.code === c.kind || k.nameZh === c.kind) : undefined;
  if (c.kind && !kind) report('kind', 'unknown_kind');
  const org = c.orgCode ? look.orgs.get(c.orgCode) : undefined;
  if (c.orgCode && !org) report('orgCode', 'unknown_org');
  return { year, kind, org };
}

/** One row as a record to insert, or null with its errors reported. */
function checkRow(ctx: Ctx, r: Row, look: Lookup, report: Report): repo.NewHonourRow | null {
  const actor = requireActor(ctx);
  const c = r.cells;
  let bad = false;
  const say: Report = (col, code, m) => {
    bad = true;
    report(col, code, m);
  };
  const { year, kind, org } = checkCells(c, look, say);
  if (bad || !kind || !org) return null;
  const awardedOn = dateText(c.awardedOn);
  const input = {
    year,
    subject: kind.subject,
    personName: c.personName,
    personPosition: c.position,
    awardedOn,
  };
  for (const p of honourProblems(input))
    say(p === 'bad_date' || p === 'date_out_of_year' ? 'awardedOn' : 'personName', p, HONOUR_PROBLEM_TEXT[p]);
  if (bad) return null;
  const person = kind.subject === 'person' ? c.personName : null;
  const key = repo.honourKey({ kindCode: kind.code, year, organizationId: org.id, personName: person });
  if (look.seen.has(key)) say('orgCode', 'duplicate_row');
  else if (look.existing.has(key)) say('orgCode', 'exists');
  look.seen.add(key);
  if (bad) return null;
  return {
    year,
    kindCode: kind.code,
    subject: kind.subject,
    organizationId: org.id,
    unitId: org.unitId ?? org.id,
    personName: person,
    personPosition: person ? c.position || null : null,
    documentNo: c.documentNo,
    awardedOn,
    note: c.note || null,
    createdAt: ctx.now,
    createdBy: actor.userId,
    createdByName: actor.displayName,
  };
}

async function validate(db: DbOrTx, ctx: Ctx, rows: Row[]) {
  const orgs = await findOrganizationsByCodes(db, [
    ...new Set(rows.map((r) => r.cells.orgCode).filter(Boolean)),
  ]);
  const look: Lookup = {
    kinds: await repo.allKinds(db),
    orgs,
    existing: await repo.existingKeys(db, [...new Set([...orgs.values()].map((o) => o.id))]),
    seen: new Set(),
  };
  const errors: RowError[] = [];
  const values: repo.NewHonourRow[] = [];
  for (const r of rows) {
    const report: Report = (col, code, m = MSG[code]!) =>
      errors.push({
        row: r.row,
        column: HONOUR_COLUMNS[col],
        code,
        message: ctx.lang === 'en' ? m.en : m.zh,
      });
    const v = checkRow(ctx, r, look, report);
    if (v) values.push(v);
  }
  return { errors, values };
}

export async function importHonours(
  db: Db,
  ctx: Ctx,
  file: { bytes: Buffer; filename: string },
  dryRun: boolean,
): Promise<HonourImportResult> {
  const rows = await parse(file);
  if (dryRun) {
    const v = await validate(db, ctx, rows);
    return {
      dryRun: true,
      total: rows.length,
      created: v.errors.length ? 0 : v.values.length,
      errors: v.errors,
    };
  }
  try {
    return await db.transaction(async (tx) => {
      const v = await validate(tx, ctx, rows);
      if (v.errors.length > 0) throw new AppError('IMPORT_INVALID', [], { errors: v.errors });
      await repo.insertHonours(tx, v.values);
      await writeAudit(tx, ctx, {
        action: 'honours.import',
        objectType: 'honour',
        changes: { honours: { before: null, after: v.values.length } },
        detail: JSON.stringify({
          file: file.filename.slice(0, 200),
          total: rows.length,
          created: v.values.length,
        }),
      });
      return { dryRun: false, total: rows.length, created: v.values.length, errors: [] };
    });
  } catch (err) {
    // A concurrent write recorded one of the honours after validation: nothing was written.
    if (isUniqueViolation(err)) throw new AppError('HONOUR_EXISTS');
    throw err;
  }
}
