import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { findUserIdByUsername, insertUser } from './repo';
import { issueOneTimePassword } from './access';
import { LOGIN_PATTERN, normalizeLogin } from '../../../../shared/src/domain/account-rules';
import type { Role } from '../../../../shared/src/enums';

/**
 * Creates the first administrator from the command line (AUTH-09: no default accounts). The
 * one-time password works for 24 hours and must be changed at first login.
 */
export async function createBootstrapAdmin(
  db: Db,
  now: Date,
  input: { username: string; displayName: string; role: Role },
): Promise<{ id: string; oneTimePassword: string }> {
  if (!['committee_admin', 'security_admin', 'audit_admin'].includes(input.role)) {
    throw new AppError('VALIDATION_FAILED', [
      fieldError('role', 'invalid_value', '命令行只能创建管理员账号', 'The CLI creates administrators only'),
    ]);
  }
  const username = normalizeLogin(input.username);
  if (!LOGIN_PATTERN.test(username)) {
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        'username',
        'invalid_format',
        '用户名为3-64位字母、数字或 . _ @ -',
        'Username: 3-64 of letters, digits, . _ @ -',
      ),
    ]);
  }
  const otp = await issueOneTimePassword(now, username);
  const ctx: Ctx = { actor: null, ip: null, requestId: 'cli', lang: 'zh-CN', now };
  return db.transaction(async (tx) => {
    if (await findUserIdByUsername(tx, username))
      throw new AppError('DUPLICATE', [
        fieldError('username', 'duplicate', '用户名已存在', 'The username is taken'),
      ]);
    const row = await insertUser(tx, {
      username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: otp.passwordHash,
      mustChangePassword: true,
      oneTimeExpiresAt: otp.oneTimeExpiresAt,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, ctx, {
      action: 'accounts.create',
      objectType: 'user',
      objectId: row.id,
      actorOverride: { id: null, name: 'cli', role: null },
      changes: { username: { before: null, after: username }, role: { before: null, after: input.role } },
      detail: 'created from the command line',
    });
    return { id: row.id, oneTimePassword: otp.oneTimePassword };
  });
}
