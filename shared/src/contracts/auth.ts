import { z } from 'zod';
import { ROLES } from '../enums';
import { ACTIONS } from '../domain/permissions';
import { emailInput } from './accounts';
import { line, singleLine } from './common';
import { SECOND_FACTOR_GATES } from './second-factor';

/** The session cookie over plain http (`SHIFAN_COOKIE_SECURE=false`, or `auto` on an http request). */
export const SESSION_COOKIE = 'shifan_sid';
/**
 * The session cookie when it is Secure: the `__Host-` prefix makes browsers accept it only from a secure
 * origin, with `Path=/` and no `Domain`, so a sibling subdomain or a plain-http page cannot plant or
 * overwrite it.
 */
export const SECURE_SESSION_COOKIE = '__Host-shifan_sid';
/** Header every cookie-authenticated mutation must carry (see docs/ARCHITECTURE.md, "CSRF"). */
export const CSRF_HEADER = 'x-shifan-csrf';

export const loginBody = z.object({ username: line(64), password: singleLine().min(1).max(256) }).strict();

export const changePasswordBody = z
  .object({
    currentPassword: singleLine().min(1).max(256),
    newPassword: singleLine().min(1).max(256),
  })
  .strict();

export const meBody = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    /** Present (true) when the change is required because the password is older than the maximum age. */
    passwordExpired: z.boolean().optional(),
    /** Where notifications are also e-mailed when SMTP is configured; null when none. */
    email: z.string().nullable(),
    /** The login's second-factor gate: `pending` (a code is asked), `enrol` (must set one up), or null. */
    secondFactor: z.enum(SECOND_FACTOR_GATES).nullable(),
  }),
  roles: z.array(z.enum(ROLES)),
  scope: z.object({
    organizationId: z.uuid().nullable(),
    organizationName: z.string().nullable(),
    unitId: z.uuid().nullable(),
  }),
  abilities: z.array(z.enum(ACTIONS)),
  demo: z.boolean(),
});
export type Me = z.infer<typeof meBody>;

/**
 * What the signed-in user may change about their own account: the e-mail address (the `emailInput` rules —
 * trimmed, lower-cased, checked by the server; `null` or `''` clears it; left out, nothing changes).
 */
export const patchMeBody = z.object({ email: emailInput }).strict();
export type PatchMe = z.infer<typeof patchMeBody>;
