import type { Role } from '../enums';
import { MANAGEABLE_ROLES } from './permissions';
import { PRIVILEGED_PASSWORD_ROLES } from './password-policy';

/**
 * Account management rules (pure). Who may manage which account, and where an account of each role
 * sits in the organisation tree. The server loads the records, calls these, and answers:
 * an account the caller may not manage is invisible (404); a bad placement is a field error.
 */

/** What a manager's scope reduces to for accounts: everything, or one unit's subtree. */
export type AccountScope = { kind: 'all' } | { kind: 'unit'; unitId: string };

export function manageableRoles(callerRole: Role): readonly Role[] {
  return MANAGEABLE_ROLES[callerRole] ?? [];
}

export function canManageRole(callerRole: Role, targetRole: Role): boolean {
  return manageableRoles(callerRole).includes(targetRole);
}

/**
 * Administrator accounts (三员 and unit admins, the roles of PRIVILEGED_PASSWORD_ROLES): resetting their
 * password, unlocking or re-enabling them takes a second administrator's approval (four-eyes, AC-08).
 */
export function needsFourEyes(targetRole: Role): boolean {
  return PRIVILEGED_PASSWORD_ROLES.includes(targetRole);
}

/** An account is visible and manageable when its role is manageable and it lies inside the scope. */
export function canManageAccount(
  callerRole: Role,
  scope: AccountScope,
  target: { role: Role; unitId: string | null },
): boolean {
  if (!canManageRole(callerRole, target.role)) return false;
  return scope.kind === 'all' || target.unitId === scope.unitId;
}

export type PlacementViolation =
  'organization_required' | 'organization_not_allowed' | 'unit_required' | 'organization_inactive';

/**
 * Where an account of `role` may sit: a unit admin on a unit (depth 1), an applicant on any active
 * organisation, every other role on none. Returns the violation, or null when the placement is right.
 */
export function checkPlacement(
  role: Role,
  org: { depth: number; active: boolean } | null,
): PlacementViolation | null {
  const needsOrg = role === 'unit_admin' || role === 'applicant';
  if (!needsOrg) return org === null ? null : 'organization_not_allowed';
  if (org === null) return 'organization_required';
  if (!org.active) return 'organization_inactive';
  if (role === 'unit_admin' && org.depth !== 1) return 'unit_required';
  return null;
}

/** The unit an account belongs to, derived from its organisation (the unit's own id for a unit). */
export function unitOfPlacement(org: { unitId: string | null } | null): string | null {
  return org?.unitId ?? null;
}

export const PLACEMENT_TEXT: Record<PlacementViolation, { zh: string; en: string }> = {
  organization_required: {
    zh: '直属党组织管理员和联络员必须指定所属党组织',
    en: 'Unit admins and applicants need an organisation',
  },
  organization_not_allowed: {
    zh: '该角色不属于任何党组织，所属党组织须为空',
    en: 'This role belongs to no organisation; leave it empty',
  },
  unit_required: {
    zh: '直属党组织管理员只能设在直属党组织（机关工委的下一级）上',
    en: 'A unit admin must sit on a unit (a child of the working committee)',
  },
  organization_inactive: {
    zh: '该党组织已停用，不能为其设置账号',
    en: 'The organisation is inactive',
  },
};

/** Login names compare after NFKC (full-width → half-width), trim and lower-case (AUTH-01). */
export function normalizeLogin(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/** The allowed characters of a normalised login name, and its length. */
export const LOGIN_PATTERN = /^[a-z0-9._@-]{3,64}$/;
