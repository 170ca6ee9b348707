/**
 * Privileged requests (four-eyes): one administrator asks, a second administrator of a different role
 * approves or rejects; only then is the action carried out. `second_factor_reset` is the first kind
 * (issue #9 §2, a lost authenticator); §3 adds the resets, unlocks and re-enables of administrator
 * accounts, and `account_create` (a new account with an administrator role: the request carries the
 * account) and `role_grant` (an existing account given an administrator role or moved to another unit:
 * the request carries the role and the organisation).
 */
import { z } from 'zod';
import { ROLES } from '../enums';
import { line } from './common';
import { emailInput, username } from './accounts';

export const PRIVILEGED_KINDS = [
  'second_factor_reset',
  'password_reset',
  'account_unlock',
  'account_enable',
  'account_create',
  'role_grant',
] as const;
export type PrivilegedKind = (typeof PRIVILEGED_KINDS)[number];

/** `expired`: left pending for PRIVILEGED_REQUEST_TTL_HOURS; it can no longer be decided. */
export const PRIVILEGED_STATES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type PrivilegedState = (typeof PRIVILEGED_STATES)[number];

export const PRIVILEGED_KIND_LABELS: Record<PrivilegedKind, { zh: string; en: string }> = {
  second_factor_reset: { zh: '重置双因素认证', en: 'Reset second factor' },
  password_reset: { zh: '重置管理员密码', en: 'Reset an administrator’s password' },
  account_unlock: { zh: '解除管理员账号锁定', en: 'Unlock an administrator account' },
  account_enable: { zh: '重新启用管理员账号', en: 'Re-enable an administrator account' },
  account_create: { zh: '创建管理员账号', en: 'Create an administrator account' },
  role_grant: { zh: '授予管理员角色', en: 'Grant an administrator role' },
};

/** The kinds about an account that does not exist yet, and the kinds carrying a role and organisation. */
export const CREATE_KINDS: readonly PrivilegedKind[] = ['account_create'];
export const GRANT_KINDS: readonly PrivilegedKind[] = ['account_create', 'role_grant'];

export const createPrivilegedRequestBody = z
  .object({
    kind: z.enum(PRIVILEGED_KINDS),
    /** The account concerned; absent for `account_create` (the account exists once approved). */
    targetUserId: z.uuid().optional(),
    reason: line(500),
    /** `account_create` and `role_grant`: the administrator role to give, and where it sits. */
    role: z.enum(ROLES).optional(),
    organizationId: z.uuid().nullable().optional(),
    /** `account_create`: the new account (as POST /api/accounts takes it). */
    username: username.optional(),
    displayName: line(50).optional(),
    email: emailInput,
  })
  .strict();
export type CreatePrivilegedRequest = z.infer<typeof createPrivilegedRequestBody>;

const person = z.object({ id: z.uuid(), username: z.string(), displayName: z.string() });

export const privilegedRequestBody = z.object({
  id: z.uuid(),
  kind: z.enum(PRIVILEGED_KINDS),
  state: z.enum(PRIVILEGED_STATES),
  reason: z.string(),
  /** The account concerned; for `account_create` the account to be made (its id once approved). */
  target: person.extend({ id: z.uuid().nullable() }),
  /** `account_create` and `role_grant`: the role given and its organisation (null for the others). */
  role: z.enum(ROLES).nullable(),
  organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  requestedBy: person,
  requestedRole: z.enum(ROLES),
  decidedBy: person.nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});
export type PrivilegedRequest = z.infer<typeof privilegedRequestBody>;

/**
 * An approval's answer: the request, and for a password reset or an account creation the new one-time password — shown once to
 * the approving administrator (never to the requester), who hands it to the holder (AC-08).
 */
export const privilegedDecisionBody = privilegedRequestBody.extend({
  oneTimePassword: z.string().optional(),
});
export type PrivilegedDecision = z.infer<typeof privilegedDecisionBody>;

export const privilegedRequestListBody = z.object({ items: z.array(privilegedRequestBody) });

export const privilegedListQuery = z.object({ state: z.enum(PRIVILEGED_STATES).optional() }).strict();
