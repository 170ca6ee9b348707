/**
 * The application list as .xlsx, with the list's filters and sort kept, within the caller's export
 * scope. The matching ids are read once in order (at most 100,000), then rows in batches, written with
 * exceljs's streaming writer so memory stays flat. A cut export says so in its last row.
 */
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { writeAudit } from '../audit/write';
import { attachment } from '../../core/http-files';
import { chinaDate, chinaTime } from '../../core/time';
import { streamFrom, writeXlsxSheet } from '../../core/xlsx';
import {
  APPLICATION_EXPORT_HEADERS,
  APPLICATION_STATUS_LABELS,
  type ApplicationExportQuery,
} from '../../../../shared/src/contracts/applications';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import { countApplications, exportRows, matchingIds, type ExportRow } from './list-repo';

export const EXPORT_SHEET = '申报';
export const EXPORT_MAX_ROWS = 100_000;
const BATCH = 2000;

function cells(r: ExportRow, n: number): (string | number)[] {
  return [
    n,
    r.campaignName,
    r.trackNameZh,
    r.orgName,
    r.orgCode,
    ORG_KIND_LABELS[r.orgKind],
    r.unitName,
    r.venueName ?? '',
    r.brandName ?? '',
    APPLICATION_STATUS_LABELS[r.status].zh,
    r.unitRank ?? '',
    r.unitOpinion ?? '',
    chinaTime(r.submittedAt),
    chinaTime(r.recommendedAt),
    chinaTime(r.acceptedAt),
    chinaTime(r.updatedAt),
  ];
}

async function writeXlsx(db: Db, out: Writable, ids: string[], total: number): Promise<void> {
  const sheet = {
    name: EXPORT_SHEET,
    widths: [6, 28, 20, 32, 14, 10, 28, 20, 24, 12, 12, 40, 18, 18, 18, 18],
    header: APPLICATION_EXPORT_HEADERS,
  };
  await writeXlsxSheet(out, sheet, async (addRow) => {
    let n = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      for (const r of await exportRows(db, ids.slice(i, i + BATCH))) addRow(cells(r, ++n));
    }
    if (total > ids.length)
      addRow([
        `仅导出前 ${ids.length} 条，共 ${total} 条符合条件，请缩小筛选范围分批导出` +
          ` (only the first ${ids.length} of ${total}; narrow the filters)`,
      ]);
  });
}

export interface ApplicationExport {
  stream: Readable;
  disposition: string;
}

/**
 * Resolves the scope, reads the matching ids and audits the export before the first byte; a failure
 * while streaming ends the stream with an error.
 */
export async function exportApplications(
  db: Db,
  ctx: Ctx,
  query: ApplicationExportQuery,
  onError: (err: unknown) => void,
): Promise<ApplicationExport> {
  const scope = scopeOf(requireActor(ctx), 'applications.export');
  let ids = await matchingIds(db, scope, query, EXPORT_MAX_ROWS + 1);
  let total = ids.length;
  if (ids.length > EXPORT_MAX_ROWS) {
    ids = ids.slice(0, EXPORT_MAX_ROWS);
    total = await countApplications(db, scope, query);
  }
  await writeAudit(db, ctx, {
    action: 'applications.export',
    objectType: 'application',
    detail: JSON.stringify({ ...query, rows: ids.length, format: 'xlsx' }),
  });
  const out = streamFrom((o) => writeXlsx(db, o, ids, total), onError);
  const date = chinaDate(ctx.now);
  return { stream: out, disposition: attachment(`申报-${date}.xlsx`, `applications-${date}.xlsx`) };
}
