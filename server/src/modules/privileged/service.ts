/**
 * Four-eyes requests (AC-08; issue #9 §2, reused by §3): an administrator asks for a privileged action on
 * another account; a second administrator — not the requester, not the target, and of a different role
 * than the requester, with authority over the accounts concerned (approvalRefusal) — approves it within
 * PRIVILEGED_REQUEST_TTL_HOURS, and only then is it carried out, in the approval's transaction. Every step
 * is audited. A kind is one entry of EXECUTORS.
 */
import { and, desc, eq, gt, lte, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../../db/client';
import { organizations, privilegedRequests, users } from '../../db/schema';
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
import { checkNewAccount, checkRoleGrant, createApproved, grantRoleApproved } from '../accounts/grants';
import { isEnrolled } from '../auth/second-factor-gate';
import {
  approvalRefusal,
  isExpired,
  PRIVILEGED_REQUEST_TTL_HOURS,
  PRIVILEGED_REQUEST_TTL_MS,
} from '../../../../shared/src/domain/four-eyes';
import type { Role } from '../../../../shared/src/enums';
import {
  GRANT_KINDS,
  type CreatePrivilegedRequest,
  type PrivilegedDecision,
  type PrivilegedKind,
  type PrivilegedRequest,
  type PrivilegedState,
} from '../../../../shared/src/contracts/privileged-requests';

/** The account concerned (for `account_create` before approval: none yet, `id` null). */
type Target = { id: string | null; username: string; role: Role | null; unitId: string | null };

/** A request as an executor needs it. */
type Asked = {
  id: string;
  target: Target;
  role: Role | null;
  organizationId: string | null;
  username: string | null;
  displayName: string | null;
  email: string | null;
};

/** What a kind adds to the request row when asked (the grant kinds: role, organisation, new account). */
type Extra = Partial<
  Pick<
    typeof privilegedRequests.$inferInsert,
    'role' | 'organizationId' | 'username' | 'displayName' | 'email'
  >
>;

const invalid = (field: string, code: string, zh: string, en: string) =>
  new AppError('VALIDATION_FAILED', [fieldError(field, code, zh, en)]);
const required = (field: string) => invalid(field, 'required', '必填', 'Required');
const notAllowed = (field: string) =>
  invalid(field, 'not_allowed', '此类申请不接受该字段', 'Not taken by this kind of request');

/** An existing account's id: 404 (with the id's field) for what the caller does not manage. */
const existing = (id: string) => ({ id });

/**
 * What each kind checks when asked for (409 when it makes no sense) and does once approved; a password
 * reset and an account creation answer the one-time password, which goes to the approver alone.
 */
const EXECUTORS: Record<
  PrivilegedKind,
  {
    check: (db: Db, ctx: Ctx, target: Account, input: CreatePrivilegedRequest) => Promise<Extra>;
    run: (tx: DbOrTx, ctx: Ctx, req: Asked) => Promise<string | void>;
  }
> = {
  second_factor_reset: {
    check: async (db, _ctx, target) => {
      if (!(await isEnrolled(db, target.id)))
        throw new AppError('CONFLICT', [
          fieldError(
            'targetUserId',
            'not_enrolled',
            '该账号未启用双因素认证',
            'This account has no second factor',
          ),
        ]);
      return {};
    },
    run: (tx, ctx, req) =>
      resetSecondFactor(tx, ctx, { id: req.target.id!, unitId: req.target.unitId }, req.id),
  },
  password_reset: {
    check: async () => ({}),
    run: (tx, ctx, req) => resetPasswordApproved(tx, ctx, existing(req.target.id!), req.id),
  },
  account_unlock: {
    check: async (db, ctx, target) => {
      await checkLocked(db, target.id, ctx.now);
      return {};
    },
    run: (tx, ctx, req) => unlockApproved(tx, ctx, existing(req.target.id!), req.id),
  },
  account_enable: {
    check: async (db, _ctx, target) => {
      await checkDisabled(db, target.id);
      return {};
    },
    run: (tx, ctx, req) => enableApproved(tx, ctx, existing(req.target.id!), req.id),
  },
  // Checked in create() (there is no account yet); made here with its one-time password.
  account_create: {
    check: async () => ({}),
    run: async (tx, ctx, req) => {
      const made = await createApproved(
        tx,
        ctx,
        {
          username: req.username!,
          displayName: req.displayName!,
          email: req.email,
          role: req.role!,
          organizationId: req.organizationId,
          unitId: null,
        },
        req.id,
      );
      await tx
        .update(privilegedRequests)
        .set({ targetUserId: made.id })
        .where(eq(privilegedRequests.id, req.id));
      return made.oneTimePassword;
    },
  },
  role_grant: {
    check: async (db, ctx, target, input) => {
      if (!input.role) throw required('role');
      const grant = await checkRoleGrant(db, ctx, target, input.role, input.organizationId ?? null);
      return { role: grant.role, organizationId: grant.organizationId };
    },
    run: (tx, ctx, req) =>
      grantRoleApproved(
        tx,
        ctx,
        req.target.id!,
        { role: req.role!, organizationId: req.organizationId },
        req.id,
      ),
  },
};

type Account = Awaited<ReturnType<typeof managedAccount>>;

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
        role: users.role,
        unitId: users.unitId,
      },
      organization: { id: organizations.id, name: organizations.name, unitId: organizations.unitId },
      requestedBy: { id: requester.id, username: requester.username, displayName: requester.displayName },
      decidedBy: { id: decider.id, username: decider.username, displayName: decider.displayName },
    })
    .from(privilegedRequests)
    .leftJoin(users, eq(users.id, privilegedRequests.targetUserId))
    .leftJoin(organizations, eq(organizations.id, privilegedRequests.organizationId))
    .innerJoin(requester, eq(requester.id, privilegedRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, privilegedRequests.decidedBy))
    .where(where)
    .orderBy(desc(privilegedRequests.createdAt));
}

type Selected = Awaited<ReturnType<typeof selectRequests>>[number];

/** The account concerned: the account row, or for a creation not approved yet the account asked for. */
function targetOf(row: Selected): Target {
  if (row.target?.id) return { ...row.target, role: row.target.role };
  return {
    id: null,
    username: row.r.username ?? '',
    role: row.r.role,
    unitId: row.organization?.unitId ?? null,
  };
}

/** The state as it stands at `now`: a pending request past its time has expired. */
function stateAt(row: Selected, now: Date): PrivilegedState {
  return row.r.state === 'pending' && isExpired(row.r.createdAt, now) ? 'expired' : row.r.state;
}

function present(row: Selected, now: Date): PrivilegedRequest {
  const target = row.target?.id
    ? { id: row.target.id, username: row.target.username, displayName: row.target.displayName }
    : { id: null, username: row.r.username ?? '', displayName: row.r.displayName ?? '' };
  return {
    id: row.r.id,
    kind: row.r.kind,
    state: stateAt(row, now),
    reason: row.r.reason,
    target,
    role: row.r.role,
    organization: row.organization?.id ? { id: row.organization.id, name: row.organization.name } : null,
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

/** The requests in `state` (as it stands now: pending ones past their time are listed as expired). */
function stateFilter(state: PrivilegedState | undefined, now: Date): SQL | undefined {
  const cutoff = new Date(now.getTime() - PRIVILEGED_REQUEST_TTL_MS);
  const stale = and(eq(privilegedRequests.state, 'pending'), lte(privilegedRequests.createdAt, cutoff));
  if (state === 'pending')
    return and(eq(privilegedRequests.state, 'pending'), gt(privilegedRequests.createdAt, cutoff));
  if (state === 'expired') return or(eq(privilegedRequests.state, 'expired'), stale);
  return state ? eq(privilegedRequests.state, state) : undefined;
}

export async function list(
  db: Db,
  ctx: Ctx,
  state: PrivilegedState | undefined,
): Promise<PrivilegedRequest[]> {
  const actor = requireActor(ctx);
  const rows = await selectRequests(db, stateFilter(state, ctx.now)).limit(200);
  return rows.filter((r) => inDecideScope(actor, targetOf(r))).map((r) => present(r, ctx.now));
}

/**
 * Marks the pending requests matched by `where` that are past their time as expired, each audited
 * (privileged.expire), in the caller's transaction: they no longer block a new request of their kind.
 */
async function expireStale(tx: DbOrTx, ctx: Ctx, where: SQL | undefined): Promise<void> {
  const cutoff = new Date(ctx.now.getTime() - PRIVILEGED_REQUEST_TTL_MS);
  const expired = await tx
    .update(privilegedRequests)
    .set({ state: 'expired' })
    .where(and(eq(privilegedRequests.state, 'pending'), lte(privilegedRequests.createdAt, cutoff), where))
    .returning({ id: privilegedRequests.id, kind: privilegedRequests.kind });
  for (const e of expired)
    await writeAudit(tx, ctx, {
      action: 'privileged.expire',
      objectType: 'privileged_request',
      objectId: e.id,
      detail: `${e.kind}: not decided within ${PRIVILEGED_REQUEST_TTL_HOURS} h`,
    });
}

/** The fields a kind does not take: 400 not_allowed on the first one sent. */
function onlyFields(input: CreatePrivilegedRequest, allowed: readonly string[]) {
  const extra = ['targetUserId', 'role', 'organizationId', 'username', 'displayName', 'email'].find(
    (f) => !allowed.includes(f) && input[f as keyof CreatePrivilegedRequest] !== undefined,
  );
  if (extra) throw notAllowed(extra);
}

/**
 * Asks for a privileged action: on an account the caller manages (404 otherwise), never its own; for
 * `account_create`, an administrator account of a role the caller manages, placed in its scope.
 */
export async function create(db: Db, ctx: Ctx, input: CreatePrivilegedRequest): Promise<PrivilegedRequest> {
  const actor = requireActor(ctx);
  let target: { id: string | null; username: string; unitId: string | null };
  let extra: Extra;
  if (input.kind === 'account_create') {
    onlyFields(input, ['role', 'organizationId', 'username', 'displayName', 'email']);
    for (const f of ['username', 'displayName', 'role'] as const) if (!input[f]) throw required(f);
    const spec = await checkNewAccount(db, ctx, {
      username: input.username!,
      displayName: input.displayName!,
      email: input.email ?? null,
      role: input.role!,
      organizationId: input.organizationId ?? null,
    });
    target = { id: null, username: spec.username, unitId: spec.unitId };
    extra = {
      role: spec.role,
      organizationId: spec.organizationId,
      username: spec.username,
      displayName: spec.displayName,
      email: spec.email,
    };
  } else {
    onlyFields(
      input,
      input.kind === 'role_grant' ? ['targetUserId', 'role', 'organizationId'] : ['targetUserId'],
    );
    if (!input.targetUserId) throw required('targetUserId');
    const account = await managedAccount(db, ctx, input.targetUserId);
    if (account.id === actor.userId)
      throw new AppError('CONFLICT', [
        fieldError(
          'targetUserId',
          'self',
          '不能为自己的账号提交申请',
          'You cannot ask for this on your own account',
        ),
      ]);
    extra = await EXECUTORS[input.kind].check(db, ctx, account, input);
    target = account;
  }
  const detail = grantText(input.kind, extra.role ?? null);
  try {
    const id = await db.transaction(async (tx) => {
      await expireStale(
        tx,
        ctx,
        target.id
          ? and(eq(privilegedRequests.kind, input.kind), eq(privilegedRequests.targetUserId, target.id))
          : and(eq(privilegedRequests.kind, input.kind), eq(privilegedRequests.username, target.username)),
      );
      const [row] = await tx
        .insert(privilegedRequests)
        .values({
          kind: input.kind,
          targetUserId: target.id,
          reason: input.reason,
          requestedBy: actor.userId,
          requestedRole: actor.role,
          createdAt: ctx.now,
          ...extra,
        })
        .returning({ id: privilegedRequests.id });
      await writeAudit(tx, ctx, {
        action: 'privileged.request',
        objectType: 'privileged_request',
        objectId: row!.id,
        unitId: target.unitId,
        detail: `${input.kind}${detail} for ${target.username}: ${input.reason}`,
      });
      return row!.id;
    });
    return get(db, id, ctx.now);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('DUPLICATE', [
        fieldError(
          target.id ? 'targetUserId' : 'username',
          'pending',
          target.id ? '该账号已有待审批的同类申请' : '该用户名已有待审批的创建申请',
          target.id
            ? 'A request of this kind is already waiting for this account'
            : 'A request to create this account is already waiting',
        ),
      ]);
    throw err;
  }
}

/** ` (unit_admin)`: the role a grant gives, named in the audit detail. */
function grantText(kind: PrivilegedKind, role: Role | null): string {
  return GRANT_KINDS.includes(kind) && role ? ` (${role})` : '';
}

async function get(db: DbOrTx, id: string, now: Date): Promise<PrivilegedRequest> {
  const [row] = await selectRequests(db, eq(privilegedRequests.id, id));
  return present(row!, now);
}

/** The request if the caller may decide in its scope: 404 otherwise. */
async function loadVisible(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await selectRequests(db, eq(privilegedRequests.id, id));
  if (!row || !inDecideScope(actor, targetOf(row))) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Why the caller may not approve (approvalRefusal: the requester, the account concerned, the requester's
 * role, or a unit admin without authority over the accounts concerned).
 */
function fourEyesRefusal(actor: Actor, row: Selected): string | null {
  const target = targetOf(row);
  const targetRoles = [target.role, GRANT_KINDS.includes(row.r.kind) ? row.r.role : null].filter(
    (r): r is Role => r !== null,
  );
  return approvalRefusal(actor, {
    requestedBy: row.r.requestedBy,
    requestedRole: row.r.requestedRole,
    targetUserId: target.id,
    targetRoles,
  });
}

const expiredConflict = () =>
  new AppError('CONFLICT', [
    fieldError(
      'id',
      'expired',
      `该申请超过 ${PRIVILEGED_REQUEST_TTL_HOURS} 小时未审批，已失效，请重新提交`,
      `Not decided within ${PRIVILEGED_REQUEST_TTL_HOURS} hours, the request has expired: ask again`,
    ),
  ]);

async function decide(
  db: Db,
  ctx: Ctx,
  id: string,
  state: 'approved' | 'rejected',
): Promise<PrivilegedDecision> {
  const actor = requireActor(ctx);
  const row = await loadVisible(db, actor, id);
  if (row.r.state === 'pending' && isExpired(row.r.createdAt, ctx.now)) {
    await db.transaction((tx) => expireStale(tx, ctx, eq(privilegedRequests.id, id)));
    throw expiredConflict();
  }
  if (row.r.state === 'expired') throw expiredConflict();
  if (row.r.state !== 'pending') throw new AppError('CONFLICT');
  const target = targetOf(row);
  const refusal = state === 'approved' ? fourEyesRefusal(actor, row) : null;
  if (refusal) {
    await writeAudit(db, ctx, {
      action: 'privileged.approve',
      objectType: 'privileged_request',
      objectId: id,
      unitId: target.unitId,
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
      unitId: target.unitId,
      detail: `${row.r.kind}${grantText(row.r.kind, row.r.role)} for ${target.username}, asked by ${row.requestedBy.username}`,
    });
    if (state !== 'approved') return undefined;
    return EXECUTORS[row.r.kind].run(tx, ctx, {
      id,
      target,
      role: row.r.role,
      organizationId: row.r.organizationId,
      username: row.r.username,
      displayName: row.r.displayName,
      email: row.r.email,
    });
  });
  const decided = await get(db, id, ctx.now);
  return oneTimePassword ? { ...decided, oneTimePassword } : decided;
}

export const approve = (db: Db, ctx: Ctx, id: string) => decide(db, ctx, id, 'approved');
export const reject = (db: Db, ctx: Ctx, id: string) => decide(db, ctx, id, 'rejected');
