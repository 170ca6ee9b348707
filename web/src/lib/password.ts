import { checkPassword, DEFAULT_PASSWORD_POLICY } from '../../../shared/src/domain/password-policy';

export type ChecklistKey = 'length' | 'classes' | 'username' | 'common' | 'match';

/** The password policy as checklist lines, each met or not (the server checks the same rules). */
export function passwordChecklist(
  password: string,
  username: string,
  confirm: string,
): { key: ChecklistKey; ok: boolean }[] {
  const v = checkPassword(password, username);
  const empty = password.length === 0;
  return [
    { key: 'length', ok: !empty && !v.includes('too_short') && !v.includes('too_long') },
    { key: 'classes', ok: !empty && !v.includes('too_few_classes') },
    { key: 'username', ok: !empty && !v.includes('contains_username') },
    { key: 'common', ok: !empty && !v.includes('too_common') },
    { key: 'match', ok: !empty && password === confirm },
  ];
}

export const PASSWORD_MIN_LENGTH = DEFAULT_PASSWORD_POLICY.minLength;
