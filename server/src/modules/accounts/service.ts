import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { diff, writeAudit } from '../audit/write';
import * as repo from './repo';
import { checkEmail, maskEmailChange } from './email';
import { approvalRequired } from './credentials';
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
const roleNotManageable = () =>
  new AppError('VALIDATION_FAILED', [
    fieldError(
      'role',
      'not_manageable',
      '您不能管理该角色的账号',
      'You may not manage accounts of this role',
    ),
  ]);
const duplicate = () =>
  new AppError('DUPLICATE', [fieldError('username', 'duplicate', '用户名已存在', 'The username is taken')]);

/** The organisation if it lies in the caller's scope (else 404 on the field), then its placement rule. */
async function placeOrg(
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
  return { id: r.id, username: r.username, displayName: r.displayName, role: r.role, unitId: r.unitId };
}

export async function createAccount(db: Db, ctx: Ctx, input: CreateInput): Promise<WithOneTimePassword> {
  const actor = requireActor(ctx);
  const scope = accountScope(actor, 'accounts.manage');
  if (!canManageRole(actor.role, input.role)) throw roleNotManageable();
  const email = checkEmail(input.email ?? null);
  const org = await placeOrg(db, scope, input.role, input.organizationId);
  const username = normalizeLogin(input.username);
  const otp = await issueOneTimePassword(ctx.now, username);
  try {
    return await db.transaction(async (tx) => {
      if (await repo.findUserIdByUsername(tx, username)) throw duplicate();
      const row = await repo.insertUser(tx, {
        username,
        displayName: input.displayName,
        email,
        role: input.role,
        organizationId: org?.id ?? null,
        unitId: org?.unitId ?? null,
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
      });
      return { account: await reload(tx, row.id, ctx.now), oneTimePassword: otp.oneTimePassword };
    });
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
