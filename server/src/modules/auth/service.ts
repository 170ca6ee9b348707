import crypto from 'node:crypto';
import { and, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { organizations, passwordHistory, sessions, users } from '../../db/schema';
import type { Config } from '../../config';
import type { Actor, Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { dummyHash, hashPassword, verifyPassword } from '../../core/passwords';
import { normalizeLogin } from '../../../../shared/src/domain/account-rules';
import {
  checkPassword,
  PASSWORD_HISTORY_SIZE,
  passwordViolationText,
  type PasswordViolation,
} from '../../../../shared/src/domain/password-policy';
import { commonPasswords } from '../../core/common-passwords';
import type { SecondFactorGate } from '../../../../shared/src/contracts/second-factor';
import { secondFactorGate } from './second-factor-gate';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Has the password outlived `SHIFAN_PASSWORD_MAX_AGE_DAYS` (MLPS: periodic change)? Then the session is
 * held at the password-change gate like a one-time password's. An account that never chose a password
 * (`password_changed_at` empty) already must change its one-time password.
 */
export function passwordExpired(config: Readonly<Config>, changedAt: Date | null, now: Date): boolean {
  const days = config.password.maxAgeDays;
  return days > 0 && changedAt !== null && now.getTime() - changedAt.getTime() >= days * DAY;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export type UserRow = typeof users.$inferSelect;

function actorOf(u: UserRow, mustChangePassword: boolean): Actor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organizationId: u.organizationId,
    unitId: u.unitId,
    mustChangePassword,
  };
}

export type LoginResult = { ok: true; token: string; actor: Actor } | { ok: false };

type AuditAbout = { id: string | null; name: string | null; role: UserRow['role'] | null };

/**
 * One more failure (a wrong password or a wrong second-factor code) inside the failure window: at
 * SHIFAN_LOGIN_MAX_FAILURES the account locks for SHIFAN_LOCKOUT_MINUTES (audited `auth.lockout`).
 * Returns whether it locked.
 */
export async function countFailure(
  tx: DbOrTx,
  config: Readonly<Config>,
  ctx: Ctx,
  user: Pick<UserRow, 'id' | 'failedLogins' | 'firstFailedAt' | 'lockedUntil'>,
  about: AuditAbout,
): Promise<boolean> {
  const now = ctx.now;
  const windowStart = new Date(now.getTime() - config.login.failureWindowMinutes * MINUTE);
  const fresh = !user.firstFailedAt || user.firstFailedAt < windowStart;
  const count = fresh ? 1 : user.failedLogins + 1;
  const lock = count >= config.login.maxFailures;
  await tx
    .update(users)
    .set({
      failedLogins: lock ? 0 : count,
      firstFailedAt: lock ? null : fresh ? now : user.firstFailedAt,
      lockedUntil: lock ? new Date(now.getTime() + config.login.lockoutMinutes * MINUTE) : user.lockedUntil,
    })
    .where(eq(users.id, user.id));
  if (lock) {
    await writeAudit(tx, ctx, {
      action: 'auth.lockout',
      objectType: 'user',
      objectId: user.id,
      outcome: 'success',
      actorOverride: about,
      detail: `${count} failures within ${config.login.failureWindowMinutes} min; locked for ${config.login.lockoutMinutes} min`,
    });
  }
  return lock;
}

/** The actor of a complete login: held at the password change when the password is one-time or too old. */
export function loginActor(config: Readonly<Config>, u: UserRow, now: Date): Actor {
  const expired = !u.mustChangePassword && passwordExpired(config, u.passwordChangedAt, now);
  return {
    ...actorOf(u, u.mustChangePassword || expired),
    ...(expired ? { passwordExpired: true } : {}),
  };
}

/** A new session row (the token's hash); the cookie token is returned once. */
export async function startSession(
  tx: DbOrTx,
  config: Readonly<Config>,
  ctx: Ctx,
  userId: string,
  gate: SecondFactorGate | null,
  userAgent: string | null,
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = ctx.now;
  // A login waiting for its code lives for PENDING_MINUTES; a complete one for the absolute lifetime.
  const lifetime = gate === 'pending' ? PENDING_MINUTES : config.session.absoluteHours * 60;
  await tx.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + lifetime * MINUTE),
    ip: ctx.ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
    secondFactor: gate,
  });
  return token;
}

/** How long a password-checked login may wait for its second factor. */
export const PENDING_MINUTES = 5;

/**
 * Checks a login. Unknown user, wrong password, disabled and locked accounts all answer the same and
 * take the same time (one argon2 verification each). The failure counter and the audit event commit
 * before the caller answers 401.
 */
export async function login(
  db: Db,
  config: Readonly<Config>,
  ctx: Ctx,
  username: string,
  password: string,
  userAgent: string | null,
  rememberToken: string | null = null,
): Promise<LoginResult> {
  const name = normalizeLogin(username);
  const [user] = await db.select().from(users).where(eq(users.username, name)).limit(1);
  const now = ctx.now;
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);

  let reason: string | null = null;
  if (!user) reason = 'unknown_user';
  else if (user.disabled) reason = 'disabled';
  else if (user.lockedUntil && user.lockedUntil > now) reason = 'locked';
  else if (!valid) reason = 'wrong_password';
  else if (user.mustChangePassword && user.oneTimeExpiresAt && user.oneTimeExpiresAt < now)
    reason = 'one_time_password_expired';

  if (reason !== null) {
    await db.transaction(async (tx) => {
      const about = {
        id: user?.id ?? null,
        name: user?.username ?? name.slice(0, 64),
        role: user?.role ?? null,
      };
      if (user && reason === 'wrong_password') await countFailure(tx, config, ctx, user, about);
      await writeAudit(tx, ctx, {
        action: 'auth.login',
        objectType: 'user',
        objectId: user?.id ?? null,
        outcome: 'failure',
        actorOverride: about,
        detail: reason,
      });
    });
    return { ok: false };
  }

  const u = user!;
  const gate = await secondFactorGate(db, config, u, rememberToken, now);
  const actor: Actor = { ...loginActor(config, u, now), secondFactor: gate };
  const token = await db.transaction(async (tx) => {
    // The failure count is cleared only once the login is complete: a right password followed by wrong
    // codes keeps counting towards the lockout.
    await tx
      .update(users)
      .set(
        gate === 'pending'
          ? { lastLoginAt: now }
          : { failedLogins: 0, firstFailedAt: null, lockedUntil: null, lastLoginAt: now },
      )
      .where(eq(users.id, u.id));
    const t = await startSession(tx, config, ctx, u.id, gate, userAgent);
    const notes = [
      ...(gate === 'pending' ? ['password checked: second factor pending'] : []),
      ...(gate === 'enrol' ? ['password checked: second factor enrolment required'] : []),
      ...(actor.passwordExpired
        ? [`password older than ${config.password.maxAgeDays} days: change required`]
        : []),
    ];
    await writeAudit(
      tx,
      { ...ctx, actor },
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: u.id,
        ...(notes.length ? { detail: notes.join('; ') } : {}),
      },
    );
    return t;
  });
  return { ok: true, token, actor };
}

/**
 * The session lookup every request makes, as a named prepared statement (one per database handle): the
 * server parses and plans it once per connection instead of on every request, and it reads only what an
 * actor needs (never the password hash).
 */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function prepareSessionLookup(db: Db) {
  return db
    .select({
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      disabled: users.disabled,
      passwordChangedAt: users.passwordChangedAt,
      secondFactor: sessions.secondFactor,
      actor: {
        userId: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        organizationId: users.organizationId,
        unitId: users.unitId,
        mustChangePassword: users.mustChangePassword,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, sql.placeholder('idHash')))
    .limit(1)
    .prepare('shifan_session_lookup');
}

function sessionLookup(db: Db) {
  let q = sessionLookups.get(db);
  if (!q) sessionLookups.set(db, (q = prepareSessionLookup(db)));
  return q;
}

/** Resolves a session cookie to its actor; expired sessions (idle or absolute) are deleted. */
export async function resolveSession(
  db: Db,
  config: Readonly<Config>,
  token: string,
  now: Date,
): Promise<{ actor: Actor; idHash: string } | null> {
  const idHash = hashToken(token);
  const [row] = await sessionLookup(db).execute({ idHash });
  if (!row) return null;
  const idleLimit = new Date(now.getTime() - config.session.idleMinutes * MINUTE);
  if (row.expiresAt <= now || row.lastSeenAt < idleLimit || row.disabled) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > 30_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  const expired = !row.actor.mustChangePassword && passwordExpired(config, row.passwordChangedAt, now);
  const actor: Actor = { ...row.actor, secondFactor: row.secondFactor };
  return {
    actor: expired ? { ...actor, mustChangePassword: true, passwordExpired: true } : actor,
    idHash,
  };
}

/** A login whose body the contract refused (e.g. a NUL in the name): a failure like any other. */
export async function auditRefusedLogin(db: Db, ctx: Ctx, username: string | null): Promise<void> {
  await writeAudit(db, ctx, {
    action: 'auth.login',
    objectType: 'user',
    outcome: 'failure',
    actorOverride: { id: null, name: username === null ? null : username.slice(0, 64), role: null },
    detail: 'invalid_input',
  });
}

export async function logout(db: Db, ctx: Ctx, idHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, idHash));
    await writeAudit(tx, ctx, {
      action: 'auth.logout',
      objectType: 'user',
      objectId: ctx.actor?.userId ?? null,
    });
  });
}

export async function changePassword(
  db: Db,
  config: Readonly<Config>,
  ctx: Ctx,
  idHash: string,
  current: string,
  next: string,
): Promise<void> {
  const actor = ctx.actor!;
  const [u] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!u || !(await verifyPassword(u.passwordHash, current))) {
    await writeAudit(db, ctx, {
      action: 'auth.password_change',
      objectType: 'user',
      objectId: actor.userId,
      outcome: 'failure',
      detail: 'wrong current password',
    });
    throw new AppError('VALIDATION_FAILED', [
      fieldError('currentPassword', 'wrong_password', '当前密码不正确', 'The current password is wrong'),
    ]);
  }
  const violations = await violationsOf(db, config, u, next, current);
  if (violations.length) {
    // A refused change is an authentication event like a wrong current password: audited, the codes only.
    await writeAudit(db, ctx, {
      action: 'auth.password_change',
      objectType: 'user',
      objectId: u.id,
      outcome: 'failure',
      detail: `password policy: ${violations.join(', ')}`,
    });
    throw new AppError(
      'PASSWORD_POLICY',
      violations.map((v) => {
        const text = passwordViolationText(v, config.password, u.role);
        return fieldError('newPassword', v, text.zh, text.en);
      }),
    );
  }
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        oneTimeExpiresAt: null,
        passwordChangedAt: ctx.now,
        updatedAt: ctx.now,
        version: u.version + 1,
      })
      .where(eq(users.id, u.id));
    await tx.insert(passwordHistory).values({ userId: u.id, passwordHash, createdAt: ctx.now });
    const kept = tx
      .select({ id: passwordHistory.id })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, u.id))
      .orderBy(desc(passwordHistory.id))
      .limit(PASSWORD_HISTORY_SIZE);
    await tx
      .delete(passwordHistory)
      .where(and(eq(passwordHistory.userId, u.id), notInArray(passwordHistory.id, kept)));
    // Other sessions of this user end: whoever knew the old password is logged out.
    await tx.delete(sessions).where(and(eq(sessions.userId, u.id), ne(sessions.idHash, idHash)));
    await writeAudit(tx, ctx, {
      action: 'auth.password_change',
      objectType: 'user',
      objectId: u.id,
      changes: { password: { before: '***', after: '***' } },
    });
  });
}

/**
 * What the policy refuses in a new password for this account: the pure rules (with the common-password
 * list, the account's role and its organisation's names), then reuse of the current password or one of the
 * last PASSWORD_HISTORY_SIZE chosen ones (argon2 verifications against the stored hashes).
 */
export async function violationsOf(
  db: Db,
  config: Readonly<Config>,
  u: UserRow,
  next: string,
  current: string,
): Promise<PasswordViolation[]> {
  const orgIds = [u.organizationId, u.unitId].filter((id): id is string => id !== null);
  const orgs = orgIds.length
    ? await db
        .select({ name: organizations.name, shortName: organizations.shortName })
        .from(organizations)
        .where(inArray(organizations.id, orgIds))
    : [];
  const violations = checkPassword(
    next,
    {
      username: u.username,
      role: u.role,
      organizationNames: orgs.flatMap((o) => [o.name, o.shortName]),
      commonPasswords: commonPasswords(),
    },
    config.password,
  );
  if (next === current) violations.push('same_as_current');
  else if (await reusesAny(db, u, next)) violations.push('reused');
  return violations;
}

async function reusesAny(db: Db, u: UserRow, next: string): Promise<boolean> {
  const history = await db
    .select({ passwordHash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, u.id))
    .orderBy(desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY_SIZE);
  const hashes = [u.passwordHash, ...history.map((h) => h.passwordHash)];
  const matches = await Promise.all(hashes.map((h) => verifyPassword(h, next)));
  return matches.some(Boolean);
}
