import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { diff, writeAudit } from '../audit/write';
import * as repo from './repo';
import { checkEmail, maskEmailChange } from './email';
import { approvalRequired } from './credentials';
import { crossesDuties, grantNeedsFourEyes } from '../../../../shared/src/domain/four-eyes';
import {
  accountScope,
  changedMeanwhile,
  checkVersion,
  issueOneTimePassword,
  loadManaged,
  reload,
  selfConflict,
  toAccount,
  type WithOneTimePassword,
} from './access';
import type {
  Account,
  accountListQuery,
  createAccount as createAccountBody,
  patchAccount as patchAccountBody,
} from '../../../../shared/src/contracts/accounts';
import {
  canManageRole,
  checkPlacement,
  manageableRoles,
  needsFourEyes,
  normalizeLogin,
  PLACEMENT_TEXT,
  type AccountScope,
} from '../../../../shared/src/domain/account-rules';
import type { Role } from '../../../../shared/src/enums';

type ListQuery = z.infer<typeof accountListQuery>;
type CreateInput = z.infer<typeof createAccountBody>;
type PatchInput = z.infer<typeof patchAccountBody>;
type Org = NonNullable<Awaited<ReturnType<typeof repo.findOrganization>>>;

const orgNotFound = () =>
  new AppError('NOT_FOUND', [
    fieldError(
      'organizationId',
      'not_found',
      '所选党组织不存在或不在管理范围内',
      'No such organisation in your scope',
    ),
  ]);
export const roleNotManageable = () =>
  new AppError('VALIDATION_FAILED', [
    fieldError(
      'role',
      'not_manageable',
      '您不能管理该角色的账号',
      'You may not manage accounts of this role',
    ),
  ]);
export const duplicate = () =>
  new AppError('DUPLICATE', [fieldError('username', 'duplicate', '用户名已存在', 'The username is taken')]);

/** The organisation if it lies in the caller's scope (else 404 on the field), then its placement rule. */
export async function placeOrg(
  db: DbOrTx,
  scope: AccountScope,
  role: Role,
  orgId: string | null,
): Promise<Org | null> {
  let org: Org | null = null;
  if (orgId !== null) {
    org = await repo.findOrganization(db, orgId);
    if (!org || (scope.kind === 'unit' && org.unitId !== scope.unitId)) throw orgNotFound();
  }
  const violation = checkPlacement(role, org);
  if (violation) {
    const t = PLACEMENT_TEXT[violation];
    throw new AppError('VALIDATION_FAILED', [fieldError('organizationId', violation, t.zh, t.en)]);
  }
  return org;
}

export async function listAccounts(
  db: Db,
  ctx: Ctx,
  q: ListQuery,
): Promise<{ items: Account[]; total: number }> {
  const actor = requireActor(ctx);
  const sort = q.sort ?? 'username';
  const { rows, total } = await repo.listAccounts(db, {
    scope: accountScope(actor, 'accounts.read'),
    roles: manageableRoles(actor.role),
    q: q.q || undefined,
    qLogin: q.q ? normalizeLogin(q.q) : undefined,
    role: q.role,
    unitId: q.unitId,
    disabled: q.disabled === undefined ? undefined : q.disabled === 'true',
    state: q.state ? { kind: q.state, now: ctx.now } : undefined,
    sort: { key: sort.replace(/^-/, '') as repo.AccountSortKey, desc: sort.startsWith('-') },
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map((r) => toAccount(r, ctx.now)), total };
}

export async function getAccount(db: Db, ctx: Ctx, id: string): Promise<Account> {
  return toAccount(await loadManaged(db, requireActor(ctx), 'accounts.read', id), ctx.now);
}

/** An account the caller may manage (404 otherwise), as a four-eyes request names its target. */
export async function managedAccount(db: Db, ctx: Ctx, id: string) {
  const r = await loadManaged(db, requireActor(ctx), 'accounts.manage', id);
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    organizationId: r.organizationId,
    unitId: r.unitId,
  };
}

/** What a new account is made of, checked: its normalised name, address, role and placement. */
export interface NewAccount {
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  organizationId: string | null;
  unitId: string | null;
}

/** 409 two_duties: one account never holds two of the three duties (AC-08), not even one after the other. */
export const twoDuties = (field: string) =>
  new AppError('CONFLICT', [
    fieldError(
      field,
      'two_duties',
      '工委管理员、安全管理员、审计管理员三项职责不能由同一账号先后承担，请为新职责另建账号',
      'One account never holds two of the committee, security and audit admin duties: make a new account for the other duty',
    ),
  ]);

/**
 * Inserts a new account with a one-time password and audits accounts.create (naming the four-eyes request
 * that approved it, if any), in the caller's transaction; 409 DUPLICATE when the name is taken.
 */
export async function insertAccount(
  tx: DbOrTx,
  ctx: Ctx,
  spec: NewAccount,
  requestId: string | null,
): Promise<WithOneTimePassword> {
  if (await repo.findUserIdByUsername(tx, spec.username)) throw duplicate();
  const otp = await issueOneTimePassword(ctx.now, spec.username);
  const row = await repo.insertUser(tx, {
    ...spec,
    passwordHash: otp.passwordHash,
    mustChangePassword: true,
    oneTimeExpiresAt: otp.oneTimeExpiresAt,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const fields = ['username', 'displayName', 'email', 'role', 'organizationId', 'unitId'] as const;
  await writeAudit(tx, ctx, {
    action: 'accounts.create',
    objectType: 'user',
    objectId: row.id,
    unitId: row.unitId,
    changes: maskEmailChange(Object.fromEntries(fields.map((f) => [f, { before: null, after: row[f] }]))),
    detail: requestId ? `privileged request ${requestId}` : null,
  });
  return { account: await reload(tx, row.id, ctx.now), oneTimePassword: otp.oneTimePassword };
}

export async function createAccount(db: Db, ctx: Ctx, input: CreateInput): Promise<WithOneTimePassword> {
  const actor = requireActor(ctx);
  const scope = accountScope(actor, 'accounts.manage');
  if (!canManageRole(actor.role, input.role)) throw roleNotManageable();
  if (grantNeedsFourEyes(null, { role: input.role, organizationId: input.organizationId }))
    throw approvalRequired(
      'account_create',
      '管理员账号须经另一名不同角色的管理员批准后才能创建，请提交申请，待另一名管理员批准',
      'An administrator account is created only with the approval of another administrator of a different role: submit a request for another administrator to approve',
    );
  const email = checkEmail(input.email ?? null);
  const org = await placeOrg(db, scope, input.role, input.organizationId);
  const spec: NewAccount = {
    username: normalizeLogin(input.username),
    displayName: input.displayName,
    email,
    role: input.role,
    organizationId: org?.id ?? null,
    unitId: org?.unitId ?? null,
  };
  try {
    return await db.transaction((tx) => insertAccount(tx, ctx, spec, null));
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

export async function updateAccount(db: Db, ctx: Ctx, id: string, patch: PatchInput): Promise<Account> {
  const actor = requireActor(ctx);
  const scope = accountScope(actor, 'accounts.manage');
  const row = await loadManaged(db, actor, 'accounts.manage', id);
  await checkVersion(db, row, patch.version);
  const email = patch.email === undefined ? row.email : checkEmail(patch.email);

  const role = patch.role ?? row.role;
  const orgId = patch.organizationId === undefined ? row.organizationId : patch.organizationId;
  const roleChanged = role !== row.role;
  const orgChanged = orgId !== row.organizationId;
  const disabled = patch.disabled ?? row.disabled;
  if (row.id === actor.userId) {
    if (roleChanged || orgChanged)
      throw selfConflict(
        roleChanged ? 'role' : 'organizationId',
        '不能修改自己的角色或所属党组织',
        'You cannot change your own role or organisation',
      );
    if (disabled && !row.disabled)
      throw selfConflict('disabled', '不能停用自己的账号', 'You cannot disable your own account');
  }
  if (roleChanged && !canManageRole(actor.role, role)) throw roleNotManageable();
  if (crossesDuties(row.role, role)) throw twoDuties('role');
  if (grantNeedsFourEyes(row, { role, organizationId: orgId }))
    throw approvalRequired(
      'role_grant',
      '授予管理员角色（或调整直属党组织管理员的所属单位）须经另一名不同角色的管理员批准，请提交申请，待另一名管理员批准',
      'An administrator role is granted (or a unit admin moved to another unit) only with the approval of another administrator of a different role: submit a request for another administrator to approve',
    );
  if (row.disabled && !disabled && (needsFourEyes(row.role) || needsFourEyes(role)))
    throw approvalRequired(
      'account_enable',
      '管理员账号须经另一名不同角色的管理员批准后才能重新启用，请提交特权操作申请',
      'An administrator account is re-enabled only with the approval of another administrator of a different role: submit a privileged request',
    );
  let unitId = row.unitId;
  if (roleChanged || orgChanged) unitId = (await placeOrg(db, scope, role, orgId))?.unitId ?? null;

  const after = {
    displayName: patch.displayName ?? row.displayName,
    email,
    role,
    organizationId: orgId,
    unitId,
    disabled,
  };
  const changes = diff(row, after, ['displayName', 'email', 'role', 'organizationId', 'unitId', 'disabled']);
  if (Object.keys(changes).length === 0) return toAccount(row, ctx.now);

  const action =
    disabled !== row.disabled ? (disabled ? 'accounts.disable' : 'accounts.enable') : 'accounts.update';
  const endSessions = (disabled && !row.disabled) || roleChanged || orgChanged;
  return db.transaction(async (tx) => {
    const updated = await repo.updateUserAtVersion(tx, row.id, patch.version, {
      ...after,
      updatedAt: ctx.now,
    });
    if (!updated) throw await changedMeanwhile(tx, row);
    const ended = endSessions ? await repo.deleteSessionsOf(tx, row.id) : 0;
    await writeAudit(tx, ctx, {
      action,
      objectType: 'user',
      objectId: row.id,
      unitId: updated.unitId ?? row.unitId,
      changes: maskEmailChange(changes),
      detail: endSessions ? `sessions ended: ${ended}` : null,
    });
    return reload(tx, row.id, ctx.now);
  });
}
