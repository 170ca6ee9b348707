/**
 * Credentials an administrator resets for someone else: a new one-time password, or the end of a lockout.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { needsFourEyes } from '../../../../shared/src/domain/account-rules';
import type { PrivilegedKind } from '../../../../shared/src/contracts/privileged-requests';
import { diff, writeAudit, type Changes } from '../audit/write';
import * as repo from './repo';
import { removeSecondFactor } from '../auth/second-factor';
import { notify } from '../notifications/service';
import type { Account } from '../../../../shared/src/contracts/accounts';
import {
  changedMeanwhile,
  checkVersion,
  issueOneTimePassword,
  loadManaged,
  reload,
  selfConflict,
  type WithOneTimePassword,
} from './access';

/**
 * The 403 of a direct action on an administrator account: it goes through a four-eyes request
 * (POST /api/privileged-requests with the kind named here), approved by another administrator.
 */
export function approvalRequired(kind: PrivilegedKind, zh: string, en: string): AppError {
  return new AppError('FOUR_EYES_REQUIRED', [fieldError('id', `approval_required:${kind}`, zh, en)]);
}

export async function resetPassword(
  db: Db,
  ctx: Ctx,
  id: string,
  version: number,
): Promise<WithOneTimePassword> {
  const actor = requireActor(ctx);
  const row = await loadManaged(db, actor, 'accounts.manage', id);
  if (row.id === actor.userId)
    throw selfConflict(
      'id',
      '不能重置自己的密码，请使用“修改密码”',
      'You cannot reset your own password; change it instead',
    );
  if (needsFourEyes(row.role))
    throw approvalRequired(
      'password_reset',
      '管理员账号的密码须经另一名不同角色的管理员批准后才能重置，请提交特权操作申请',
      'An administrator’s password is reset only with the approval of another administrator of a different role: submit a privileged request',
    );
  await checkVersion(db, row, version);
  return db.transaction(async (tx) => {
    const oneTimePassword = await applyPasswordReset(tx, ctx, row, version, null);
    return { account: await reload(tx, row.id, ctx.now), oneTimePassword };
  });
}

/**
 * Writes a new one-time password at `version` (409 when the account changed meanwhile), ends every
 * session, clears a lockout, audits accounts.reset_password (naming the four-eyes request, if any) and
 * tells the holder in the inbox. Answers the one-time password, for whoever is to hand it over.
 */
async function applyPasswordReset(
  tx: DbOrTx,
  ctx: Ctx,
  row: repo.AccountRow,
  version: number,
  requestId: string | null,
): Promise<string> {
  const otp = await issueOneTimePassword(ctx.now, row.username);
  const updated = await repo.updateUserAtVersion(tx, row.id, version, {
    passwordHash: otp.passwordHash,
    mustChangePassword: true,
    oneTimeExpiresAt: otp.oneTimeExpiresAt,
    failedLogins: 0,
    firstFailedAt: null,
    lockedUntil: null,
    updatedAt: ctx.now,
  });
  if (!updated) throw await changedMeanwhile(tx, row);
  const ended = await repo.deleteSessionsOf(tx, row.id);
  const changes: Changes = {
    password: { before: '***', after: '***' },
    ...diff(row, updated, ['mustChangePassword', 'oneTimeExpiresAt', 'lockedUntil', 'failedLogins']),
  };
  await writeAudit(tx, ctx, {
    action: 'accounts.reset_password',
    objectType: 'user',
    objectId: row.id,
    unitId: row.unitId,
    changes,
    detail: requestId
      ? `privileged request ${requestId}; sessions ended: ${ended}`
      : `sessions ended: ${ended}`,
  });
  await notify(
    tx,
    [row.id],
    {
      kind: 'account.password_reset',
      titleZh: '您的密码已被重置',
      titleEn: 'Your password was reset',
      bodyZh: requestId
        ? '经两名管理员审批，您的密码已重置为一次性密码，原密码和所有登录会话已失效。首次登录后须修改密码。如非本人申请，请立即联系安全管理员。'
        : '管理员已将您的密码重置为一次性密码，原密码和所有登录会话已失效。首次登录后须修改密码。如非本人申请，请立即联系安全管理员。',
      bodyEn: requestId
        ? 'Two administrators approved a reset: your password is now a one-time password, the old one and every session no longer work. Change it at your first login. If you did not ask for this, tell the security administrator at once.'
        : 'An administrator reset your password to a one-time password: the old one and every session no longer work. Change it at your first login. If you did not ask for this, tell the security administrator at once.',
      link: '/account/security',
    },
    ctx.now,
  );
  return otp.oneTimePassword;
}

/**
 * Carries out an approved four-eyes password reset (the request is the privileged module's) on the
 * account as it is now; the one-time password goes back to the approving administrator only.
 */
export async function resetPasswordApproved(
  tx: DbOrTx,
  ctx: Ctx,
  target: { id: string },
  requestId: string,
): Promise<string> {
  const row = await current(tx, target.id);
  return applyPasswordReset(tx, ctx, row, row.version, requestId);
}

export async function unlockAccount(db: Db, ctx: Ctx, id: string, version: number): Promise<Account> {
  const actor = requireActor(ctx);
  const row = await loadManaged(db, actor, 'accounts.manage', id);
  if (needsFourEyes(row.role))
    throw approvalRequired(
      'account_unlock',
      '管理员账号须经另一名不同角色的管理员批准后才能解除锁定，请提交特权操作申请',
      'An administrator account is unlocked only with the approval of another administrator of a different role: submit a privileged request',
    );
  await checkVersion(db, row, version);
  return db.transaction(async (tx) => {
    await applyUnlock(tx, ctx, row, version, null);
    return reload(tx, row.id, ctx.now);
  });
}

/** Clears the lockout at `version` (409 when changed meanwhile) and audits accounts.unlock. */
async function applyUnlock(
  tx: DbOrTx,
  ctx: Ctx,
  row: repo.AccountRow,
  version: number,
  requestId: string | null,
): Promise<void> {
  const updated = await repo.updateUserAtVersion(tx, row.id, version, {
    failedLogins: 0,
    firstFailedAt: null,
    lockedUntil: null,
    updatedAt: ctx.now,
  });
  if (!updated) throw await changedMeanwhile(tx, row);
  await writeAudit(tx, ctx, {
    action: 'accounts.unlock',
    objectType: 'user',
    objectId: row.id,
    unitId: row.unitId,
    changes: diff(row, updated, ['lockedUntil', 'failedLogins', 'firstFailedAt']),
    detail: requestId ? `privileged request ${requestId}` : null,
  });
}

/** The account as it is now, for a four-eyes executor (404 if it went). */
async function current(tx: DbOrTx, id: string): Promise<repo.AccountRow> {
  const row = await repo.findAccount(tx, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

const conflictOn = (code: string, zh: string, en: string) =>
  new AppError('CONFLICT', [fieldError('targetUserId', code, zh, en)]);

/** A four-eyes unlock makes sense only for a locked account (409 not_locked otherwise). */
export async function checkLocked(db: DbOrTx, id: string, now: Date): Promise<void> {
  const row = await current(db, id);
  if (!row.lockedUntil || row.lockedUntil <= now)
    throw conflictOn('not_locked', '该账号当前未被锁定', 'This account is not locked');
}

/** Carries out an approved four-eyes unlock on the account as it is now. */
export async function unlockApproved(
  tx: DbOrTx,
  ctx: Ctx,
  target: { id: string },
  requestId: string,
): Promise<void> {
  const row = await current(tx, target.id);
  await applyUnlock(tx, ctx, row, row.version, requestId);
}

/** A four-eyes re-enable makes sense only for a disabled account (409 not_disabled otherwise). */
export async function checkDisabled(db: DbOrTx, id: string): Promise<void> {
  if (!(await current(db, id)).disabled)
    throw conflictOn('not_disabled', '该账号未被禁用', 'This account is not disabled');
}

/** Carries out an approved re-enable of an administrator account: it can log in again. */
export async function enableApproved(
  tx: DbOrTx,
  ctx: Ctx,
  target: { id: string },
  requestId: string,
): Promise<void> {
  const row = await current(tx, target.id);
  const updated = await repo.updateUserAtVersion(tx, row.id, row.version, {
    disabled: false,
    updatedAt: ctx.now,
  });
  if (!updated) throw await changedMeanwhile(tx, row);
  await writeAudit(tx, ctx, {
    action: 'accounts.enable',
    objectType: 'user',
    objectId: row.id,
    unitId: row.unitId,
    changes: diff(row, updated, ['disabled']),
    detail: `privileged request ${requestId}`,
  });
}

/**
 * Carries out an approved second-factor reset (a lost authenticator; the four-eyes request is the
 * privileged module's): the factor, recovery codes and remembered browsers go, every session of the
 * account ends, and the holder finds a notice in the inbox. At the next login a role that must use a
 * second factor is held at the enrolment.
 */
export async function resetSecondFactor(
  tx: DbOrTx,
  ctx: Ctx,
  target: { id: string; unitId: string | null },
  requestId: string,
): Promise<void> {
  await removeSecondFactor(tx, target.id);
  const ended = await repo.deleteSessionsOf(tx, target.id);
  await writeAudit(tx, ctx, {
    action: 'accounts.reset_second_factor',
    objectType: 'user',
    objectId: target.id,
    unitId: target.unitId,
    detail: `privileged request ${requestId}; sessions ended: ${ended}`,
  });
  await notify(
    tx,
    [target.id],
    {
      kind: 'account.second_factor_reset',
      titleZh: '您的双因素认证已被重置',
      titleEn: 'Your second factor was reset',
      bodyZh:
        '经两名管理员审批，您账号绑定的身份验证器和恢复码已失效。下次登录后请重新绑定。如非本人申请，请立即联系安全管理员。',
      bodyEn:
        'Two administrators approved a reset: the authenticator and recovery codes of your account no longer work. Set up a new one at your next login. If you did not ask for this, tell the security administrator at once.',
      link: '/account/security',
    },
    ctx.now,
  );
}
