/**
 * Administrator roles given under four-eyes (AC-08, issue #9 §3): a new administrator account
 * (`account_create`) or an administrator role given to an existing account (`role_grant`). The privileged
 * module holds the request; these check what is asked when it is asked, and carry it out once approved,
 * in the approval's transaction, on the records as they are then.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { diff, writeAudit } from '../audit/write';
import { notify } from '../notifications/service';
import * as repo from './repo';
import { accountScope, changedMeanwhile } from './access';
import { checkEmail } from './email';
import { duplicate, insertAccount, placeOrg, roleNotManageable, twoDuties, type NewAccount } from './service';
import {
  canManageRole,
  checkPlacement,
  needsFourEyes,
  normalizeLogin,
  PLACEMENT_TEXT,
} from '../../../../shared/src/domain/account-rules';
import { crossesDuties, grantNeedsFourEyes } from '../../../../shared/src/domain/four-eyes';
import type { Role } from '../../../../shared/src/enums';

/** A role and where it sits, checked against the caller's scope and the placement rule. */
export interface Grant {
  role: Role;
  organizationId: string | null;
  unitId: string | null;
}

const conflict = (field: string, code: string, zh: string, en: string) =>
  new AppError('CONFLICT', [fieldError(field, code, zh, en)]);

/** The role must be one the requester manages, an administrator role, placed right in its scope. */
async function checkGrant(db: Db, ctx: Ctx, role: Role, organizationId: string | null): Promise<Grant> {
  const actor = requireActor(ctx);
  if (!canManageRole(actor.role, role)) throw roleNotManageable();
  if (!needsFourEyes(role))
    throw conflict(
      'role',
      'not_privileged',
      '该角色不是管理员角色，可直接创建或修改，无需申请',
      'Not an administrator role: create or change the account directly',
    );
  const org = await placeOrg(db, accountScope(actor, 'accounts.manage'), role, organizationId);
  return { role, organizationId: org?.id ?? null, unitId: org?.unitId ?? null };
}

/** `account_create` when asked: the new account, checked as POST /api/accounts would (409 if the name is taken). */
export async function checkNewAccount(
  db: Db,
  ctx: Ctx,
  input: {
    username: string;
    displayName: string;
    email: string | null;
    role: Role;
    organizationId: string | null;
  },
): Promise<NewAccount> {
  const grant = await checkGrant(db, ctx, input.role, input.organizationId);
  const username = normalizeLogin(input.username);
  if (await repo.findUserIdByUsername(db, username)) throw duplicate();
  return { username, displayName: input.displayName, email: checkEmail(input.email), ...grant };
}

/**
 * `role_grant` when asked: a grant (not a role the account already holds there, 409 not_a_grant), never
 * from one of the three duties to another (409 two_duties).
 */
export async function checkRoleGrant(
  db: Db,
  ctx: Ctx,
  target: { role: Role; organizationId: string | null },
  role: Role,
  organizationId: string | null,
): Promise<Grant> {
  if (crossesDuties(target.role, role)) throw twoDuties('role');
  const grant = await checkGrant(db, ctx, role, organizationId);
  if (!grantNeedsFourEyes(target, grant))
    throw conflict(
      'role',
      'not_a_grant',
      '该账号已在该单位担任此角色',
      'The account already holds this role there',
    );
  return grant;
}

/** Carries out an approved `account_create`: the account and its one-time password (for the approver). */
export async function createApproved(tx: DbOrTx, ctx: Ctx, spec: NewAccount, requestId: string) {
  const org = spec.organizationId ? await repo.findOrganization(tx, spec.organizationId) : null;
  placementStillRight(spec.role, org);
  const made = await insertAccount(tx, ctx, { ...spec, unitId: org?.unitId ?? null }, requestId);
  return { id: made.account.id, oneTimePassword: made.oneTimePassword };
}

/** 409 on the organisation when it was deactivated (or the like) while the request waited. */
function placementStillRight(role: Role, org: { depth: number; active: boolean } | null) {
  const violation = checkPlacement(role, org);
  if (violation) {
    const t = PLACEMENT_TEXT[violation];
    throw conflict('organizationId', violation, t.zh, t.en);
  }
}

/**
 * Carries out an approved `role_grant` on the account as it is now: the role and organisation change,
 * every session of the account ends (its permissions changed), accounts.role_grant names the request, and the
 * holder finds a notice in the inbox (mailed too with SMTP configured).
 */
export async function grantRoleApproved(
  tx: DbOrTx,
  ctx: Ctx,
  targetId: string,
  grant: { role: Role; organizationId: string | null },
  requestId: string,
): Promise<void> {
  const row = await repo.findAccount(tx, targetId);
  if (!row) throw new AppError('NOT_FOUND');
  if (crossesDuties(row.role, grant.role)) throw twoDuties('role');
  const org = grant.organizationId ? await repo.findOrganization(tx, grant.organizationId) : null;
  placementStillRight(grant.role, org);
  const updated = await repo.updateUserAtVersion(tx, row.id, row.version, {
    role: grant.role,
    organizationId: org?.id ?? null,
    unitId: org?.unitId ?? null,
    updatedAt: ctx.now,
  });
  if (!updated) throw await changedMeanwhile(tx, row);
  const ended = await repo.deleteSessionsOf(tx, row.id);
  await writeAudit(tx, ctx, {
    action: 'accounts.role_grant',
    objectType: 'user',
    objectId: row.id,
    unitId: updated.unitId ?? row.unitId,
    changes: diff(row, updated, ['role', 'organizationId', 'unitId']),
    detail: `privileged request ${requestId}; sessions ended: ${ended}`,
  });
  await notify(
    tx,
    [row.id],
    {
      kind: 'account.role_granted',
      titleZh: '您的账号被授予了管理员角色',
      titleEn: 'Your account was given an administrator role',
      bodyZh:
        '经两名管理员审批，您的账号角色或所属单位已调整，所有登录会话已退出，请重新登录。如非本人知悉，请立即联系安全管理员。',
      bodyEn:
        'Two administrators approved a change of your account’s role or unit; every session was ended, so sign in again. If you did not expect this, tell the security administrator at once.',
      link: '/account/security',
    },
    ctx.now,
  );
}
