import { z } from 'zod';
import { isCivilDate } from '../domain/working-days';

export const uuid = z.uuid();
export const idParams = z.object({ id: z.uuid() }).strict();

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/**
 * A day filter `YYYY-MM-DD` (a Beijing day): a real date from the year 100 on — `Date.UTC` reads years
 * 0–99 as 19xx, so those are refused here rather than failing in the query.
 */
export const dayFilter = () => z.iso.date().refine(isCivilDate, { message: 'bad_date' }).optional();

/** `?page=&pageSize=&sort=`; `sort` is `field` or `-field`, from a whitelist per list. */
export function listQuery<const S extends readonly [string, ...string[]]>(sortKeys: S) {
  const sortValues = sortKeys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];
  return z.object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    sort: z.enum(sortValues).optional(),
  });
}

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const okBody = z.object({ ok: z.literal(true) });

/**
 * Control characters (STYLE: every text input refuses them, in the contract). A single-line value (a name,
 * a code, a username, a search) may hold none of the C0 controls or DEL; multi-line text keeps tab, line
 * feed and carriage return. U+0000 is refused everywhere: PostgreSQL cannot store it. The server's input
 * guard refuses NUL in any request field as well, for contracts that use a plain `z.string()`.
 */
// eslint-disable-next-line no-control-regex
export const SINGLE_LINE_PATTERN = /^[^\u0000-\u001f\u007f]*$/;
// eslint-disable-next-line no-control-regex
export const MULTI_LINE_PATTERN = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
/** The issue message that marks a control-character refusal (mapped to a bilingual field error). */
export const CONTROL_CHARACTER = 'control_character';
export const CONTROL_CHARACTER_TEXT = {
  zh: '不能包含控制字符（如 U+0000）',
  en: 'Must not contain control characters (such as U+0000)',
} as const;

/** `s` with each control character written out as `\u0000`, for logs, audit rows and error fields. */
export function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A string without control characters (one line). */
export const singleLine = () => z.string().regex(SINGLE_LINE_PATTERN, { error: CONTROL_CHARACTER });
/** A string without control characters other than tab, line feed and carriage return. */
export const safeString = () => z.string().regex(MULTI_LINE_PATTERN, { error: CONTROL_CHARACTER });

/** One line of trimmed text (names, titles, codes) with a length limit; empty strings are refused. */
export const line = (max: number) =>
  z.string().trim().regex(SINGLE_LINE_PATTERN, { error: CONTROL_CHARACTER }).min(1).max(max);
export const optionalLine = (max: number) =>
  z.string().trim().regex(SINGLE_LINE_PATTERN, { error: CONTROL_CHARACTER }).max(max).nullable().optional();
/** A search box: one trimmed line, at most `max` characters, optional. */
export const searchText = (max = 100) =>
  z.string().trim().regex(SINGLE_LINE_PATTERN, { error: CONTROL_CHARACTER }).max(max).optional();

/**
 * An export with unmasked personal data states its purpose (issue #9 §5, PI-02): at least
 * EXPORT_PURPOSE_MIN characters (e.g. 年度核查), at most EXPORT_PURPOSE_MAX, one line.
 */
export const EXPORT_PURPOSE_MIN = 4;
export const EXPORT_PURPOSE_MAX = 200;

/** Trimmed text that may span lines (notes, opinions, reasons) with a length limit; empty strings are refused. */
export const text = (max: number) =>
  z.string().trim().regex(MULTI_LINE_PATTERN, { error: CONTROL_CHARACTER }).min(1).max(max);
export const optionalText = (max: number) =>
  z.string().trim().regex(MULTI_LINE_PATTERN, { error: CONTROL_CHARACTER }).max(max).nullable().optional();
