/**
 * Test helpers of the import/export tests: files built in memory (exceljs, CSV in UTF-8 or GB18030)
 * and a hand-made multipart body for `inject`. Not used by the app.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { IMPORT_COLUMNS } from '../../../../shared/src/contracts/organizations';

export const HEADER = IMPORT_COLUMNS.map((c) => c.zh);
export type Cell = string | number | null;

/** An .xlsx with one sheet: the header row, then the rows. */
export async function xlsxOf(rows: Cell[][], header: Cell[] = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织信息');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV text (quoted where needed, CRLF line ends). */
export function csvOf(rows: Cell[][], header: Cell[] = HEADER): string {
  const quote = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

let gbk: Map<string, Buffer> | null = null;

/** Encodes text as GB18030 (the two-byte GBK range, enough for these tests) by inverting the decoder. */
export function gb18030(text: string): Buffer {
  if (!gbk) {
    gbk = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && !gbk.has(ch)) gbk.set(ch, Buffer.from([a, b]));
      }
  }
  return Buffer.concat(
    [...text].map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch, 'latin1');
      const bytes = gbk!.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      return bytes;
    }),
  );
}

/** A multipart/form-data body with one file field. */
export function multipart(
  filename: string,
  bytes: Buffer,
  type = 'application/octet-stream',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shifan${crypto.randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    `Content-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** POSTs a file to the import as the session `cookie`. */
export function upload(
  app: FastifyInstance,
  cookie: string,
  filename: string,
  bytes: Buffer,
  opts: { dryRun?: boolean; lang?: string } = {},
): Promise<LightMyRequestResponse> {
  const body = multipart(filename, bytes);
  return app.inject({
    method: 'POST',
    url: `/api/organizations/import?dryRun=${opts.dryRun ?? true}`,
    headers: {
      cookie,
      'x-shifan-csrf': '1',
      ...(opts.lang ? { 'accept-language': opts.lang } : {}),
      ...body.headers,
    },
    payload: body.payload,
  });
}

/** The first sheet of an .xlsx as rows of cell values (1-based cells dropped to 0-based). */
export async function sheetRows(bytes: Buffer, sheet = 1): Promise<Cell[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const ws = wb.worksheets[sheet - 1]!;
  const out: Cell[][] = [];
  ws.eachRow((row) => {
    const values = row.values as (Cell | undefined)[];
    out.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1] ?? null));
  });
  return out;
}
