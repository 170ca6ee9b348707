/**
 * The list of common passwords the policy refuses: the 49k entries of `@zxcvbn-ts/language-common`
 * (`passwords-common`, MIT, pinned), lower case. Built into a Set once, on first use (a few milliseconds),
 * so the pure policy stays a lookup.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | null = null;

export function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const list = (dictionary as Record<string, readonly string[]>)['passwords-common'] ?? [];
    if (list.length < 10_000) throw new Error('the common-password list is missing or short');
    common = new Set(list.map((p) => p.normalize('NFKC').toLowerCase()));
  }
  return common;
}
