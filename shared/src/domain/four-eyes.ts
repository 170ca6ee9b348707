import type { Role } from '../enums';
import { canManageRole, needsFourEyes } from './account-rules';

/**
 * Four-eyes rules (AC-08, issue #9 §3), pure: which account changes need a second administrator, who may
 * be that second administrator, how long a request waits, and the three duties no account may combine.
 * The server loads the records, calls these, and answers.
 */

/** A request left pending this long expires: it can no longer be approved or rejected (ask again). */
export const PRIVILEGED_REQUEST_TTL_HOURS = 72;
export const PRIVILEGED_REQUEST_TTL_MS = PRIVILEGED_REQUEST_TTL_HOURS * 60 * 60 * 1000;

export function isExpired(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() >= PRIVILEGED_REQUEST_TTL_MS;
}

/** The three duties of 三员分立: system-wide administration of the campaign, of accounts, of the audit. */
export type Duty = 'committee' | 'security' | 'audit';
const DUTY_OF: Partial<Record<Role, Duty>> = {
  committee_admin: 'committee',
  security_admin: 'security',
  audit_admin: 'audit',
};

export function dutyOf(role: Role): Duty | null {
  return DUTY_OF[role] ?? null;
}

/**
 * A change of role from one of the three duties to another (a security admin made audit admin, …): one
 * account would have held two duties — its holder would audit, or grant, what it did under the first. Such
 * an account is disabled and a new one made for the other duty instead.
 */
export function crossesDuties(from: Role, to: Role): boolean {
  const a = dutyOf(from);
  const b = dutyOf(to);
  return a !== null && b !== null && a !== b;
}

/**
 * Whether giving an account `after` (a new account: `before` null) is a grant that takes a second
 * administrator: the role is an administrator role, and the account did not already hold it in that place
 * (a unit admin moved to another unit gains power over that unit). Taking a role away stays direct.
 */
export function grantNeedsFourEyes(
  before: { role: Role; organizationId: string | null } | null,
  after: { role: Role; organizationId: string | null },
): boolean {
  if (!needsFourEyes(after.role)) return false;
  return before === null || before.role !== after.role || before.organizationId !== after.organizationId;
}

export type ApprovalRefusal = 'same administrator' | 'own account' | 'same role' | 'no authority';

/**
 * Why `approver` may not approve a request, or null when it may. Not the requester, not the account
 * concerned, not of the requester's role (four eyes of two duties), and with authority over the accounts
 * concerned: the committee, security and audit admins decide system-wide; a unit admin only about roles it
 * manages itself (applicants of its unit) — never about a unit admin, its peer, nor a grant of an
 * administrator role. `targetRoles`: the account's role now and, for a grant, the role to be given.
 */
export function approvalRefusal(
  approver: { userId: string; role: Role },
  request: { requestedBy: string; requestedRole: Role; targetUserId: string | null; targetRoles: Role[] },
): ApprovalRefusal | null {
  if (approver.userId === request.requestedBy) return 'same administrator';
  if (request.targetUserId !== null && approver.userId === request.targetUserId) return 'own account';
  if (approver.role === request.requestedRole) return 'same role';
  if (dutyOf(approver.role) === null && !request.targetRoles.every((r) => canManageRole(approver.role, r)))
    return 'no authority';
  return null;
}
