import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import type { Ctx } from '../../http/context';
import { AppError, fieldError } from '../../http/errors';
import { writeAudit } from '../audit/write';
import { generateOneTimePassword, hashPassword, normalizeUsername } from '../auth/passwords';
import type { Role } from '../../../../shared/src/enums';

const DAY = 24 * 60 * 60 * 1000;

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
  const username = normalizeUsername(input.username);
  if (!/^[a-z0-9._@-]{3,64}$/.test(username)) {
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        'username',
        'invalid_format',
        '用户名为3-64位字母、数字或 . _ @ -',
        'Username: 3-64 of letters, digits, . _ @ -',
      ),
    ]);
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const ctx: Ctx = { actor: null, ip: null, requestId: 'cli', lang: 'zh-CN', now };
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, username))
      .limit(1);
    if (existing)
      throw new AppError('DUPLICATE', [
        fieldError('username', 'duplicate', '用户名已存在', 'The username is taken'),
      ]);
    const [row] = await tx
      .insert(users)
      .values({
        username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        mustChangePassword: true,
        oneTimeExpiresAt: new Date(now.getTime() + DAY),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    await writeAudit(tx, ctx, {
      action: 'accounts.create',
      objectType: 'user',
      objectId: row!.id,
      actorOverride: { id: null, name: 'cli', role: null },
      changes: { username: { before: null, after: username }, role: { before: null, after: input.role } },
      detail: 'created from the command line',
    });
    return { id: row!.id, oneTimePassword };
  });
}
