/**
 * Streaming .xlsx exports: one worksheet written with exceljs's streaming writer, rows committed as
 * they are produced, so memory stays flat however many rows there are.
 */
import { PassThrough, type Writable } from 'node:stream';
import { loadExcelJS } from './lazy-libs';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxCell = string | number;

export interface XlsxSheet {
  /** The worksheet's name. */
  name: string;
  /** Column widths, in characters. */
  widths: readonly number[];
  /** The header row (bold, frozen). */
  header: readonly string[];
}

/**
 * Writes one worksheet to `out`: the header row, then every row `fill` adds (each committed at once),
 * then the workbook's end.
 */
export async function writeXlsxSheet(
  out: Writable,
  sheet: XlsxSheet,
  fill: (addRow: (cells: XlsxCell[]) => void) => Promise<void>,
): Promise<void> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Shifan';
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.widths.map((width) => ({ width }));
  const header = ws.addRow([...sheet.header]);
  header.font = { bold: true };
  header.commit();
  await fill((cells) => ws.addRow(cells).commit());
  ws.commit();
  await wb.commit();
}

/**
 * Starts `write` on a fresh stream and returns the stream to send at once. A failure while writing
 * is passed to `onError` and ends the stream with that error.
 */
export function streamFrom(
  write: (out: PassThrough) => Promise<void>,
  onError: (err: unknown) => void,
): PassThrough {
  const out = new PassThrough();
  write(out).catch((err: unknown) => {
    onError(err);
    out.destroy(err as Error);
  });
  return out;
}
