/**
 * Four-eyes requests (AC-08; issue #9 §2, reused by §3): an administrator asks for a privileged action on
 * another account; a second administrator — not the requester, not the target, and of a different role
 * than the requester — approves it, and only then is it carried out, in the approval's transaction. Every
 * step is audited. A kind is one entry of EXECUTORS.
 */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../../db/client';
import { privilegedRequests, users } from '../../db/schema';
import { requireActor, scopeOf, type Actor, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { managedAccount } from '../accounts/service';
import {
  checkDisabled,
  checkLocked,
  enableApproved,
  resetPasswordApproved,
  resetSecondFactor,
  unlockApproved,
} from '../accounts/credentials';
import { isEnrolled } from '../auth/second-factor-gate';
import type {
  CreatePrivilegedRequest,
  PrivilegedDecision,
  PrivilegedKind,
  PrivilegedRequest,
  PrivilegedState,
} from '../../../../shared/src/contracts/privileged-requests';

type Target = { id: string; unitId: string | null };

/**
 * What each kind checks when asked for (409 when it makes no sense) and does once approved; a password
 * reset answers the one-time password, which goes to the approver alone.
 */
const EXECUTORS: Record<
  PrivilegedKind,
  {
    check: (db: Db, target: Target, now: Date) => Promise<void>;
    run: (tx: DbOrTx, ctx: Ctx, target: Target, requestId: string) => Promise<string | void>;
  }
> = {
  second_factor_reset: {
    check: async (db, target) => {
      if (!(await isEnrolled(db, target.id)))
        throw new AppError('CONFLICT', [
          fieldError(
            'targetUserId',
            'not_enrolled',
            '该账号未启用双因素认证',
            'This account has no second factor',
          ),
        ]);
    },
    run: (tx, ctx, target, requestId) => resetSecondFactor(tx, ctx, target, requestId),
  },
  password_reset: {
    check: async () => {},
    run: (tx, ctx, target, requestId) => resetPasswordApproved(tx, ctx, target, requestId),
  },
  account_unlock: {
    check: (db, target, now) => checkLocked(db, target.id, now),
    run: (tx, ctx, target, requestId) => unlockApproved(tx, ctx, target, requestId),
  },
  account_enable: {
    check: (db, target) => checkDisabled(db, target.id),
    run: (tx, ctx, target, requestId) => enableApproved(tx, ctx, target, requestId),
  },
};

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

function selectRequests(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      r: privilegedRequests,
      target: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        unitId: users.unitId,
      },
      requestedBy: { id: requester.id, username: requester.username, displayName: requester.displayName },
      decidedBy: { id: decider.id, username: decider.username, displayName: decider.displayName },
    })
    .from(privilegedRequests)
    .innerJoin(users, eq(users.id, privilegedRequests.targetUserId))
    .innerJoin(requester, eq(requester.id, privilegedRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, privilegedRequests.decidedBy))
    .where(where)
    .orderBy(desc(privilegedRequests.createdAt));
}

type Selected = Awaited<ReturnType<typeof selectRequests>>[number];

function present(row: Selected): PrivilegedRequest {
  const { unitId: _unit, ...target } = row.target;
  return {
    id: row.r.id,
    kind: row.r.kind,
    state: row.r.state,
    reason: row.r.reason,
    target,
    requestedBy: row.requestedBy,
    requestedRole: row.r.requestedRole,
    decidedBy: row.decidedBy?.id ? row.decidedBy : null,
    createdAt: row.r.createdAt.toISOString(),
    decidedAt: row.r.decidedAt?.toISOString() ?? null,
  };
}

/** The decider's scope over targets: all accounts, or a unit's (404 outside it). */
function inDecideScope(actor: Actor, target: { unitId: string | null }): boolean {
  const s = scopeOf(actor, 'privileged.decide');
  return s.kind === 'all' || (s.kind === 'unit' && target.unitId === s.unitId);
}

export async function list(
  db: Db,
  ctx: Ctx,
  state: PrivilegedState | undefined,
): Promise<PrivilegedRequest[]> {
  const actor = requireActor(ctx);
  const rows = await selectRequests(db, state ? eq(privilegedRequests.state, state) : undefined).limit(200);
  return rows.filter((r) => inDecideScope(actor, r.target)).map(present);
}

/** Asks for a privileged action on an account the caller manages (404 otherwise); never on oneself. */
export async function create(db: Db, ctx: Ctx, input: CreatePrivilegedRequest): Promise<PrivilegedRequest> {
  const actor = requireActor(ctx);
  const target = await managedAccount(db, ctx, input.targetUserId);
  if (target.id === actor.userId)
    throw new AppError('CONFLICT', [
      fieldError(
        'targetUserId',
        'self',
        '不能为自己的账号提交申请',
        'You cannot ask for this on your own account',
      ),
    ]);
  await EXECUTORS[input.kind].check(db, target, ctx.now);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(privilegedRequests)
        .values({
          kind: input.kind,
          targetUserId: target.id,
          reason: input.reason,
          requestedBy: actor.userId,
          requestedRole: actor.role,
          createdAt: ctx.now,
        })
        .returning({ id: privilegedRequests.id });
      await writeAudit(tx, ctx, {
        action: 'privileged.request',
        objectType: 'privileged_request',
        objectId: row!.id,
        unitId: target.unitId,
        detail: `${input.kind} for ${target.username}: ${input.reason}`,
      });
      return row!.id;
    });
    return get(db, id);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('DUPLICATE', [
        fieldError(
          'targetUserId',
          'pending',
          '该账号已有待审批的同类申请',
          'A request of this kind is already waiting for this account',
        ),
      ]);
    throw err;
  }
}

async function get(db: DbOrTx, id: string): Promise<PrivilegedRequest> {
  const [row] = await selectRequests(db, eq(privilegedRequests.id, id));
  return present(row!);
}

/** The request if the caller may decide in its scope: 404 otherwise. */
async function loadVisible(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await selectRequests(db, eq(privilegedRequests.id, id));
  if (!row || !inDecideScope(actor, row.target)) throw new AppError('NOT_FOUND');
  return row;
}

/** Why the caller may not approve: the requester, the account concerned, or the requester's role. */
function fourEyesRefusal(actor: Actor, row: Selected): string | null {
  if (actor.userId === row.r.requestedBy) return 'same administrator';
  if (actor.userId === row.target.id) return 'own account';
  if (actor.role === row.r.requestedRole) return 'same role';
  return null;
}

async function decide(
  db: Db,
  ctx: Ctx,
  id: string,
  state: 'approved' | 'rejected',
): Promise<PrivilegedDecision> {
  const actor = requireActor(ctx);
  const row = await loadVisible(db, actor, id);
  if (row.r.state !== 'pending') throw new AppError('CONFLICT');
  const refusal = state === 'approved' ? fourEyesRefusal(actor, row) : null;
  if (refusal) {
    await writeAudit(db, ctx, {
      action: 'privileged.approve',
      objectType: 'privileged_request',
      objectId: id,
      unitId: row.target.unitId,
      outcome: 'denied',
      detail: refusal,
    });
    throw new AppError('FOUR_EYES_REQUIRED');
  }
  const oneTimePassword = await db.transaction(async (tx) => {
    // Decided once: a concurrent decision finds the state changed and writes nothing.
    const updated = await tx
      .update(privilegedRequests)
      .set({ state, decidedBy: actor.userId, decidedAt: ctx.now })
      .where(and(eq(privilegedRequests.id, id), eq(privilegedRequests.state, 'pending')))
      .returning({ id: privilegedRequests.id });
    if (updated.length !== 1) throw new AppError('CONFLICT');
    await writeAudit(tx, ctx, {
      action: state === 'approved' ? 'privileged.approve' : 'privileged.reject',
      objectType: 'privileged_request',
      objectId: id,
      unitId: row.target.unitId,
      detail: `${row.r.kind} for ${row.target.username}, asked by ${row.requestedBy.username}`,
    });
    return state === 'approved' ? EXECUTORS[row.r.kind].run(tx, ctx, row.target, id) : undefined;
  });
  const decided = await get(db, id);
  return oneTimePassword ? { ...decided, oneTimePassword } : decided;
}

export const approve = (db: Db, ctx: Ctx, id: string) => decide(db, ctx, id, 'approved');
export const reject = (db: Db, ctx: Ctx, id: string) => decide(db, ctx, id, 'rejected');
