import type { ImportResult } from '../../../shared/src/contracts/organizations';
import type { ApiError } from '../api/client';

export interface ImportRowProblem {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** What the wizard shows after a dry run, from a 200 `importResult` or a 422 `IMPORT_INVALID`. */
export interface ImportOutcome {
  total: number | null;
  created: number | null;
  updated: number | null;
  errors: ImportRowProblem[];
  /** Rows with at least one error. */
  badRows: number;
  preview: ImportResult['preview'];
  message: string;
}

function rowErrors(v: unknown): ImportRowProblem[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map((e) => ({
      row: Number(e.row ?? 0),
      column: String(e.column ?? ''),
      code: String(e.code ?? ''),
      message: String(e.message ?? ''),
    }))
    .sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function importOutcome(result: ImportResult | null, error?: ApiError): ImportOutcome {
  const src: Record<string, unknown> = result ? { ...result } : { ...(error?.extra ?? {}) };
  const errors = rowErrors(src.errors);
  return {
    total: num(src.total),
    created: num(src.created),
    updated: num(src.updated),
    errors,
    badRows: new Set(errors.map((e) => e.row)).size,
    preview: Array.isArray(src.preview) ? (src.preview as ImportResult['preview']) : [],
    message: error?.message ?? '',
  };
}

/** Only spreadsheets the server reads: .xlsx and .csv. */
export function isImportFile(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name.trim());
}
