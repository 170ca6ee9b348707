/**
 * What every account operation shares: the caller's scope, the 404 rule, the presenter, versions.
 */
import type { DbOrTx } from '../../db/client';
import { scopeOf, type Actor } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { versionConflict } from '../audit/last-change';
import { generateOneTimePassword, hashPassword } from '../../core/passwords';
import * as repo from './repo';
import type { Account } from '../../../../shared/src/contracts/accounts';
import { canManageAccount, type AccountScope } from '../../../../shared/src/domain/account-rules';

const notFound = () => new AppError('NOT_FOUND');

/** A one-time password works for 24 hours (AUTH-09). */
export const ONE_TIME_PASSWORD_TTL_MS = 24 * 60 * 60 * 1000;

export interface WithOneTimePassword {
  account: Account;
  oneTimePassword: string;
}

/**
 * A fresh one-time password (itself within the password policy for the account), its hash and its
 * expiry: shown once, changed at first login.
 */
export async function issueOneTimePassword(now: Date, username: string) {
  const oneTimePassword = generateOneTimePassword(username);
  return {
    oneTimePassword,
    passwordHash: await hashPassword(oneTimePassword),
    oneTimeExpiresAt: new Date(now.getTime() + ONE_TIME_PASSWORD_TTL_MS),
  };
}

/** The presenter: what leaves the server about an account (never the hash or the counters). */
export function toAccount(r: repo.AccountRow, now: Date): Account {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    email: r.email,
    role: r.role,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    unitId: r.unitId,
    disabled: r.disabled,
    locked: r.lockedUntil !== null && r.lockedUntil > now,
    mustChangePassword: r.mustChangePassword,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export function accountScope(actor: Actor, action: 'accounts.read' | 'accounts.manage'): AccountScope {
  const s = scopeOf(actor, action);
  if (s.kind === 'org' || s.kind === 'self') throw new AppError('FORBIDDEN');
  return s;
}

export const selfConflict = (field: string, zh: string, en: string) =>
  new AppError('CONFLICT', [fieldError(field, 'self', zh, en)]);

/** The account if the caller may manage it; otherwise 404, so its existence stays private. */
export async function loadManaged(
  db: DbOrTx,
  actor: Actor,
  action: 'accounts.read' | 'accounts.manage',
  id: string,
): Promise<repo.AccountRow> {
  const row = await repo.findAccount(db, id);
  if (!row || !canManageAccount(actor.role, accountScope(actor, action), row)) throw notFound();
  return row;
}

/** 409 VERSION_CONFLICT, naming who made the current version, when `version` is not the account's. */
export async function checkVersion(db: DbOrTx, row: repo.AccountRow, version: number): Promise<void> {
  if (row.version !== version) throw await versionConflict(db, 'user', row);
}

/** The 409 of a guarded write that found the account changed meanwhile: its version now, and by whom. */
export async function changedMeanwhile(tx: DbOrTx, row: repo.AccountRow): Promise<AppError> {
  return versionConflict(tx, 'user', (await repo.findAccount(tx, row.id)) ?? row);
}

export async function reload(db: DbOrTx, id: string, now: Date): Promise<Account> {
  return toAccount((await repo.findAccount(db, id))!, now);
}
