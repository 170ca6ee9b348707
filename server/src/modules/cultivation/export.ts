/**
 * The cultivation export (培育库.xlsx): the list's filters within the caller's scope, Chinese headers,
 * milestones done/total and the readiness percentage. Rows are read in pages and written with exceljs's
 * streaming writer. The export is audited before the first byte.
 */
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../db/client';
import { scopeOf, type Ctx, type Scope } from '../../core/context';
import { writeAudit } from '../audit/write';
import { attachment } from '../../core/http-files';
import { chinaDate, chinaDay, chinaTime } from '../../core/time';
import { streamFrom, writeXlsxSheet } from '../../core/xlsx';
import {
  CULTIVATION_EXPORT_HEADERS,
  CULTIVATION_STATUS_LABELS,
  type Cultivation,
  type CultivationExportQuery,
} from '../../../../shared/src/contracts/cultivation';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import { listCultivations } from './repo';

export const EXPORT_SHEET = '培育库';
const PAGE = 500;

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

async function writeXlsx(
  db: Db,
  out: Writable,
  scope: Scope,
  query: CultivationExportQuery & { today: string },
) {
  const sheet = {
    name: EXPORT_SHEET,
    widths: [28, 22, 32, 32, 10, 10, 60, 16, 14, 18],
    header: CULTIVATION_EXPORT_HEADERS,
  };
  await writeXlsxSheet(out, sheet, async (addRow) => {
    for (let page = 1; ; page++) {
      const { items } = await listCultivations(
        db,
        scope,
        { ...query, sort: query.sort ?? 'unitName', page, pageSize: PAGE },
        { count: false },
      );
      for (const c of items) addRow(cells(c));
      if (items.length < PAGE) break;
    }
  });
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
  const filters = { ...query, today: chinaDay(ctx.now) };
  const out = streamFrom((o) => writeXlsx(db, o, scope, filters), onError);
  const date = chinaDate(ctx.now);
  return { stream: out, disposition: attachment(`培育库-${date}.xlsx`, `cultivations-${date}.xlsx`) };
}
