/**
 * The one error type services throw (STYLE habit 8), with its field errors in both languages. How it
 * becomes an HTTP answer is `http/errors.ts`'s business.
 */
import { ERROR_CODES, type ErrorCode, type FieldError } from '../../../shared/src/errors';

/** The one error type services throw (STYLE habit 8). `details` carries field errors in both languages. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: FieldError[] = [],
    /** Extra data safe to show the caller (e.g. import row errors). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(code);
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function fieldError(field: string, code: string, zh: string, en: string): FieldError {
  return { field, code, zh, en };
}

/** Maps a PostgreSQL unique violation to DUPLICATE; everything else is re-thrown. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
