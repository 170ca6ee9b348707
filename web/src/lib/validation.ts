import type { z } from 'zod';
import { CONTROL_CHARACTER } from '../../../shared/src/contracts/common';
import { formatOf } from '../../../shared/src/contracts/formats';

/** A message key of the `validation` catalogue section and its interpolation values. */
export interface ValidationMessage {
  key:
    | 'required'
    | 'minLength'
    | 'maxLength'
    | 'min'
    | 'max'
    | 'integer'
    | 'number'
    | 'format'
    | 'format_phone'
    | 'format_orgCode'
    | 'format_standardCode'
    | 'control'
    | 'invalid';
  values?: Record<string, number | string>;
}

interface Issue {
  code: string;
  message?: string;
  input?: unknown;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
}

/**
 * Maps a Zod 4 issue to a catalogue message, so the form says in the UI language what the contract says.
 * `value` is what was checked (Zod 4 leaves `input` out of issues unless asked).
 */
export function issueMessage(issue: Issue, value: unknown = issue.input): ValidationMessage {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined || value === null) return { key: 'required' };
      if (issue.expected === 'int') return { key: 'integer' };
      return issue.expected === 'number' ? { key: 'number' } : { key: 'invalid' };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? { key: 'required' } : { key: 'minLength', values: { min } };
      return { key: 'min', values: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return issue.origin === 'string'
        ? { key: 'maxLength', values: { max } }
        : { key: 'max', values: { max } };
    }
    case 'invalid_format':
      if (issue.message === CONTROL_CHARACTER) return { key: 'control' };
      {
        // A format whose rule the contract names (phone, codes): the message states the rule.
        const rule = formatOf(issue.message);
        return rule ? { key: `format_${rule}` } : { key: 'format' };
      }
    default:
      return { key: 'invalid' };
  }
}

/** Form inputs give '' or null for "nothing"; the contracts say `undefined` (or null) for optional fields. */
export function normaliseInput(value: unknown): unknown {
  if (value === null || value === '') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** The first problem of `value` against a contract field's schema, or null when it passes. */
export function checkField(schema: z.ZodType, value: unknown): ValidationMessage | null {
  const input = normaliseInput(value);
  const r = schema.safeParse(input);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return issue ? issueMessage(issue as unknown as Issue, input) : { key: 'invalid' };
}

/** An antd Form rule validating one field against its Zod contract schema. */
export function zodRule(
  schema: z.ZodType,
  translate: (m: ValidationMessage) => string,
): { required: boolean; validator: (rule: unknown, value: unknown) => Promise<void> } {
  return {
    // Marks the field as required in the form (the validator does the checking).
    required: !schema.safeParse(undefined).success,
    validator: async (_rule, value) => {
      const problem = checkField(schema, value);
      if (problem) throw new Error(translate(problem));
    },
  };
}

/** Optional text fields: '' and whitespace become null, so the server clears them. */
export function emptyToNull<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') out[k] = v.trim() === '' ? null : v.trim();
    else out[k] = v;
  }
  return out as T;
}
