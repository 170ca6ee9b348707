/**
 * The second factor (AUTH-06/07): the code step of a login, enrolment of a TOTP authenticator with ten
 * recovery codes, their regeneration, turning it off (roles that need none), and the reset that an approved
 * four-eyes request carries out. Every step is audited; a wrong code counts towards the lockout like a
 * wrong password.
 */
import crypto from 'node:crypto';
import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { recoveryCodes, rememberedDevices, secondFactors, sessions, users } from '../../db/schema';
import type { Config } from '../../config';
import type { Actor, Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { hashPassword, verifyPassword } from '../../core/passwords';
import { acceptedStep, enrolmentUri, newTotpSecret } from '../../core/totp';
import { writeAudit } from '../audit/write';
import {
  RECOVERY_CODE_COUNT,
  type Enrolment,
  type SecondFactorStatus,
  type VerifySecondFactor,
} from '../../../../shared/src/contracts/second-factor';
import { countFailure, loginActor, startSession, type UserRow } from './service';
import { isEnrolled, secondFactorRequired, tokenHash } from './second-factor-gate';

const MINUTE = 60_000;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `xxxxx-xxxxx` from 31 unambiguous characters: about 49 bits each. */
function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** What a user typed, as stored: lower case, without spaces or dashes. */
export function normalizeRecoveryCode(s: string): string {
  return s.toLowerCase().replace(/[\s-]+/g, '');
}

/** Replaces the account's recovery codes with ten new ones and returns them (shown once). */
async function replaceRecoveryCodes(tx: DbOrTx, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => hashPassword(normalizeRecoveryCode(c))));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
  return codes;
}

async function userRow(db: DbOrTx, userId: string): Promise<UserRow> {
  const [u] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!u) throw new AppError('UNAUTHENTICATED');
  return u;
}

async function factorOf(db: DbOrTx, userId: string) {
  const [f] = await db.select().from(secondFactors).where(eq(secondFactors.userId, userId)).limit(1);
  return f ?? null;
}

export async function status(db: Db, config: Readonly<Config>, actor: Actor): Promise<SecondFactorStatus> {
  const f = await factorOf(db, actor.userId);
  const left = f?.enrolledAt
    ? (
        await db
          .select({ id: recoveryCodes.id })
          .from(recoveryCodes)
          .where(and(eq(recoveryCodes.userId, actor.userId), isNull(recoveryCodes.usedAt)))
      ).length
    : 0;
  return {
    gate: actor.secondFactor ?? null,
    enrolled: Boolean(f?.enrolledAt),
    required: secondFactorRequired(config, actor.role),
    enrolledAt: f?.enrolledAt?.toISOString() ?? null,
    recoveryCodesLeft: left,
    relaxedForDemo: config.mfa.relaxedForDemo,
  };
}

export interface Completed {
  token: string;
  actor: Actor;
  /** A new remember-device token when asked for, with its expiry. */
  remember: { token: string; expiresAt: Date } | null;
}

type CheckOutcome =
  | { ok: true; how: 'totp'; step: number }
  | { ok: true; how: 'recovery_code'; codeId: number }
  | { ok: false; reason: string };

async function checkFactor(
  db: Db,
  userId: string,
  input: VerifySecondFactor,
  now: Date,
): Promise<CheckOutcome> {
  const f = await factorOf(db, userId);
  if (!f?.enrolledAt) return { ok: false, reason: 'not_enrolled' };
  if (input.code !== undefined) {
    const step = acceptedStep(f.secret, input.code, now, f.lastStep);
    if (step !== null) return { ok: true, how: 'totp', step };
    const replay = f.lastStep !== null && acceptedStep(f.secret, input.code, now, null) !== null;
    return { ok: false, reason: replay ? 'replayed_code' : 'wrong_code' };
  }
  const unused = await db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const given = normalizeRecoveryCode(input.recoveryCode ?? '');
  const matches = await Promise.all(unused.map((r) => verifyPassword(r.codeHash, given)));
  const hit = unused.find((_, i) => matches[i]);
  return hit
    ? { ok: true, how: 'recovery_code', codeId: hit.id }
    : { ok: false, reason: 'wrong_recovery_code' };
}

/**
 * The code step of a login (session gate `pending`): a TOTP code of a step newer than the last accepted, or
 * an unused recovery code. Right: the pending session is replaced by a complete one (a new token), the code's
 * step or the recovery code is spent (a conditional update, so two requests cannot spend it twice), and the
 * failure count clears. Wrong: 401, counted towards the lockout; at the lockout the pending session ends.
 */
export async function verify(
  db: Db,
  config: Readonly<Config>,
  ctx: Ctx,
  idHash: string,
  input: VerifySecondFactor,
  userAgent: string | null,
): Promise<Completed> {
  const actor = ctx.actor!;
  if (actor.secondFactor !== 'pending') throw new AppError('CONFLICT');
  const u = await userRow(db, actor.userId);
  const about = { id: u.id, name: u.username, role: u.role };
  const locked = u.lockedUntil !== null && u.lockedUntil > ctx.now;
  const outcome: CheckOutcome = locked
    ? { ok: false, reason: 'locked' }
    : await checkFactor(db, u.id, input, ctx.now);
  if (!outcome.ok) {
    await db.transaction(async (tx) => {
      const lock = outcome.reason !== 'locked' && (await countFailure(tx, config, ctx, u, about));
      if (lock || locked) await tx.delete(sessions).where(eq(sessions.idHash, idHash));
      await writeAudit(tx, ctx, {
        action: 'auth.second_factor',
        objectType: 'user',
        objectId: u.id,
        outcome: 'failure',
        detail: outcome.reason,
      });
    });
    throw new AppError('INVALID_SECOND_FACTOR');
  }
  return db.transaction(async (tx) => {
    if (!(await spend(tx, u.id, outcome, ctx.now))) throw new AppError('INVALID_SECOND_FACTOR');
    await tx
      .update(users)
      .set({ failedLogins: 0, firstFailedAt: null, lockedUntil: null })
      .where(eq(users.id, u.id));
    await tx.delete(sessions).where(eq(sessions.idHash, idHash));
    const token = await startSession(tx, config, ctx, u.id, null, userAgent);
    const remember = input.rememberDevice ? await rememberDevice(tx, config, u.id, ctx.now) : null;
    const done: Actor = { ...loginActor(config, u, ctx.now), secondFactor: null };
    await writeAudit(
      tx,
      { ...ctx, actor: done },
      {
        action: 'auth.second_factor',
        objectType: 'user',
        objectId: u.id,
        detail: `${outcome.how}${remember ? '; device remembered' : ''}`,
      },
    );
    return { token, actor: done, remember };
  });
}

/** Marks the step or the recovery code used; false when a concurrent request spent it first. */
async function spend(
  tx: DbOrTx,
  userId: string,
  outcome: Extract<CheckOutcome, { ok: true }>,
  now: Date,
): Promise<boolean> {
  if (outcome.how === 'totp') {
    const rows = await tx
      .update(secondFactors)
      .set({ lastStep: outcome.step })
      .where(
        and(
          eq(secondFactors.userId, userId),
          or(isNull(secondFactors.lastStep), lt(secondFactors.lastStep, outcome.step)),
        ),
      )
      .returning({ userId: secondFactors.userId });
    return rows.length === 1;
  }
  const rows = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.id, outcome.codeId), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

/** Remembers this browser for the account, no longer than the absolute session lifetime. */
async function rememberDevice(tx: DbOrTx, config: Readonly<Config>, userId: string, now: Date) {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.session.absoluteHours * 60 * MINUTE);
  await tx
    .insert(rememberedDevices)
    .values({ tokenHash: tokenHash(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/**
 * The enrolment waiting for its first code: the same seed until it is confirmed (a new one is drawn only
 * when there is none). 409 once enrolled: the seed is never shown again.
 */
export async function enrolment(db: Db, ctx: Ctx): Promise<Enrolment> {
  const actor = ctx.actor!;
  let f = await factorOf(db, actor.userId);
  if (f?.enrolledAt) throw new AppError('CONFLICT');
  if (!f) {
    await db
      .insert(secondFactors)
      .values({ userId: actor.userId, secret: newTotpSecret(), createdAt: ctx.now })
      .onConflictDoNothing();
    f = await factorOf(db, actor.userId);
  }
  const { uri, qrDataUrl } = await enrolmentUri(f!.secret, actor.username);
  return { uri, qrDataUrl, secret: f!.secret, issuer: 'Shifan 示范创建', account: actor.username };
}

const wrongCode = () =>
  new AppError('VALIDATION_FAILED', [
    fieldError(
      'code',
      'wrong_code',
      '验证码不正确，请核对手机时间后重试',
      'The code is wrong; check the phone’s clock and try again',
    ),
  ]);

/**
 * Confirms the enrolment with a first code: the factor is on, ten recovery codes are made (returned once),
 * and a session held at the enrolment gate becomes complete under a new token.
 */
export async function confirmEnrolment(
  db: Db,
  config: Readonly<Config>,
  ctx: Ctx,
  idHash: string,
  code: string,
  userAgent: string | null,
): Promise<{ recoveryCodes: string[]; token: string | null }> {
  const actor = ctx.actor!;
  const f = await factorOf(db, actor.userId);
  if (!f || f.enrolledAt) throw new AppError('CONFLICT');
  const step = acceptedStep(f.secret, code, ctx.now, null);
  if (step === null) {
    await writeAudit(db, ctx, {
      action: 'auth.second_factor_enrol',
      objectType: 'user',
      objectId: actor.userId,
      outcome: 'failure',
      detail: 'wrong_code',
    });
    throw wrongCode();
  }
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(secondFactors)
      .set({ enrolledAt: ctx.now, lastStep: step })
      .where(and(eq(secondFactors.userId, actor.userId), isNull(secondFactors.enrolledAt)))
      .returning({ userId: secondFactors.userId });
    if (updated.length !== 1) throw new AppError('CONFLICT');
    const codes = await replaceRecoveryCodes(tx, actor.userId, ctx.now);
    let token: string | null = null;
    if (actor.secondFactor === 'enrol') {
      await tx.delete(sessions).where(eq(sessions.idHash, idHash));
      token = await startSession(tx, config, ctx, actor.userId, null, userAgent);
    }
    await writeAudit(tx, ctx, {
      action: 'auth.second_factor_enrol',
      objectType: 'user',
      objectId: actor.userId,
      detail: `TOTP; ${RECOVERY_CODE_COUNT} recovery codes`,
    });
    return { recoveryCodes: codes, token };
  });
}

/** The password again, for regenerating recovery codes or turning the factor off: 400 when wrong, audited. */
async function confirmPassword(
  db: Db,
  ctx: Ctx,
  password: string,
  action: 'auth.recovery_codes' | 'auth.second_factor_disable',
): Promise<void> {
  const u = await userRow(db, ctx.actor!.userId);
  if (await verifyPassword(u.passwordHash, password)) return;
  await writeAudit(db, ctx, {
    action,
    objectType: 'user',
    objectId: u.id,
    outcome: 'failure',
    detail: 'wrong password',
  });
  throw new AppError('VALIDATION_FAILED', [
    fieldError('password', 'wrong_password', '密码不正确', 'The password is wrong'),
  ]);
}

/** Ten new recovery codes (the old ones stop working), with the password: shown once. */
export async function regenerateRecoveryCodes(db: Db, ctx: Ctx, password: string): Promise<string[]> {
  const userId = ctx.actor!.userId;
  if (!(await isEnrolled(db, userId))) throw new AppError('CONFLICT');
  await confirmPassword(db, ctx, password, 'auth.recovery_codes');
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId, ctx.now);
    await writeAudit(tx, ctx, { action: 'auth.recovery_codes', objectType: 'user', objectId: userId });
    return codes;
  });
}

/** Removes an account's factor, recovery codes and remembered browsers. */
export async function removeSecondFactor(tx: DbOrTx, userId: string): Promise<void> {
  await tx.delete(secondFactors).where(eq(secondFactors.userId, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.delete(rememberedDevices).where(eq(rememberedDevices.userId, userId));
}

/**
 * Turns one's own second factor off, with the password: only for a role that need not use one (409 for
 * the others: their lost device is reset by two administrators). Other sessions of the account end.
 */
export async function disable(
  db: Db,
  config: Readonly<Config>,
  ctx: Ctx,
  idHash: string,
  password: string,
): Promise<void> {
  const actor = ctx.actor!;
  if (secondFactorRequired(config, actor.role) || !(await isEnrolled(db, actor.userId)))
    throw new AppError('CONFLICT');
  await confirmPassword(db, ctx, password, 'auth.second_factor_disable');
  await db.transaction(async (tx) => {
    await removeSecondFactor(tx, actor.userId);
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), ne(sessions.idHash, idHash)));
    await writeAudit(tx, ctx, {
      action: 'auth.second_factor_disable',
      objectType: 'user',
      objectId: actor.userId,
    });
  });
}
