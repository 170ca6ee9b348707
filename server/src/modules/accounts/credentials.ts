/**
 * Credentials an administrator resets for someone else: a new one-time password, or the end of a lockout.
 */
import type { Db } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { diff, writeAudit, type Changes } from '../audit/write';
import * as repo from './repo';
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
  await checkVersion(db, row, version);
  const otp = await issueOneTimePassword(ctx.now, row.username);
  return db.transaction(async (tx) => {
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
      detail: `sessions ended: ${ended}`,
    });
    return { account: await reload(tx, row.id, ctx.now), oneTimePassword: otp.oneTimePassword };
  });
}

export async function unlockAccount(db: Db, ctx: Ctx, id: string, version: number): Promise<Account> {
  const actor = requireActor(ctx);
  const row = await loadManaged(db, actor, 'accounts.manage', id);
  await checkVersion(db, row, version);
  return db.transaction(async (tx) => {
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
    });
    return reload(tx, row.id, ctx.now);
  });
}
