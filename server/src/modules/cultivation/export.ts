/**
 * The cultivation export (培育库.xlsx): the list's filters within the caller's scope, Chinese headers,
 * milestones done/total and the readiness percentage. Rows are read in pages and written with exceljs's
 * streaming writer. The export is audited before the first byte.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client';
import { scopeOf, type Ctx, type Scope } from '../../http/context';
import { writeAudit } from '../audit/write';
import { attachment } from '../organizations/export';
import {
  CULTIVATION_EXPORT_HEADERS,
  CULTIVATION_STATUS_LABELS,
  type Cultivation,
  type CultivationExportQuery,
} from '../../../../shared/src/contracts/cultivation';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import { listCultivations } from './repo';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_SHEET = '培育库';
const PAGE = 500;

/** The time in China (UTC+8) as `YYYY-MM-DD HH:mm`. */
function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function cells(c: Cultivation): (string | number)[] {
  return [
    c.unitName ?? '',
    c.trackNameZh,
    c.subjectName,
    c.organizationName,
    ORG_KIND_LABELS[c.orgKind],
    CULTIVATION_STATUS_LABELS[c.status].zh,
    c.plan ?? '',
    `${c.milestonesDone}/${c.milestonesTotal}`,
    c.readinessPercentage ?? '',
    chinaTime(c.updatedAt),
  ];
}

async function writeXlsx(db: Db, out: PassThrough, scope: Scope, query: CultivationExportQuery) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Shifan';
  const ws = wb.addWorksheet(EXPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [28, 22, 32, 32, 10, 10, 60, 16, 14, 18].map((width) => ({ width }));
  const header = ws.addRow([...CULTIVATION_EXPORT_HEADERS]);
  header.font = { bold: true };
  header.commit();
  for (let page = 1; ; page++) {
    const { items } = await listCultivations(
      db,
      scope,
      { ...query, sort: query.sort ?? 'unitName', page, pageSize: PAGE },
      { count: false },
    );
    for (const c of items) ws.addRow(cells(c)).commit();
    if (items.length < PAGE) break;
  }
  ws.commit();
  await wb.commit();
}

export async function exportCultivations(
  db: Db,
  ctx: Ctx,
  query: CultivationExportQuery,
  onError: (err: unknown) => void,
): Promise<{ stream: Readable; disposition: string }> {
  const scope = scopeOf(ctx.actor, 'cultivation.read');
  await writeAudit(db, ctx, {
    action: 'cultivations.export',
    objectType: 'cultivation',
    detail: JSON.stringify({ ...query, format: 'xlsx' }),
  });
  const out = new PassThrough();
  writeXlsx(db, out, scope, query).catch((err: unknown) => {
    onError(err);
    out.destroy(err as Error);
  });
  const date = new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return { stream: out, disposition: attachment(`培育库-${date}.xlsx`, `cultivations-${date}.xlsx`) };
}
