/**
 * Importing experts from Excel or CSV (评审专家导入, issue #6 §2): one row per expert — 用户名, 姓名 (required),
 * 电子邮箱, 所属党组织编码 (an active organisation of the tree) or 外部单位 (not both), 职称, 专长 (tags
 * separated by 、 , ； or spaces), 是否可参加 (是/否, default 是), 说明. Every row is checked (the same limits as
 * the expert form, the user name free and not twice in the file). A dry run answers the rows as they would
 * be created; a real run creates every account and profile through `createReviewer` (so each has its
 * usual audit events) plus one import event, in one transaction, or — when any row is bad — nothing
 * (IMPORT_INVALID with the row errors). The one-time passwords are answered once.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { invalidFile, readRows } from '../organizations/import-file';
import { emailAddress } from '../../../../shared/src/contracts/accounts';
import { SINGLE_LINE_PATTERN } from '../../../../shared/src/contracts/common';
import { LOGIN_PATTERN, normalizeLogin } from '../../../../shared/src/domain/account-rules';
import {
  REVIEWER_IMPORT_COLUMNS as C,
  type ReviewerImportResult,
  type ReviewerImportRow,
} from '../../../../shared/src/contracts/reviewers';
import * as repo from './repo';
import { createReviewer } from './service';

interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}
type Cells = Record<keyof typeof C, string>;
interface Parsed {
  row: number;
  cells: Cells;
}

const KEYS = Object.keys(C) as (keyof typeof C)[];
const REQUIRED_HEADERS: (keyof typeof C)[] = ['username', 'displayName'];
const YES = new Set(['是', 'y', 'yes', 'true', '1', '可以', '']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '不可以', '暂停']);
export const TAG_SEPARATORS = /[、,，;；\s]+/;

async function parse(file: { bytes: Buffer; filename: string }): Promise<Parsed[]> {
  let index: Record<keyof typeof C, number> | null = null;
  const rows: Parsed[] = [];
  for await (const r of readRows(file.bytes, file.filename)) {
    if (!index) {
      const cells = r.cells.map((c) => c.trim());
      index = Object.fromEntries(KEYS.map((k) => [k, cells.indexOf(C[k])])) as Record<keyof typeof C, number>;
      const missing = REQUIRED_HEADERS.filter((k) => index![k] < 0).map((k) => C[k]);
      if (missing.length)
        throw invalidFile(
          'missing_columns',
          `表头须包含“${missing.join('”“')}”列（可下载模板）`,
          `The header must have the column(s) ${missing.join(', ')} (download the template)`,
        );
      continue;
    }
    if (r.cells.every((c) => c.trim() === '')) continue;
    const at = index;
    rows.push({
      row: r.row,
      cells: Object.fromEntries(
        KEYS.map((k) => [k, at[k] < 0 ? '' : (r.cells[at[k]] ?? '').trim()]),
      ) as Cells,
    });
  }
  if (!index) throw invalidFile('empty', '文件中没有内容', 'The file has no content');
  if (rows.length === 0) throw invalidFile('no_rows', '文件中没有数据行', 'The file has no data rows');
  if (rows.length > 2000)
    throw invalidFile('too_many_rows', '一次最多导入 2000 位专家', 'At most 2,000 experts per import');
  return rows;
}

/** One column's text: no control characters, at most `max` characters. */
function checkText(
  fail: (column: keyof typeof C, code: string, zh: string, en: string) => void,
  column: keyof typeof C,
  value: string,
  max: number,
): void {
  if (!SINGLE_LINE_PATTERN.test(value))
    fail(
      column,
      'control_character',
      '不能包含控制字符或换行',
      'Must not contain control characters or line breaks',
    );
  else if (value.length > max) fail(column, 'too_big', `不能超过 ${max} 个字`, `At most ${max} characters`);
}

async function validate(db: DbOrTx, ctx: Ctx, rows: Parsed[]) {
  const t = (zh: string, en: string) => (ctx.lang === 'en' ? en : zh);
  const errors: RowError[] = [];
  const orgs = await repo.organizationsByCode(db, [
    ...new Set(rows.map((r) => r.cells.orgCode).filter(Boolean)),
  ]);
  const taken = await repo.takenUsernames(
    db,
    rows.map((r) => normalizeLogin(r.cells.username)),
  );
  const seen = new Map<string, number>();
  const ok: ReviewerImportRow[] = [];
  for (const { row, cells } of rows) {
    const before = errors.length;
    const fail = (column: keyof typeof C, code: string, zh: string, en: string) =>
      errors.push({ row, column: C[column], code, message: t(zh, en) });
    const username = normalizeLogin(cells.username);
    if (!cells.username) fail('username', 'required', '用户名不能为空', 'The user name is missing');
    else if (username.length < 3 || username.length > 64 || !LOGIN_PATTERN.test(username))
      fail(
        'username',
        'invalid_format',
        '用户名须为 3–64 位字母、数字或 . _ @ -',
        'A user name is 3–64 letters, digits or . _ @ -',
      );
    else if (taken.has(username))
      fail('username', 'duplicate', '该用户名已被使用', 'This user name is taken');
    else if (seen.has(username))
      fail(
        'username',
        'duplicate_in_file',
        `与第 ${seen.get(username)} 行的用户名重复`,
        `Same user name as row ${seen.get(username)}`,
      );
    seen.set(username, seen.get(username) ?? row);
    if (!cells.displayName) fail('displayName', 'required', '姓名不能为空', 'The name is missing');
    else checkText(fail, 'displayName', cells.displayName, 50);
    const email = cells.email.toLowerCase();
    if (email && !emailAddress.safeParse(email).success)
      fail(
        'email',
        'invalid_format',
        '邮箱格式不正确，例如 name@example.gov.cn',
        'Not an e-mail address, e.g. name@example.gov.cn',
      );
    const org = cells.orgCode ? orgs.get(cells.orgCode.toLowerCase()) : undefined;
    if (cells.orgCode && cells.external)
      fail(
        'external',
        'both',
        '所属党组织编码与外部单位只能填写其一',
        'Give either an organisation code or an external affiliation, not both',
      );
    else if (cells.orgCode && (!org || !org.active))
      fail('orgCode', 'not_found', '没有该编码的启用党组织', 'No active organisation has this code');
    checkText(fail, 'external', cells.external, 100);
    checkText(fail, 'title', cells.title, 50);
    checkText(fail, 'note', cells.note, 200);
    const expertise = [...new Set(cells.expertise.split(TAG_SEPARATORS).filter(Boolean))];
    if (expertise.length > 20) fail('expertise', 'too_big', '专长最多 20 项', 'At most 20 expertise tags');
    else if (expertise.some((tag) => tag.length > 30 || !SINGLE_LINE_PATTERN.test(tag)))
      fail('expertise', 'too_big', '每项专长不能超过 30 个字', 'Each expertise tag is at most 30 characters');
    const available = cells.available.toLowerCase();
    if (!YES.has(available) && !NO.has(available))
      fail('available', 'invalid_value', '是否可参加须填“是”或“否”', 'Available must be 是 (yes) or 否 (no)');
    if (errors.length > before) continue;
    ok.push({
      row,
      username,
      displayName: cells.displayName,
      email: email || null,
      affiliationOrgId: org?.id ?? null,
      affiliationOrgName: org?.name ?? null,
      externalAffiliation: cells.external || null,
      title: cells.title || null,
      expertise,
      available: !NO.has(available),
      availabilityNote: cells.note || null,
    });
  }
  return { errors, ok };
}

export async function importReviewers(
  db: Db,
  ctx: Ctx,
  file: { bytes: Buffer; filename: string },
  dryRun: boolean,
): Promise<ReviewerImportResult> {
  requireActor(ctx);
  const rows = await parse(file);
  if (dryRun) {
    const v = await validate(db, ctx, rows);
    if (v.errors.length > 0) throw new AppError('IMPORT_INVALID', [], { errors: v.errors });
    return { dryRun: true, total: rows.length, created: 0, rows: v.ok, accounts: [] };
  }
  return db.transaction(async (tx) => {
    const v = await validate(tx, ctx, rows);
    if (v.errors.length > 0) throw new AppError('IMPORT_INVALID', [], { errors: v.errors });
    const accounts: ReviewerImportResult['accounts'] = [];
    for (const r of v.ok) {
      const { reviewer, oneTimePassword } = await createReviewer(tx as unknown as Db, ctx, {
        username: r.username,
        displayName: r.displayName,
        email: r.email,
        affiliationOrgId: r.affiliationOrgId,
        externalAffiliation: r.externalAffiliation,
        title: r.title,
        expertise: r.expertise,
        available: r.available,
        availabilityNote: r.availabilityNote,
      });
      accounts.push({
        id: reviewer.id,
        username: reviewer.username,
        displayName: reviewer.displayName,
        oneTimePassword,
      });
    }
    await writeAudit(tx, ctx, {
      action: 'reviewers.import',
      objectType: 'reviewer',
      detail: `${file.filename}: ${accounts.length} reviewers`,
    });
    return { dryRun: false, total: rows.length, created: accounts.length, rows: v.ok, accounts };
  });
}
