import { z } from 'zod';
import { ROLES } from '../enums';
import { LOGIN_PATTERN, normalizeLogin } from '../domain/account-rules';
import { CONTROL_CHARACTER, line, listOf, listQuery, searchText, SINGLE_LINE_PATTERN } from './common';

/**
 * A login name: normalised first (NFKC, so full-width ＵＡＤＭＩＮ is uadmin; trimmed; lower-case), then
 * 3–64 of letters, digits and . _ @ -. The body the server receives holds the normalised name.
 */
export const username = z
  .string()
  .regex(SINGLE_LINE_PATTERN, { error: CONTROL_CHARACTER })
  .max(200)
  .describe(
    '3–64 letters, digits or . _ @ -; full-width letters fold, case is ignored (ＵＡＤＭＩＮ = uadmin)',
  )
  .transform(normalizeLogin)
  .pipe(z.string().min(3).max(64).regex(LOGIN_PATTERN, 'letters, digits, . _ @ -'));

/** An e-mail address as stored: trimmed, lower-case, at most 254 characters. */
export const emailAddress = z.email().max(254);

/**
 * The `email` of a create or update body: trimmed and lower-cased; `''` or `null` means none (clears it on
 * update). The address itself is checked by the server against `emailAddress`, so a bad one answers 400 on
 * `email` with 邮箱格式不正确 / Not a valid e-mail address rather than the generic format message.
 */
export const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SINGLE_LINE_PATTERN, { error: CONTROL_CHARACTER })
  .max(254)
  .describe('an e-mail address (checked by the server: 400 on email when not one); empty or null for none')
  .nullable()
  .optional();

export const account = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  /** Where notifications are also e-mailed when SMTP is configured; null when none. */
  email: z.string().nullable(),
  role: z.enum(ROLES),
  organizationId: z.uuid().nullable(),
  organizationName: z.string().nullable(),
  unitId: z.uuid().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  version: z.number().int(),
});
export type Account = z.infer<typeof account>;

export const accountSortKeys = ['username', 'displayName', 'role', 'createdAt', 'lastLoginAt'] as const;
export const accountListQuery = listQuery(accountSortKeys)
  .extend({
    q: searchText(),
    role: z.enum(ROLES).optional(),
    unitId: z.uuid().optional(),
    disabled: z.enum(['true', 'false']).optional(),
    /** `locked`: locked out now; `must_change_password`: a one-time or expired password awaits its change. */
    state: z.enum(['locked', 'must_change_password']).optional(),
  })
  .strict();
export const accountList = listOf(account);

export const createAccount = z
  .object({
    username,
    displayName: line(50),
    role: z.enum(ROLES),
    /** Required for unit_admin (a unit) and applicant (an organisation); null for the others. */
    organizationId: z.uuid().nullable().default(null),
    email: emailInput,
  })
  .strict();

export const patchAccount = z
  .object({
    displayName: line(50).optional(),
    email: emailInput,
    role: z.enum(ROLES).optional(),
    organizationId: z.uuid().nullable().optional(),
    disabled: z.boolean().optional(),
    version: z.number().int(),
  })
  .strict();

/** Reset-password and unlock name the version the administrator saw (optimistic lock). */
export const accountVersionBody = z.object({ version: z.number().int() }).strict();

/** A new or reset account answers with a one-time password shown once to the administrator. */
export const oneTimePassword = z.object({ account, oneTimePassword: z.string() });
