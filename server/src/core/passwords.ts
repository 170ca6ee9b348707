/**
 * Credentials both auth (login, password change) and accounts (create, reset) need: argon2id hashing and
 * one-time passwords. Login names are normalised by `normalizeLogin` (shared/src/domain/account-rules).
 */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from '../../../shared/src/domain/password-policy';
import { commonPasswords } from './common-passwords';

/** argon2id with OWASP's parameters (19 MiB, t=2, p=1); the salt is per hash (AUTH-08). */
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verified against when the user is unknown, so timing does not tell. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummy;
}

/**
 * A one-time password that meets the policy for any role: 16 characters from four classes, no look-alikes,
 * drawn again in the (rare) case it holds a fragment of the username, a context word or a common password.
 */
export function generateOneTimePassword(username = ''): string {
  for (;;) {
    const p = randomPassword();
    if (!checkPassword(p, { username, role: 'security_admin', commonPasswords: commonPasswords() }).length)
      return p;
  }
}

function randomPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@'];
  const all = sets.join('');
  const chars = sets.map((s) => s[crypto.randomInt(s.length)]!);
  while (chars.length < 16) chars.push(all[crypto.randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
