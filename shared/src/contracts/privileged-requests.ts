/**
 * Privileged requests (four-eyes): one administrator asks, a second administrator of a different role
 * approves or rejects; only then is the action carried out. `second_factor_reset` is the first kind
 * (issue #9 §2, a lost authenticator); §3 adds the others to PRIVILEGED_KINDS.
 */
import { z } from 'zod';
import { ROLES } from '../enums';
import { line } from './common';

export const PRIVILEGED_KINDS = [
  'second_factor_reset',
  'password_reset',
  'account_unlock',
  'account_enable',
] as const;
export type PrivilegedKind = (typeof PRIVILEGED_KINDS)[number];

export const PRIVILEGED_STATES = ['pending', 'approved', 'rejected'] as const;
export type PrivilegedState = (typeof PRIVILEGED_STATES)[number];

export const PRIVILEGED_KIND_LABELS: Record<PrivilegedKind, { zh: string; en: string }> = {
  second_factor_reset: { zh: '重置双因素认证', en: 'Reset second factor' },
  password_reset: { zh: '重置管理员密码', en: 'Reset an administrator’s password' },
  account_unlock: { zh: '解除管理员账号锁定', en: 'Unlock an administrator account' },
  account_enable: { zh: '重新启用管理员账号', en: 'Re-enable an administrator account' },
};

export const createPrivilegedRequestBody = z
  .object({
    kind: z.enum(PRIVILEGED_KINDS),
    targetUserId: z.uuid(),
    reason: line(500),
  })
  .strict();
export type CreatePrivilegedRequest = z.infer<typeof createPrivilegedRequestBody>;

const person = z.object({ id: z.uuid(), username: z.string(), displayName: z.string() });

export const privilegedRequestBody = z.object({
  id: z.uuid(),
  kind: z.enum(PRIVILEGED_KINDS),
  state: z.enum(PRIVILEGED_STATES),
  reason: z.string(),
  target: person,
  requestedBy: person,
  requestedRole: z.enum(ROLES),
  decidedBy: person.nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});
export type PrivilegedRequest = z.infer<typeof privilegedRequestBody>;

/**
 * An approval's answer: the request, and for a password reset the new one-time password — shown once to
 * the approving administrator (never to the requester), who hands it to the holder (AC-08).
 */
export const privilegedDecisionBody = privilegedRequestBody.extend({
  oneTimePassword: z.string().optional(),
});
export type PrivilegedDecision = z.infer<typeof privilegedDecisionBody>;

export const privilegedRequestListBody = z.object({ items: z.array(privilegedRequestBody) });

export const privilegedListQuery = z.object({ state: z.enum(PRIVILEGED_STATES).optional() }).strict();
