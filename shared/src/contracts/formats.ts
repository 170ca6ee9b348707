/**
 * Formats whose refusal states the rule (issue 7 §1.10): the contract's regex carries `format:<name>` as
 * its issue message; the server's error handler and the web's form rules turn it into the rule below
 * (the web's own zh/en copies live in the `validation` catalogue section, keys `format_<name>`).
 */
import { z } from 'zod';

export const FORMAT_RULES = {
  phone: {
    zh: '电话号码只能由数字、“+”、“-”和空格组成，5–20 位（如 010-12345678 或 13800138000）',
    en: 'A phone number has 5–20 characters: digits, “+”, “-” and spaces (e.g. 010-12345678 or 13800138000)',
  },
  orgCode: {
    zh: '组织代码只能由字母、数字、“.”、“-”和“_”组成，最长 32 位',
    en: 'An organisation code has letters, digits, “.”, “-” and “_” only, at most 32',
  },
  standardCode: {
    zh: '标准代码以字母或数字开头，只能由字母、数字、“-”和“_”组成，最长 40 位（如 SITE-BRANCH）',
    en: 'A standard code starts with a letter or digit and has letters, digits, “-” and “_” only, at most 40 (e.g. SITE-BRANCH)',
  },
} as const;
export type FormatName = keyof typeof FORMAT_RULES;

const PREFIX = 'format:';
/** The issue message of a format refusal. */
export const formatMessage = (name: FormatName) => `${PREFIX}${name}`;
/** The format named by an issue message, if it is one of ours. */
export function formatOf(message: string | undefined): FormatName | null {
  if (!message?.startsWith(PREFIX)) return null;
  const name = message.slice(PREFIX.length);
  return name in FORMAT_RULES ? (name as FormatName) : null;
}

/** A trimmed string matching `re`, refused with the rule of `name`. */
export const formatted = (re: RegExp, name: FormatName) =>
  z
    .string()
    .trim()
    .regex(re, { error: formatMessage(name) });
