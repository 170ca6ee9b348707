/**
 * The organisation import: read the file, validate every row (against the file and the database),
 * then — unless it is a dry run — write all rows and one audit event in one transaction, or nothing.
 */
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { writeAudit } from '../audit/write';
import type { ImportResult } from '../../../../shared/src/contracts/organizations';
import { readRows, invalidFile } from './import-file';
import {
  localize,
  mapHeader,
  parseRow,
  sortIssues,
  type ColumnKey,
  type HeaderMap,
  type ImportRow,
  type RowIssue,
} from './import';
import { planImport, type PlannedOrg } from './import-plan';
import { childrenOf, findByCodes, insertOrganizations, rootCode, updateOrganizations } from './import-repo';
import { lockTree } from './repo';

export interface ImportFile {
  bytes: Buffer;
  filename: string;
}

export interface ImportOptions {
  dryRun: boolean;
}

const PREVIEW_ROWS = 50;

/** Reads and parses the file (no database): header, rows, and the rows' own field errors. */
export async function parseFile(
  file: ImportFile,
): Promise<{ header: HeaderMap; rows: ImportRow[]; issues: RowIssue[] }> {
  let header: HeaderMap | null = null;
  const rows: ImportRow[] = [];
  const issues: RowIssue[] = [];
  for await (const r of readRows(file.bytes, file.filename)) {
    if (!header) header = mapHeader(r.cells);
    else rows.push(parseRow(r, header, issues));
  }
  if (!header) throw invalidFile('empty', '文件中没有内容', 'The file has no content');
  if (rows.length === 0) throw invalidFile('no_rows', '文件中没有数据行', 'The file has no data rows');
  return { header, rows, issues };
}

interface Validation {
  issues: RowIssue[];
  /** The rows to write (none with an issue), parents first. */
  orgs: PlannedOrg[];
  /** Codes already in the database (their rows are updates). */
  existingCodes: Set<string>;
}

/** Validates the parsed rows against the database; the plan's rows carry their derived place in the tree. */
async function validate(
  db: DbOrTx,
  parsed: { header: HeaderMap; rows: ImportRow[]; issues: RowIssue[] },
  newId: () => string,
): Promise<Validation> {
  const { rows } = parsed;
  const codes = new Set<string>();
  for (const r of rows) {
    if (r.code) codes.add(r.code);
    if (r.parentCode) codes.add(r.parentCode);
  }
  const existing = await findByCodes(db, [...codes]);
  const kindChanged = rows.flatMap((r) => {
    const e = r.code ? existing.get(r.code) : undefined;
    return e && r.kind && r.kind !== e.kind ? [e.id] : [];
  });
  const children = await childrenOf(db, kindChanged);
  const present = new Set<ColumnKey>(parsed.header.index.keys());
  const rootExists = (await rootCode(db)) !== null;
  const plan = planImport(rows, { existing, children, present, rootExists, newId });
  const issues = sortIssues([...parsed.issues, ...plan.issues]);
  const badRows = new Set(issues.map((i) => i.row));
  return {
    issues,
    orgs: plan.orgs.filter((o) => !badRows.has(o.row)),
    existingCodes: new Set(existing.keys()),
  };
}

function summarize(dryRun: boolean, ctx: Ctx, rows: ImportRow[], v: Validation): ImportResult {
  const preview = rows
    .filter((r) => r.code !== '' && r.name !== '' && r.kind !== null)
    .slice(0, PREVIEW_ROWS)
    .map((r) => ({
      row: r.row,
      code: r.code,
      name: r.name,
      kind: r.kind!,
      parentCode: r.parentCode,
      action: v.existingCodes.has(r.code) ? ('update' as const) : ('create' as const),
    }));
  return {
    dryRun,
    total: rows.length,
    created: v.orgs.filter((o) => o.action === 'create').length,
    updated: v.orgs.filter((o) => o.action === 'update').length,
    errors: v.issues.map((i) => localize(i, ctx.lang)),
    preview,
  };
}

/**
 * Imports an organisation file. A dry run answers what would happen and writes nothing; a real run
 * writes every row in one transaction with one `organizations.import` audit event, or — when any row
 * is bad — throws IMPORT_INVALID with the same row errors and writes nothing.
 */
export async function importOrganizations(
  db: Db,
  ctx: Ctx,
  file: ImportFile,
  opts: ImportOptions,
): Promise<ImportResult> {
  const parsed = await parseFile(file);
  const newId = () => crypto.randomUUID();
  if (opts.dryRun) return summarize(true, ctx, parsed.rows, await validate(db, parsed, newId));
  try {
    return await db.transaction(async (tx) => {
      await lockTree(tx, 'shared');
      const v = await validate(tx, parsed, newId);
      const result = summarize(false, ctx, parsed.rows, v);
      if (v.issues.length > 0) throw new AppError('IMPORT_INVALID', [], { errors: result.errors });
      const creates = v.orgs.filter((o) => o.action === 'create');
      const updates = v.orgs.filter((o) => o.action === 'update' && o.changed);
      await insertOrganizations(tx, creates, ctx.now);
      await updateOrganizations(tx, updates, ctx.now);
      await writeAudit(tx, ctx, {
        action: 'organizations.import',
        objectType: 'organization',
        detail: JSON.stringify({
          file: file.filename.slice(0, 200),
          total: result.total,
          created: result.created,
          updated: result.updated,
          unchanged: result.updated - updates.length,
        }),
      });
      return result;
    });
  } catch (err) {
    // A concurrent create took one of the codes after validation: nothing was written.
    if (isUniqueViolation(err)) throw new AppError('DUPLICATE');
    throw err;
  }
}
