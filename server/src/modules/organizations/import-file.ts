/**
 * Reading an uploaded import file into rows of cell texts. The format is decided by content: an .xlsx
 * (a zip, checked structurally, then read with exceljs's streaming reader so 100k rows never become one
 * workbook in memory) or a CSV (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030). Anything else
 * — random bytes, an executable, a legacy .xls — is INVALID_FILE, never a 500.
 */
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { loadExcelJS } from '../../core/lazy-libs';
import { IMPORT_MAX_BYTES } from '../../../../shared/src/contracts/organization-import';
import { AppError, fieldError } from '../../core/errors';
import { checkZip } from './import-zip';

export type FileFormat = 'xlsx' | 'csv';

/** One spreadsheet row: its 1-based number and its cells as trimmed text ('' when blank). */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** More rows than this is refused outright (the benchmark's 100k fits twice). */
export const MAX_ROWS = 200_000;
/** An xlsx may not inflate to more than this (zip bombs). */
const MAX_EXPANDED = 1024 * 1024 * 1024;
/** The streaming reader is given up on after this long without a new row. */
const IDLE_MS = 30_000;

export function invalidFile(code: string, zh: string, en: string): AppError {
  return new AppError('INVALID_FILE', [fieldError('file', code, zh, en)]);
}

/**
 * The one uploaded file of an import's multipart request, read into memory (at most IMPORT_MAX_BYTES). A
 * broken body is the client's fault: INVALID_FILE (413 when over the limit), never a 500.
 */
export async function receiveImportFile(req: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  if (!req.isMultipart())
    throw invalidFile('not_multipart', '请以表单方式上传文件', 'Upload the file as multipart/form-data');
  try {
    const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
    if (!part) throw invalidFile('no_file', '没有收到上传的文件', 'No file was uploaded');
    return { bytes: await part.toBuffer(), filename: part.filename ?? '' };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
    throw invalidFile(
      'bad_upload',
      '上传内容不完整或格式不正确，请重新上传',
      'The upload is incomplete or malformed; upload it again',
    );
  }
}

const startsWith = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Decides the format by content; the name only has to agree when it claims to be a workbook. */
export function detectFormat(bytes: Buffer, filename: string): FileFormat {
  if (bytes.length === 0) throw invalidFile('empty', '文件为空', 'The file is empty');
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, OLE2))
    throw invalidFile(
      'xls_not_supported',
      '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入',
      'Legacy .xls files are not supported; save as .xlsx or CSV first',
    );
  if (/\.(xlsx|xlsm|xls)$/i.test(filename))
    throw invalidFile(
      'not_xlsx',
      '文件内容不是 Excel 工作簿（.xlsx）',
      'The file is not an Excel workbook (.xlsx)',
    );
  return 'csv';
}

/** Decodes CSV bytes: BOMs first, then strict UTF-8, else GB18030; binary content is refused. */
export function decodeText(bytes: Buffer): string {
  let text: string;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = new TextDecoder('utf-8').decode(bytes.subarray(3));
  else if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('gb18030').decode(bytes);
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text))
    throw invalidFile(
      'not_text',
      '文件既不是 Excel 工作簿（.xlsx），也不是 CSV 文本文件',
      'The file is neither an Excel workbook (.xlsx) nor a CSV text file',
    );
  return text;
}

/** Splits CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes; comma or tab). */
export function* parseCsv(text: string): Generator<SheetRow> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let row = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === sep) {
      cells.push(cell.trim());
      cell = '';
    } else if (c === '\n' || c === '\r') {
      cells.push(cell.trim());
      yield { row, cells };
      row++;
      cells = [];
      cell = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else cell += c;
    i++;
  }
  if (quoted)
    throw invalidFile(
      'csv_unclosed_quote',
      `CSV 第 ${row} 行的引号未闭合`,
      `Row ${row} of the CSV has an unclosed quote`,
    );
  if (cell !== '' || cells.length > 0) {
    cells.push(cell.trim());
    yield { row, cells };
  }
}

/** The text of an exceljs cell value: rich text, formulas (their result), links, dates, numbers. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return o.richText
        .map((r: { text?: string }) => r.text ?? '')
        .join('')
        .trim();
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return '';
  }
  return String(v).trim();
}

function corrupt(): AppError {
  return invalidFile(
    'corrupt',
    'Excel 文件已损坏或不完整，无法读取',
    'The Excel file is corrupt or incomplete',
  );
}

/** Reads the first worksheet of a checked .xlsx with the streaming reader, row by row. */
async function* readXlsx(bytes: Buffer): AsyncGenerator<SheetRow> {
  let names: string[];
  try {
    names = await checkZip(bytes, MAX_EXPANDED);
  } catch {
    throw corrupt(); // ZipError, or a read past the end of a malformed header
  }
  if (!names.includes('xl/workbook.xml') || !names.some((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)))
    throw invalidFile(
      'not_xlsx',
      '文件内容不是 Excel 工作簿（.xlsx）',
      'The file is not an Excel workbook (.xlsx)',
    );
  const input = Readable.from([bytes]);
  const ExcelJS = await loadExcelJS();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      input.destroy();
      reject(corrupt());
    }, IDLE_MS);
  });
  idle.catch(() => undefined);
  /** Each step of the reader races the watchdog, which restarts on progress. */
  const step = <T>(p: Promise<T>): Promise<T> => {
    timer?.refresh();
    return Promise.race([p, idle]);
  };
  try {
    const first = await step(sheets.next());
    if (first.done) return;
    const rows = first.value[Symbol.asyncIterator]();
    for (;;) {
      const next = await step(rows.next());
      if (next.done) break;
      const values = next.value.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { row: next.value.number, cells };
    }
    // Read the other sheets to the end too, so exceljs removes the temporary files it made for them.
    for (let s = await step(sheets.next()); !s.done; s = await step(sheets.next())) {
      const rest = s.value[Symbol.asyncIterator]();
      while (!(await step(rest.next())).done);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw corrupt();
  } finally {
    clearTimeout(timer);
  }
}

/** Every non-blank row of the file (the header included), in order; at most MAX_ROWS + 1. */
export async function* readRows(bytes: Buffer, filename: string): AsyncGenerator<SheetRow> {
  const format = detectFormat(bytes, filename);
  const source = format === 'xlsx' ? readXlsx(bytes) : parseCsv(decodeText(bytes));
  let count = 0;
  for await (const r of source) {
    if (r.cells.every((c) => c === '')) continue;
    if (++count > MAX_ROWS + 1)
      throw invalidFile(
        'too_many_rows',
        `文件行数过多，一次最多导入 ${MAX_ROWS} 行`,
        `Too many rows; at most ${MAX_ROWS} per import`,
      );
    yield r;
  }
}
