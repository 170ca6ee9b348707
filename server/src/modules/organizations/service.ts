/**
 * The organisation tree's business rules: scope (out of scope → 404), kind and shape rules, optimistic
 * locking, and one audit event per change in the same transaction. Knows nothing of HTTP.
 */
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { versionConflict } from '../audit/last-change';
import { diff, writeAudit, type AuditVerb, type Changes } from '../audit/write';
import type {
  CreateOrganization,
  Organization,
  OrgListQuery,
  PatchOrganization,
} from '../../../../shared/src/contracts/organizations';
import { maskPhone } from '../../../../shared/src/domain/mask';
import { PII_READERS } from '../../../../shared/src/domain/permissions';
import { checkParentKind } from '../../../../shared/src/domain/org-rules';
import {
  checkKindChange,
  checkMove,
  TREE_RULE_TEXT,
  type TreeRuleViolation,
} from '../../../../shared/src/domain/org-tree';
import * as repo from './repo';

const ALL = { kind: 'all' } as const;

/** The fields an audit event compares (everything a user can change, plus the derived unit). */
const AUDITED = [
  'code',
  'name',
  'shortName',
  'kind',
  'parentId',
  'unitId',
  'secretary',
  'contactName',
  'contactPhone',
  'memberCount',
  'active',
] as const satisfies readonly (keyof repo.OrgRow)[];

function ruleError(field: string, v: TreeRuleViolation): AppError {
  return new AppError('ORG_RULE', [fieldError(field, v, TREE_RULE_TEXT[v].zh, TREE_RULE_TEXT[v].en)]);
}

function stateConflict(v: 'already_active' | 'already_inactive'): AppError {
  return new AppError('CONFLICT', [fieldError('active', v, TREE_RULE_TEXT[v].zh, TREE_RULE_TEXT[v].en)]);
}

function notFound(field?: string): AppError {
  if (!field) return new AppError('NOT_FOUND');
  return new AppError('NOT_FOUND', [
    fieldError(field, 'not_found', '党组织不存在或不在管理范围内', 'No such organisation in your scope'),
  ]);
}

function duplicateCode(): AppError {
  return new AppError('DUPLICATE', [
    fieldError('code', 'duplicate', '组织编码已被使用', 'This code is already in use'),
  ]);
}

/** Phones are masked for roles outside PII_READERS (the audit trail keeps them masked too). */
function present(ctx: Ctx, org: Organization): Organization {
  const role = requireActor(ctx).role;
  return PII_READERS.includes(role) ? org : { ...org, contactPhone: maskPhone(org.contactPhone) };
}

function maskChanges(changes: Changes): Changes {
  const p = changes.contactPhone;
  if (!p) return changes;
  return {
    ...changes,
    contactPhone: {
      before: maskPhone(p.before as string | null),
      after: maskPhone(p.after as string | null),
    },
  };
}

/** Empty optional texts are stored as null. */
function blankToNull<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === '' ? null : v])) as T;
}

async function reload(db: DbOrTx, ctx: Ctx, id: string): Promise<Organization> {
  return present(ctx, (await repo.getOrganization(db, ALL, id))!);
}

async function audit(
  db: DbOrTx,
  ctx: Ctx,
  action: AuditVerb<'organizations'>,
  row: repo.OrgRow,
  changes: Changes,
  detail?: string,
): Promise<void> {
  await writeAudit(db, ctx, {
    action: `organizations.${action}`,
    objectType: 'organization',
    objectId: row.id,
    unitId: row.unitId,
    changes: maskChanges(changes),
    detail: detail ?? null,
  });
}

/** Runs a write; a unique violation that slipped past the check (a concurrent insert) is a duplicate. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCode();
    throw err;
  }
}

export async function list(
  db: Db,
  ctx: Ctx,
  query: OrgListQuery,
): Promise<{ items: Organization[]; total: number }> {
  const page = await repo.listOrganizations(db, scopeOf(ctx.actor, 'organizations.read'), query);
  return { items: page.items.map((o) => present(ctx, o)), total: page.total };
}

export async function get(db: Db, ctx: Ctx, id: string): Promise<Organization> {
  const org = await repo.getOrganization(db, scopeOf(ctx.actor, 'organizations.read'), id);
  if (!org) throw notFound();
  return present(ctx, org);
}

export async function ancestors(db: Db, ctx: Ctx, id: string): Promise<Organization[]> {
  const scope = scopeOf(ctx.actor, 'organizations.read');
  const row = await repo.findInScope(db, scope, id);
  if (!row) throw notFound();
  return (await repo.listAncestors(db, scope, row.path)).map((o) => present(ctx, o));
}

export async function create(db: Db, ctx: Ctx, body: CreateOrganization): Promise<Organization> {
  const scope = scopeOf(ctx.actor, 'organizations.write');
  return guarded(() =>
    db.transaction(async (tx) => {
      await repo.lockTree(tx, 'shared');
      const parent = await repo.findInScope(tx, scope, body.parentId, 'share');
      if (!parent) throw notFound('parentId');
      const kindRule = checkParentKind(body.kind, parent.kind);
      if (kindRule) throw ruleError('kind', kindRule);
      if (!parent.active) throw ruleError('parentId', 'parent_inactive');
      if (await repo.codeTaken(tx, body.code)) throw duplicateCode();
      const id = crypto.randomUUID();
      const fields = blankToNull(body);
      const row = await repo.insertOrganization(tx, {
        ...fields,
        id,
        ...repo.childPlacement(parent, id),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      const nothing = Object.fromEntries(AUDITED.map((f) => [f, null])) as Record<string, unknown>;
      await audit(tx, ctx, 'create', row, diff(nothing, row, [...AUDITED]));
      return reload(tx, ctx, id);
    }),
  );
}

async function lockForWrite(tx: DbOrTx, ctx: Ctx, id: string, version: number): Promise<repo.OrgRow> {
  const actor = requireActor(ctx);
  const row = await repo.findInScope(tx, scopeOf(actor, 'organizations.write'), id, 'update');
  if (!row) throw notFound();
  // The working committee (root) belongs to the committee: nobody else edits it, whatever the table says.
  if (row.parentId === null && actor.role !== 'committee_admin') throw notFound();
  if (row.version !== version) throw await versionConflict(tx, 'organization', row);
  return row;
}

async function saveOrConflict(
  tx: DbOrTx,
  row: repo.OrgRow,
  set: Parameters<typeof repo.updateOrganization>[3],
): Promise<repo.OrgRow> {
  const updated = await repo.updateOrganization(tx, row.id, row.version, set);
  if (!updated)
    throw await versionConflict(tx, 'organization', (await repo.findInScope(tx, ALL, row.id)) ?? row);
  return updated;
}

export async function update(db: Db, ctx: Ctx, id: string, body: PatchOrganization): Promise<Organization> {
  const { version, ...rest } = body;
  const fields = blankToNull(rest);
  return guarded(() =>
    db.transaction(async (tx) => {
      await repo.lockTree(tx, 'shared');
      const row = await lockForWrite(tx, ctx, id, version);
      if (fields.kind !== undefined && fields.kind !== row.kind) {
        const parent = row.parentId ? await repo.findInScope(tx, ALL, row.parentId) : null;
        const v = checkKindChange(fields.kind, parent?.kind ?? null, await repo.childKinds(tx, id));
        if (v) throw ruleError('kind', v);
      }
      if (
        fields.code !== undefined &&
        fields.code !== row.code &&
        (await repo.codeTaken(tx, fields.code, id))
      )
        throw duplicateCode();
      const updated = await saveOrConflict(tx, row, { ...fields, updatedAt: ctx.now });
      await audit(tx, ctx, 'update', updated, diff(row, updated, [...AUDITED]));
      return reload(tx, ctx, id);
    }),
  );
}

/** Moves an organisation and its whole subtree under another parent; paths and units follow. */
export async function move(
  db: Db,
  ctx: Ctx,
  id: string,
  body: { parentId: string; version: number },
): Promise<Organization> {
  const scope = scopeOf(ctx.actor, 'organizations.write');
  return db.transaction(async (tx) => {
    await repo.lockTree(tx, 'exclusive');
    const org = await lockForWrite(tx, ctx, id, body.version);
    const parent = await repo.findInScope(tx, scope, body.parentId, 'update');
    if (!parent) throw notFound('parentId');
    const v = checkMove(org, parent);
    if (v) throw ruleError('parentId', v);
    const placement = repo.childPlacement(parent, org.id);
    const updated = await saveOrConflict(tx, org, { parentId: parent.id, updatedAt: ctx.now });
    const count = await repo.rewriteSubtree(tx, {
      oldPath: org.path,
      newPath: placement.path,
      depthDelta: placement.depth - org.depth,
      unitId: placement.unitId,
    });
    if (placement.unitId !== org.unitId) await repo.reassignUnit(tx, placement.path, placement.unitId);
    const changes: Changes = {
      parentId: { before: org.parentId, after: parent.id },
      ...diff(org, { ...placement }, ['depth', 'unitId']),
    };
    await audit(tx, ctx, 'move', { ...updated, ...placement }, changes, `subtree of ${count}`);
    return reload(tx, ctx, id);
  });
}

export async function deactivate(db: Db, ctx: Ctx, id: string, version: number): Promise<Organization> {
  return db.transaction(async (tx) => {
    await repo.lockTree(tx, 'shared');
    const row = await lockForWrite(tx, ctx, id, version);
    if (row.parentId === null) throw ruleError('id', 'root_cannot_deactivate');
    if (!row.active) throw stateConflict('already_inactive');
    if ((await repo.countActiveChildren(tx, id)) > 0) throw ruleError('id', 'has_active_children');
    const updated = await saveOrConflict(tx, row, { active: false, updatedAt: ctx.now });
    await audit(tx, ctx, 'deactivate', updated, diff(row, updated, ['active']));
    return reload(tx, ctx, id);
  });
}

export async function activate(db: Db, ctx: Ctx, id: string, version: number): Promise<Organization> {
  return db.transaction(async (tx) => {
    await repo.lockTree(tx, 'shared');
    const row = await lockForWrite(tx, ctx, id, version);
    if (row.active) throw stateConflict('already_active');
    const parent = row.parentId ? await repo.findInScope(tx, ALL, row.parentId, 'share') : null;
    if (parent && !parent.active) throw ruleError('parentId', 'parent_inactive');
    const updated = await saveOrConflict(tx, row, { active: true, updatedAt: ctx.now });
    await audit(tx, ctx, 'activate', updated, diff(row, updated, ['active']));
    return reload(tx, ctx, id);
  });
}
