/**
 * The organisation export: the list's filters within the caller's scope, in tree order, as an .xlsx in
 * the import template's columns (so it can be imported again unchanged) plus the unit name and whether
 * it is active. Rows are read in batches and written with exceljs's streaming writer: 100k rows are
 * never held in memory at once. Phones are masked for roles outside PII_READERS.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../http/context';
import { writeAudit } from '../audit/write';
import { IMPORT_COLUMNS } from '../../../../shared/src/contracts/organizations';
import {
  EXPORT_EXTRA_COLUMNS,
  ORG_KIND_LABELS,
  type OrgExportQuery,
} from '../../../../shared/src/contracts/organization-import';
import { PII_READERS } from '../../../../shared/src/domain/permissions';
import { maskPhone } from '../../../../shared/src/domain/mask';
import { exportBatch, exportWhere, type ExportRow } from './import-repo';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_SHEET = '党组织';
const BATCH = 2000;

/** `attachment; filename="<ascii>"; filename*=UTF-8''<utf-8>` (RFC 6266 / 5987). */
export function attachment(utf8Name: string, asciiName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

/** The date in China (UTC+8) as YYYYMMDD, for file names. */
function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

function cells(r: ExportRow, mask: boolean): (string | number)[] {
  return [
    r.code,
    r.name,
    r.shortName ?? '',
    ORG_KIND_LABELS[r.kind],
    r.parentCode ?? '',
    r.secretary ?? '',
    r.contactName ?? '',
    (mask ? maskPhone(r.contactPhone) : r.contactPhone) ?? '',
    r.memberCount,
    r.unitName ?? '',
    r.active ? '是' : '否',
  ];
}

async function writeXlsx(db: Db, out: PassThrough, where: ReturnType<typeof exportWhere>, mask: boolean) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Shifan';
  const ws = wb.addWorksheet(EXPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [16, 32, 16, 10, 16, 10, 10, 16, 10, 28, 10].map((width) => ({ width }));
  const header = ws.addRow([...IMPORT_COLUMNS.map((c) => c.zh), ...EXPORT_EXTRA_COLUMNS.map((c) => c.zh)]);
  header.font = { bold: true };
  header.commit();
  let after: string | null = null;
  for (;;) {
    const rows = await exportBatch(db, where, after, BATCH);
    for (const r of rows) ws.addRow(cells(r, mask)).commit();
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.path;
  }
  ws.commit();
  await wb.commit();
}

export interface OrgExport {
  stream: Readable;
  disposition: string;
}

/**
 * Starts the export and returns the stream to send. The scope is resolved and the export audited
 * before the first byte; a database failure later ends the stream with an error.
 */
export async function exportOrganizations(
  db: Db,
  ctx: Ctx,
  query: OrgExportQuery,
  onError: (err: unknown) => void,
): Promise<OrgExport> {
  const actor = requireActor(ctx);
  const where = exportWhere(scopeOf(actor, 'organizations.export'), query);
  const mask = !PII_READERS.includes(actor.role);
  await writeAudit(db, ctx, {
    action: 'organizations.export',
    objectType: 'organization',
    detail: JSON.stringify({ ...query, format: 'xlsx' }),
  });
  const out = new PassThrough();
  writeXlsx(db, out, where, mask).catch((err: unknown) => {
    onError(err);
    out.destroy(err as Error);
  });
  const date = chinaDate(ctx.now);
  return { stream: out, disposition: attachment(`党组织-${date}.xlsx`, `organizations-${date}.xlsx`) };
}
