/**
 * Import parsing and row validation (pure): header matching, one row's fields, and the messages of
 * every row error in both languages. The tree checks across rows and the database live in
 * `import-plan.ts`; reading the file in `import-file.ts`; the transaction in `import-service.ts`.
 */
import { IMPORT_COLUMNS, orgCode } from '../../../../shared/src/contracts/organizations';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import { ORG_KINDS, type OrgKind } from '../../../../shared/src/enums';
import type { Lang } from '../../../../shared/src/errors';
import type { SheetRow } from './import-file';
import { invalidFile } from './import-file';

export type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

/** One data row, parsed. Fields that failed validation are null (`kind`) or '' (`code`, `name`). */
export interface ImportRow {
  row: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgKind | null;
  parentCode: string | null;
  secretary: string | null;
  contactName: string | null;
  contactPhone: string | null;
  memberCount: number;
}

/** A row error with its message in both languages; `localize` picks one for the answer. */
export interface RowIssue {
  row: number;
  column: ColumnKey;
  code: string;
  zh: string;
  en: string;
}

export interface HeaderMap {
  /** Cell index of each column found in the header row. */
  index: Map<ColumnKey, number>;
}

const COLUMN = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));
const ORDER = new Map<ColumnKey, number>(IMPORT_COLUMNS.map((c, i) => [c.key, i]));

export function columnLabel(key: ColumnKey, lang: Lang): string {
  const c = COLUMN.get(key)!;
  return lang === 'en' ? c.en : c.zh;
}

const normalize = (h: string) =>
  h
    .replace(/[\s*＊]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .toLowerCase();
const HEADER_NAMES = new Map<string, ColumnKey>(
  IMPORT_COLUMNS.flatMap((c) => [
    [normalize(c.zh), c.key],
    [normalize(c.en), c.key],
    [normalize(c.key), c.key],
  ]),
);

/**
 * Matches the header row by the Chinese or English column names (spaces, `*` and a trailing
 * parenthesised note ignored). Unknown columns are ignored (an export's extra columns); a missing
 * required column or a column given twice is INVALID_FILE naming it.
 */
export function mapHeader(cells: string[]): HeaderMap {
  const index = new Map<ColumnKey, number>();
  cells.forEach((cell, i) => {
    const key = HEADER_NAMES.get(normalize(cell));
    if (!key) return;
    if (index.has(key)) {
      const c = COLUMN.get(key)!;
      throw invalidFile(
        'duplicate_column',
        `表头中“${c.zh}”列出现了两次`,
        `The column "${c.en}" appears twice`,
      );
    }
    index.set(key, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !index.has(c.key));
  if (missing.length > 0)
    throw invalidFile(
      'missing_columns',
      `缺少必填列：${missing.map((c) => c.zh).join('、')}（表头须在第 1 行）`,
      `Missing required columns: ${missing.map((c) => c.en).join(', ')} (the header is row 1)`,
    );
  return { index };
}

const KIND_BY_TEXT = new Map<string, OrgKind>(
  ORG_KINDS.flatMap((k) => [
    [ORG_KIND_LABELS[k], k],
    [k, k],
  ]),
);

export function parseKind(text: string): OrgKind | null {
  return KIND_BY_TEXT.get(text) ?? KIND_BY_TEXT.get(text.toLowerCase().replace(/[\s-]/g, '_')) ?? null;
}

const LIMITS: Partial<Record<ColumnKey, number>> = {
  name: 100,
  shortName: 50,
  secretary: 50,
  contactName: 50,
};
const PHONE = /^[0-9+\- ]{5,20}$/;
export const MAX_MEMBERS = 1_000_000;

/** The messages of every row error code, in both languages. */
export const ISSUE = {
  required: () => ({ zh: '必填，不能为空', en: 'Required' }),
  too_long: (max: number) => ({ zh: `不能超过 ${max} 个字符`, en: `At most ${max} characters` }),
  invalid_code: () => ({
    zh: '编码只能包含字母、数字、点（.）、短横线（-）和下划线（_），最长 32 个字符',
    en: 'Letters, digits, dot, dash and underscore only, at most 32 characters',
  }),
  invalid_kind: () => ({
    zh: `类型无效，应为：${ORG_KINDS.map((k) => ORG_KIND_LABELS[k]).join('、')}`,
    en: `Unknown kind; use one of: ${ORG_KINDS.join(', ')}`,
  }),
  invalid_member_count: () => ({
    zh: `党员人数应为 0 到 ${MAX_MEMBERS} 之间的整数`,
    en: `Members must be a whole number from 0 to ${MAX_MEMBERS}`,
  }),
  invalid_phone: () => ({
    zh: '联系电话格式不正确（5–20 位数字，可含 +、- 和空格）',
    en: 'Invalid phone (5–20 digits; +, - and spaces allowed)',
  }),
  duplicate_code: (first: number) => ({
    zh: `组织编码与第 ${first} 行重复`,
    en: `Duplicate code (same as row ${first})`,
  }),
  unknown_parent: (code: string) => ({
    zh: `上级组织编码“${code}”在文件和系统中都不存在`,
    en: `Parent code "${code}" is neither in the file nor in the system`,
  }),
  cycle: (chain: string) => ({
    zh: `上级关系形成循环：${chain}`,
    en: `The parent codes form a cycle: ${chain}`,
  }),
  root_exists: () => ({
    zh: '系统中只能有一个机关工委（根节点），不能再新建',
    en: 'There is only one working committee (the root); another cannot be created',
  }),
  parent_changed: () => ({
    zh: '该组织已存在，但上级组织与系统中不同；调整上级请使用“移动”功能',
    en: 'This organisation exists with a different parent; use "move" to change its parent',
  }),
} as const;

export function issue(
  row: number,
  column: ColumnKey,
  code: string,
  text: { zh: string; en: string },
): RowIssue {
  return { row, column, code, ...text };
}

function optional(r: SheetRow, map: HeaderMap, key: ColumnKey, issues: RowIssue[]): string | null {
  const i = map.index.get(key);
  const v = i === undefined ? '' : (r.cells[i] ?? '');
  if (v === '') return null;
  const max = LIMITS[key];
  if (max !== undefined && v.length > max) issues.push(issue(r.row, key, 'too_long', ISSUE.too_long(max)));
  return v;
}

/** Parses one data row; its field errors go to `issues` (several per row when several are wrong). */
export function parseRow(r: SheetRow, map: HeaderMap, issues: RowIssue[]): ImportRow {
  const cell = (key: ColumnKey) => {
    const i = map.index.get(key);
    return i === undefined ? '' : (r.cells[i] ?? '');
  };
  const n = r.row;

  let code = cell('code');
  if (code === '') issues.push(issue(n, 'code', 'required', ISSUE.required()));
  else if (!orgCode.safeParse(code).success) {
    issues.push(issue(n, 'code', 'invalid_code', ISSUE.invalid_code()));
    code = '';
  }

  let name = cell('name');
  if (name === '') issues.push(issue(n, 'name', 'required', ISSUE.required()));
  else if (name.length > LIMITS.name!) {
    issues.push(issue(n, 'name', 'too_long', ISSUE.too_long(LIMITS.name!)));
    name = name.slice(0, LIMITS.name!);
  }
  const shortName = optional(r, map, 'shortName', issues);

  const kindText = cell('kind');
  const kind = kindText === '' ? null : parseKind(kindText);
  if (kindText === '') issues.push(issue(n, 'kind', 'required', ISSUE.required()));
  else if (!kind) issues.push(issue(n, 'kind', 'invalid_kind', ISSUE.invalid_kind()));

  const parentCode = cell('parentCode') || null;
  if (parentCode === null && kind !== 'working_committee')
    issues.push(issue(n, 'parentCode', 'required', ISSUE.required()));

  const secretary = optional(r, map, 'secretary', issues);
  const contactName = optional(r, map, 'contactName', issues);
  const contactPhone = optional(r, map, 'contactPhone', issues);
  if (contactPhone !== null && !PHONE.test(contactPhone))
    issues.push(issue(n, 'contactPhone', 'invalid_phone', ISSUE.invalid_phone()));

  const membersText = cell('memberCount');
  const memberCount = membersText === '' ? 0 : Number(membersText);
  const membersOk = Number.isInteger(memberCount) && memberCount >= 0 && memberCount <= MAX_MEMBERS;
  if (!membersOk) issues.push(issue(n, 'memberCount', 'invalid_member_count', ISSUE.invalid_member_count()));

  return {
    row: n,
    code,
    name,
    shortName,
    kind,
    parentCode,
    secretary,
    contactName,
    contactPhone,
    memberCount: membersOk ? memberCount : 0,
  };
}

/** Orders issues by row, then by column order, for a stable answer. */
export function sortIssues(issues: RowIssue[]): RowIssue[] {
  return issues.sort((a, b) => a.row - b.row || ORDER.get(a.column)! - ORDER.get(b.column)!);
}

/** The answer's shape of an issue, in the caller's language. */
export function localize(i: RowIssue, lang: Lang) {
  return {
    row: i.row,
    column: columnLabel(i.column, lang),
    code: i.code,
    message: lang === 'en' ? i.en : i.zh,
  };
}
