/**
 * Where a login with the right password stands (AUTH-06): an enrolled account is asked for its code unless
 * this browser was remembered for it; an account whose role must use a second factor and has none is held
 * at the enrolment; any other login is complete.
 */
import crypto from 'node:crypto';
import { and, eq, gt, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rememberedDevices, secondFactors } from '../../db/schema';
import type { Config } from '../../config';
import type { Role } from '../../../../shared/src/enums';
import type { SecondFactorGate } from '../../../../shared/src/contracts/second-factor';

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function isEnrolled(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: secondFactors.userId })
    .from(secondFactors)
    .where(and(eq(secondFactors.userId, userId), isNotNull(secondFactors.enrolledAt)))
    .limit(1);
  return row !== undefined;
}

export function secondFactorRequired(config: Readonly<Config>, role: Role): boolean {
  return config.mfa.requiredRoles.includes(role);
}

async function remembered(db: DbOrTx, userId: string, token: string | null, now: Date): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const [row] = await db
    .select({ userId: rememberedDevices.userId })
    .from(rememberedDevices)
    .where(
      and(
        eq(rememberedDevices.tokenHash, tokenHash(token)),
        eq(rememberedDevices.userId, userId),
        gt(rememberedDevices.expiresAt, now),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function secondFactorGate(
  db: DbOrTx,
  config: Readonly<Config>,
  user: { id: string; role: Role },
  rememberToken: string | null,
  now: Date,
): Promise<SecondFactorGate | null> {
  if (await isEnrolled(db, user.id))
    return (await remembered(db, user.id, rememberToken, now)) ? null : 'pending';
  return secondFactorRequired(config, user.role) ? 'enrol' : null;
}
