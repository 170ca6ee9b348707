/**
 * The signed-in user's own account: what `/api/auth/me` answers, and the one thing a user may change
 * about it themselves — the address notifications are also e-mailed to.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organizations, users } from '../../db/schema';
import type { Actor, Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { diff, writeAudit } from '../audit/write';
import { checkEmail, maskEmailChange } from '../accounts/email';
import { abilitiesOf } from '../../../../shared/src/domain/permissions';
import type { Me, PatchMe } from '../../../../shared/src/contracts/auth';

export async function me(db: Db, actor: Actor, demo: boolean): Promise<Me> {
  const [row] = await db
    .select({ email: users.email, organizationName: organizations.name })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, actor.userId))
    .limit(1);
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      mustChangePassword: actor.mustChangePassword,
      ...(actor.passwordExpired ? { passwordExpired: true } : {}),
      email: row?.email ?? null,
      secondFactor: actor.secondFactor ?? null,
    },
    roles: [actor.role],
    scope: {
      organizationId: actor.organizationId,
      organizationName: row?.organizationName ?? null,
      unitId: actor.unitId,
    },
    abilities: abilitiesOf(actor.role),
    demo,
  };
}

/**
 * Sets (or, with null or '', clears) the caller's own e-mail address: 400 on `email` when it is not one,
 * and nothing is written. The route is `session` (so a user without an action may use it), but an account
 * that must still change its password may do only that, as the authorization hook has it for action routes.
 * A change bumps the account's version, as an administrator's edit does, and is audited masked.
 */
export async function updateMe(db: Db, ctx: Ctx, patch: PatchMe): Promise<void> {
  const actor = ctx.actor!;
  if (actor.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (patch.email === undefined) return;
  const email = checkEmail(patch.email);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for('update');
    if (!row) throw new AppError('UNAUTHENTICATED');
    const changes = diff(row, { email }, ['email']);
    if (Object.keys(changes).length === 0) return;
    await tx
      .update(users)
      .set({ email, updatedAt: ctx.now, version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.userId));
    await writeAudit(tx, ctx, {
      action: 'auth.email_change',
      objectType: 'user',
      objectId: actor.userId,
      changes: maskEmailChange(changes),
    });
  });
}
