import {
  checkPassword,
  DEFAULT_PASSWORD_POLICY,
  minLengthFor,
} from '../../../shared/src/domain/password-policy';
import type { Role } from '../../../shared/src/enums';
import { TOP_COMMON_PASSWORDS } from './common-passwords';

export type ChecklistKey = 'length' | 'classes' | 'username' | 'common' | 'match';

/** Who the password is for: the role sets the minimum length, the organisation's name is a context word. */
export interface PasswordOwner {
  username: string;
  role?: Role | null;
  organizationName?: string | null;
}

/** The minimum length the owner's role asks (12 for administrators, 8 for the others, by default). */
export function passwordMinLength(owner: PasswordOwner): number {
  return minLengthFor(owner.role, DEFAULT_PASSWORD_POLICY);
}

/**
 * The password policy as checklist lines, each met or not. The page checks the 1,000 most common passwords
 * (not the server's 49k) and not the password history; the server checks everything and its field errors
 * show under the field.
 */
export function passwordChecklist(
  password: string,
  owner: string | PasswordOwner,
  confirm: string,
): { key: ChecklistKey; ok: boolean }[] {
  const o = typeof owner === 'string' ? { username: owner } : owner;
  const v = checkPassword(password, {
    username: o.username,
    role: o.role ?? null,
    organizationNames: [o.organizationName],
    commonPasswords: TOP_COMMON_PASSWORDS,
  });
  const empty = password.length === 0;
  return [
    { key: 'length', ok: !empty && !v.includes('too_short') && !v.includes('too_long') },
    { key: 'classes', ok: !empty && !v.includes('too_few_classes') },
    { key: 'username', ok: !empty && !v.includes('contains_username') },
    { key: 'common', ok: !empty && !v.includes('too_common') && !v.includes('context_word') },
    { key: 'match', ok: !empty && password === confirm },
  ];
}

export const PASSWORD_MIN_LENGTH = DEFAULT_PASSWORD_POLICY.minLength;
