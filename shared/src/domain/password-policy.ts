/**
 * Password policy (pure). MLPS 2.0 身份鉴别 a asks for complexity, so composition rules apply
 * (a documented deviation from ASVS 6.2.5): minimum length, 3 of 4 character classes, not containing
 * the username, not a well-known password. Passwords are never truncated: up to `maxLength` is accepted.
 */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, maxLength: 128, minClasses: 3 };

export type PasswordViolation =
  'too_short' | 'too_long' | 'too_few_classes' | 'contains_username' | 'too_common';

/** Lower-cased fragments that make a password guessable in this context (ASVS 6.1.2 context words). */
const COMMON = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  '12345678',
  'qwertyui',
  'abc12345',
  'admin123',
  'shifan',
  'tianjin',
  'dangjian',
  'dangwei',
  'iloveyou',
];

export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

export function checkPassword(
  password: string,
  username: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordViolation[] {
  const out: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < policy.minLength) out.push('too_short');
  if (length > policy.maxLength) out.push('too_long');
  if (characterClasses(password) < policy.minClasses) out.push('too_few_classes');
  const lower = password.toLowerCase();
  const user = username.trim().toLowerCase();
  if (user.length >= 3 && lower.includes(user)) out.push('contains_username');
  if (COMMON.some((w) => lower.includes(w))) out.push('too_common');
  return out;
}

export const PASSWORD_VIOLATION_TEXT: Record<PasswordViolation, { zh: string; en: string }> = {
  too_short: { zh: '密码长度不足', en: 'The password is too short' },
  too_long: { zh: '密码过长', en: 'The password is too long' },
  too_few_classes: {
    zh: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'Use at least three of: upper-case, lower-case, digits, symbols',
  },
  contains_username: { zh: '密码不能包含用户名', en: 'The password must not contain the username' },
  too_common: { zh: '密码过于常见，容易被猜到', en: 'The password is too common' },
};
