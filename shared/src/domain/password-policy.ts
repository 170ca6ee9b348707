/**
 * Password policy (pure). MLPS 2.0 身份鉴别 a asks for complexity and periodic change, so composition rules
 * apply (a documented deviation from ASVS 6.2.5, see docs/SECURITY.md): a minimum length (longer for
 * privileged roles), 3 of 4 character classes, no 4-character fragment of the username, no context word
 * (the platform, the city, the organisation), not a common password. Passwords are never truncated or
 * case-folded for storage: up to `maxLength` code points are accepted.
 *
 * The list of common passwords (49k entries of `@zxcvbn-ts/language-common`) is large, so it is not part of
 * this module: the server passes it in as a Set (built once); the web leaves it out and shows the server's
 * field errors. History (no reuse of the last passwords) needs the stored hashes and is checked by the server.
 */
import type { Role } from '../enums';

export interface PasswordPolicy {
  minLength: number;
  /** Minimum length for the privileged roles (PRIVILEGED_PASSWORD_ROLES). */
  privilegedMinLength: number;
  maxLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  privilegedMinLength: 12,
  maxLength: 128,
  minClasses: 3,
};

/** Administrators: whoever holds one of these roles can change many accounts or read the audit trail. */
export const PRIVILEGED_PASSWORD_ROLES: readonly Role[] = [
  'committee_admin',
  'unit_admin',
  'security_admin',
  'audit_admin',
];

/** How many of the latest passwords may not be used again (the current one included). */
export const PASSWORD_HISTORY_SIZE = 5;

export const PASSWORD_VIOLATIONS = [
  'too_short',
  'too_long',
  'too_few_classes',
  'contains_username',
  'context_word',
  'too_common',
  'same_as_current',
  'reused',
] as const;
export type PasswordViolation = (typeof PASSWORD_VIOLATIONS)[number];

/**
 * Words that make a password guessable here (ASVS 6.1.2 context words): the working committee, the party
 * organisations, the platform (示范 / shifan), the city. Compared with the lower-cased, de-leeted password.
 */
export const CONTEXT_WORDS: readonly string[] = [
  '党工委',
  '工委',
  '机关',
  '示范',
  '党建',
  '党委',
  '天津',
  '津门',
  'tianjin',
  'shifan',
  'dangjian',
  'dangwei',
  'danggongwei',
  'gongwei',
  'jiguan',
];

/** What the policy knows about the account and the place, besides the password. */
export interface PasswordContext {
  username: string;
  role?: Role | null;
  /** The account's organisation: its name and short name (each refused as a part of the password). */
  organizationNames?: readonly (string | null | undefined)[];
  /** Common passwords, lower case (the server's list); absent on the web. */
  commonPasswords?: ReadonlySet<string>;
}

export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

export function minLengthFor(role: Role | null | undefined, policy: PasswordPolicy): number {
  return role && PRIVILEGED_PASSWORD_ROLES.includes(role)
    ? Math.max(policy.minLength, policy.privilegedMinLength)
    : policy.minLength;
}

const LEET_I: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};
const LEET_L: Record<string, string> = { ...LEET_I, '1': 'l' };

function deleet(s: string, map: Record<string, string>): string {
  return s.replace(/[@40135$7]/g, (c) => map[c]!);
}

/** Trailing digits and symbols off: `admin@123` → `admin`. */
function stripTail(s: string): string {
  return s.replace(/[^\p{L}]+$/u, '');
}

/**
 * The forms a password is compared in: lower case (NFKC), with the common substitutions undone
 * (@→a 0→o 1→i or l 3→e $→s 5→s 7→t), and each without its trailing digits and symbols.
 */
export function passwordForms(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase();
  const forms = new Set<string>([lower]);
  for (const map of [LEET_I, LEET_L]) {
    forms.add(deleet(lower, map));
    forms.add(stripTail(lower));
    forms.add(deleet(stripTail(lower), map));
    forms.add(stripTail(deleet(lower, map)));
  }
  return [...forms];
}

/** A stem shorter than this is not looked up in the common list (`Xy!…` is not the word `xy`). */
const MIN_COMMON_STEM = 4;

function usernameFragments(username: string): string[] {
  const u = [...username.normalize('NFKC').trim().toLowerCase()];
  if (u.length < 3) return [];
  if (u.length <= 4) return [u.join('')];
  const out = new Set<string>();
  for (let i = 0; i + 4 <= u.length; i++) out.add(u.slice(i, i + 4).join(''));
  return [...out];
}

function contextWords(names: PasswordContext['organizationNames']): string[] {
  const out = [...CONTEXT_WORDS];
  for (const n of names ?? []) {
    const w = n?.normalize('NFKC').trim().toLowerCase();
    if (w && [...w].length >= 2) out.push(w);
  }
  return out;
}

/**
 * The rules the password breaks, in PASSWORD_VIOLATIONS order (empty: acceptable). `same_as_current` and
 * `reused` are the server's (they need the current password and the stored hashes). A bare username stands for `{ username }`.
 */
export function checkPassword(
  password: string,
  context: string | PasswordContext,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordViolation[] {
  const c: PasswordContext = typeof context === 'string' ? { username: context } : context;
  const out: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < minLengthFor(c.role, policy)) out.push('too_short');
  if (length > policy.maxLength) out.push('too_long');
  if (characterClasses(password) < policy.minClasses) out.push('too_few_classes');
  const forms = passwordForms(password);
  const fragments = usernameFragments(c.username);
  if (fragments.some((f) => forms.some((p) => p.includes(f)))) out.push('contains_username');
  const words = contextWords(c.organizationNames);
  if (words.some((w) => forms.some((p) => p.includes(w)))) out.push('context_word');
  const common = c.commonPasswords;
  if (common && forms.some((p) => [...p].length >= MIN_COMMON_STEM && common.has(p))) out.push('too_common');
  return out;
}

/** Texts for the field errors; `{min}`, `{max}` and `{n}` are filled in by `passwordViolationText`. */
export const PASSWORD_VIOLATION_TEXT: Record<PasswordViolation, { zh: string; en: string }> = {
  too_short: {
    zh: '密码长度不足，至少 {min} 个字符',
    en: 'The password is too short: at least {min} characters',
  },
  too_long: { zh: '密码过长，最多 {max} 个字符', en: 'The password is too long: at most {max} characters' },
  too_few_classes: {
    zh: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'Use at least three of: upper-case, lower-case, digits, symbols',
  },
  contains_username: {
    zh: '密码不能包含用户名或其中连续 4 个字符',
    en: 'The password must not contain the username or any 4 characters of it in a row',
  },
  context_word: {
    zh: '密码不能包含党工委、机关、示范、党建、城市名或本单位名称等易猜词语',
    en: 'The password must not contain guessable words: the committee, the platform, the city, your organisation',
  },
  too_common: {
    zh: '密码过于常见（或只是常见密码加数字、符号），容易被猜到',
    en: 'The password is too common (or a common password with digits or symbols added)',
  },
  same_as_current: {
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  reused: {
    zh: '新密码不能与最近 {n} 次使用过的密码相同',
    en: 'The new password must differ from your last {n} passwords',
  },
};

export function passwordViolationText(
  v: PasswordViolation,
  policy: PasswordPolicy,
  role?: Role | null,
): { zh: string; en: string } {
  const fill = (s: string) =>
    s
      .replace('{min}', String(minLengthFor(role, policy)))
      .replace('{max}', String(policy.maxLength))
      .replace('{n}', String(PASSWORD_HISTORY_SIZE));
  const t = PASSWORD_VIOLATION_TEXT[v];
  return { zh: fill(t.zh), en: fill(t.en) };
}
