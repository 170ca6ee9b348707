/**
 * The heavy document libraries, loaded when a document is first made rather than with the server:
 * exceljs (~0.3 s to import) and pdfkit (~0.2 s) are needed by exports, imports and PDFs only, while
 * every start, CLI command and API test file paid for them. (ECharts loads the same way in chart-svg.ts.)
 */
import type ExcelJSModule from 'exceljs';
import type PDFDocumentClass from 'pdfkit';

let excel: Promise<typeof ExcelJSModule> | undefined;
let pdf: Promise<typeof PDFDocumentClass> | undefined;

/** exceljs's default export (Workbook, stream.xlsx.WorkbookWriter/Reader …). */
export function loadExcelJS(): Promise<typeof ExcelJSModule> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}

/** pdfkit's PDFDocument class. */
export function loadPdfKit(): Promise<typeof PDFDocumentClass> {
  pdf ??= import('pdfkit').then((m) => m.default);
  return pdf;
}
