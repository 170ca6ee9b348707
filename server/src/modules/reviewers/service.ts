/**
 * The expert pool (评审专家库): reviewer accounts (made by the accounts module's `createAccount`, so the
 * one-time password and the account's audit event are the usual ones) and their profiles, in one transaction.
 */
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import { diff, writeAudit } from '../audit/write';
import { createAccount } from '../accounts/service';
import * as repo from './repo';
import type {
  createReviewer as createReviewerBody,
  patchReviewer as patchReviewerBody,
  Reviewer,
  reviewerListQuery,
} from '../../../../shared/src/contracts/reviewers';

type ListQuery = z.infer<typeof reviewerListQuery>;
type CreateInput = z.infer<typeof createReviewerBody>;
type PatchInput = z.infer<typeof patchReviewerBody>;

const notFound = () => new AppError('NOT_FOUND');

export function toReviewer(r: repo.ReviewerRow): Reviewer {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    email: r.email,
    disabled: r.disabled,
    affiliationOrgId: r.affiliationOrgId,
    affiliationOrgName: r.affiliationOrgName,
    affiliationUnitId: r.affiliationUnitId,
    externalAffiliation: r.externalAffiliation,
    title: r.title,
    expertise: r.expertise ?? [],
    available: r.available ?? true,
    availabilityNote: r.availabilityNote,
    version: r.version ?? 1,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Tags trimmed, duplicates dropped, in the order given. */
function cleanTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];
}

/** The affiliation columns: a tree organisation (active), or an external name, or neither. */
async function affiliation(
  db: DbOrTx,
  orgId: string | null,
  external: string | null,
): Promise<
  Pick<
    repo.ProfileValues,
    'affiliationOrgId' | 'affiliationUnitId' | 'affiliationPath' | 'externalAffiliation'
  >
> {
  if (orgId !== null && external !== null)
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        'externalAffiliation',
        'both',
        '所属党组织与外部单位只能填写其一',
        'Give either an organisation of the tree or an external affiliation, not both',
      ),
    ]);
  if (orgId === null)
    return {
      affiliationOrgId: null,
      affiliationUnitId: null,
      affiliationPath: null,
      externalAffiliation: external,
    };
  const org = await repo.findOrganization(db, orgId);
  if (!org || !org.active)
    throw new AppError('VALIDATION_FAILED', [
      fieldError('affiliationOrgId', 'not_found', '所选党组织不存在或已停用', 'No such active organisation'),
    ]);
  return {
    affiliationOrgId: org.id,
    affiliationUnitId: org.depth === 0 ? null : (org.unitId ?? org.id),
    affiliationPath: org.path,
    externalAffiliation: null,
  };
}

export async function listReviewers(
  db: Db,
  ctx: Ctx,
  q: ListQuery,
): Promise<{ items: Reviewer[]; total: number }> {
  requireActor(ctx);
  const sort = q.sort ?? 'username';
  const { rows, total } = await repo.listReviewers(db, {
    q: q.q || undefined,
    tag: q.tag || undefined,
    available: q.available === undefined ? undefined : q.available === 'true',
    unitId: q.unitId,
    sort: { key: sort.replace(/^-/, '') as 'username', desc: sort.startsWith('-') },
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(toReviewer), total };
}

export async function getReviewer(db: Db, ctx: Ctx, id: string): Promise<Reviewer> {
  requireActor(ctx);
  const row = await repo.findReviewer(db, id);
  if (!row) throw notFound();
  return toReviewer(row);
}

/** A reviewer account and its profile, one transaction; the account's one-time password shown once. */
export async function createReviewer(
  db: Db,
  ctx: Ctx,
  input: CreateInput,
): Promise<{ reviewer: Reviewer; oneTimePassword: string }> {
  requireActor(ctx);
  const aff = await affiliation(db, input.affiliationOrgId ?? null, input.externalAffiliation ?? null);
  return db.transaction(async (tx) => {
    const { account, oneTimePassword } = await createAccount(tx as unknown as Db, ctx, {
      username: input.username,
      displayName: input.displayName,
      role: 'reviewer',
      organizationId: null,
      email: input.email,
    });
    const profile = {
      userId: account.id,
      ...aff,
      title: input.title ?? null,
      expertise: cleanTags(input.expertise ?? []),
      available: input.available ?? true,
      availabilityNote: input.availabilityNote ?? null,
      updatedAt: ctx.now,
    };
    await repo.insertProfile(tx, { ...profile, createdAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'reviewers.create',
      objectType: 'reviewer',
      objectId: account.id,
      unitId: aff.affiliationUnitId,
      changes: Object.fromEntries(
        (['affiliationOrgId', 'externalAffiliation', 'title', 'expertise', 'available'] as const).map((f) => [
          f,
          { before: null, after: profile[f] },
        ]),
      ),
    });
    const row = await repo.findReviewer(tx, account.id);
    return { reviewer: toReviewer(row!), oneTimePassword };
  });
}

export async function updateReviewer(db: Db, ctx: Ctx, id: string, patch: PatchInput): Promise<Reviewer> {
  requireActor(ctx);
  const row = await repo.findReviewer(db, id);
  if (!row) throw notFound();
  const current = toReviewer(row);
  if (patch.version !== current.version) throw versionConflict(row);
  const orgId = patch.affiliationOrgId === undefined ? current.affiliationOrgId : patch.affiliationOrgId;
  const external =
    patch.externalAffiliation === undefined ? current.externalAffiliation : patch.externalAffiliation || null;
  const aff =
    orgId === current.affiliationOrgId && external === current.externalAffiliation
      ? null
      : await affiliation(db, orgId, external);
  const after = {
    ...(aff ?? {}),
    ...(patch.title === undefined ? {} : { title: patch.title || null }),
    ...(patch.expertise === undefined ? {} : { expertise: cleanTags(patch.expertise) }),
    ...(patch.available === undefined ? {} : { available: patch.available }),
    ...(patch.availabilityNote === undefined ? {} : { availabilityNote: patch.availabilityNote || null }),
  };
  const changes = diff(current as unknown as Record<string, unknown>, after, [
    'affiliationOrgId',
    'affiliationUnitId',
    'externalAffiliation',
    'title',
    'expertise',
    'available',
    'availabilityNote',
  ]);
  if (Object.keys(changes).length === 0) return current;
  return db.transaction(async (tx) => {
    if (!row.hasProfile) await repo.insertProfile(tx, { userId: id, createdAt: ctx.now, updatedAt: ctx.now });
    const ok = await repo.updateProfileAtVersion(tx, id, patch.version, { ...after, updatedAt: ctx.now });
    if (!ok) throw versionConflict((await repo.findReviewer(tx, id))!);
    await writeAudit(tx, ctx, {
      action: 'reviewers.update',
      objectType: 'reviewer',
      objectId: id,
      unitId: aff ? aff.affiliationUnitId : current.affiliationUnitId,
      changes,
    });
    return toReviewer((await repo.findReviewer(tx, id))!);
  });
}

function versionConflict(r: repo.ReviewerRow): AppError {
  return versionConflictError({ version: r.version ?? 1, updatedAt: r.updatedAt ?? r.createdAt }, null);
}
