import type { Account } from '../../../shared/src/contracts/accounts';
import { MANAGEABLE_ROLES } from '../../../shared/src/domain/permissions';
import type { Role } from '../../../shared/src/enums';

/** Which organisation an account of `role` is tied to: a unit, any organisation, or none. */
export function orgModeForRole(role: Role): 'unit' | 'any' | null {
  if (role === 'unit_admin') return 'unit';
  if (role === 'applicant') return 'any';
  return null;
}

/** Roles the caller may create and give (三权分立). */
export function manageableRoles(callerRole: Role | null): readonly Role[] {
  return callerRole ? (MANAGEABLE_ROLES[callerRole] ?? []) : [];
}

/** Whether the caller may act on `account` (edit, disable, reset, unlock); never on their own account. */
export function canManageAccount(
  callerRole: Role | null,
  callerId: string,
  account: Pick<Account, 'id' | 'role'>,
): boolean {
  return account.id !== callerId && manageableRoles(callerRole).includes(account.role);
}

export type AccountStatus = 'disabled' | 'locked' | 'mustChangePassword' | 'active';

/** Status tags of an account, most important first. */
export function accountStatuses(
  a: Pick<Account, 'disabled' | 'locked' | 'mustChangePassword'>,
): AccountStatus[] {
  const out: AccountStatus[] = [];
  if (a.disabled) out.push('disabled');
  if (a.locked) out.push('locked');
  if (a.mustChangePassword) out.push('mustChangePassword');
  return out.length ? out : ['active'];
}
