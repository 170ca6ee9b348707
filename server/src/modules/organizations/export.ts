/**
 * The organisation export: the list's filters within the caller's scope, in tree order, as an .xlsx in
 * the import template's columns (so it can be imported again unchanged) plus the unit name and whether
 * it is active. Rows are read in batches and written with exceljs's streaming writer: 100k rows are
 * never held in memory at once. Phones are masked for roles outside PII_READERS; an unmasked export needs
 * a stated purpose (PI-02: `purpose`, recorded in the audit event).
 */
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { exportPurpose } from '../../core/export-purpose';
import { writeAudit } from '../audit/write';
import { attachment } from '../../core/http-files';
import { chinaDate } from '../../core/time';
import { streamFrom, writeXlsxSheet } from '../../core/xlsx';
import { IMPORT_COLUMNS } from '../../../../shared/src/contracts/organizations';
import {
  EXPORT_EXTRA_COLUMNS,
  ORG_KIND_LABELS,
  type OrgExportQuery,
} from '../../../../shared/src/contracts/organization-import';
import { PII_READERS } from '../../../../shared/src/domain/permissions';
import { maskPhone } from '../../../../shared/src/domain/mask';
import { exportBatch, exportWhere, type ExportRow } from './import-repo';

export const EXPORT_SHEET = '党组织';
const BATCH = 2000;

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

async function writeXlsx(db: Db, out: Writable, where: ReturnType<typeof exportWhere>, mask: boolean) {
  const sheet = {
    name: EXPORT_SHEET,
    widths: [16, 32, 16, 10, 16, 10, 10, 16, 10, 28, 10],
    header: [...IMPORT_COLUMNS.map((c) => c.zh), ...EXPORT_EXTRA_COLUMNS.map((c) => c.zh)],
  };
  await writeXlsxSheet(out, sheet, async (addRow) => {
    let after: string | null = null;
    for (;;) {
      const rows = await exportBatch(db, where, after, BATCH);
      for (const r of rows) addRow(cells(r, mask));
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.path;
    }
  });
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
  const { purpose, ...filters } = query;
  const stated = exportPurpose(!mask, purpose);
  await writeAudit(db, ctx, {
    action: 'organizations.export',
    objectType: 'organization',
    detail: JSON.stringify({
      ...filters,
      format: 'xlsx',
      masked: mask,
      ...(stated === null ? {} : { purpose: stated }),
    }),
  });
  const out = streamFrom((o) => writeXlsx(db, o, where, mask), onError);
  const date = chinaDate(ctx.now);
  return { stream: out, disposition: attachment(`党组织-${date}.xlsx`, `organizations-${date}.xlsx`) };
}
