/**
 * An account's optional e-mail address: checking what a form sent, and masking it for the audit trail
 * (the trail keeps contact data masked, as organisations do with phone numbers).
 */
import { AppError, fieldError } from '../../core/errors';
import type { Changes } from '../audit/write';
import { emailAddress } from '../../../../shared/src/contracts/accounts';

/** The address to store (already trimmed and lower-cased by the contract), null for none; 400 when bad. */
export function checkEmail(input: string | null): string | null {
  if (input === null || input === '') return null;
  if (!emailAddress.safeParse(input).success)
    throw new AppError('VALIDATION_FAILED', [
      fieldError('email', 'invalid_format', '邮箱格式不正确', 'Not a valid e-mail address'),
    ]);
  return input;
}

/** wangjianhua@example.org → w***@example.org: who it was is kept, the mailbox is not. */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** `changes` with the e-mail masked before and after. */
export function maskEmailChange(changes: Changes): Changes {
  const c = changes.email;
  if (!c) return changes;
  return {
    ...changes,
    email: { before: maskEmail(c.before as string | null), after: maskEmail(c.after as string | null) },
  };
}
