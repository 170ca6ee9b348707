/**
 * Venues (阵地): places for party-member education owned by an organisation. The unit is derived from the
 * organisation; scope rules as for organisations (out of scope → 404); one audit event per change.
 */
import type { Db, DbOrTx } from '../../db/client';
import { scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { diff, writeAudit, type AuditVerb, type Changes } from '../audit/write';
import type { CreateVenue, PatchVenue, Venue, VenueListQuery } from '../../../../shared/src/contracts/venues';
import { TREE_RULE_TEXT } from '../../../../shared/src/domain/org-tree';
import { findOrganizationInScope, lockTree } from '../organizations/queries';
import { versionConflict } from '../audit/last-change';
import * as repo from './repo';

const ALL = { kind: 'all' } as const;

const AUDITED = [
  'organizationId',
  'unitId',
  'name',
  'address',
  'areaM2',
  'capacity',
  'facilities',
  'openedYear',
  'active',
] as const satisfies readonly (keyof repo.VenueRow)[];

function blankToNull<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === '' ? null : v])) as T;
}

async function audit(
  db: DbOrTx,
  ctx: Ctx,
  action: AuditVerb<'venues'>,
  row: repo.VenueRow,
  changes: Changes,
) {
  await writeAudit(db, ctx, {
    action: `venues.${action}`,
    objectType: 'venue',
    objectId: row.id,
    unitId: row.unitId,
    changes,
  });
}

export async function list(
  db: Db,
  ctx: Ctx,
  query: VenueListQuery,
): Promise<{ items: Venue[]; total: number }> {
  return repo.listVenues(db, scopeOf(ctx.actor, 'venues.read'), query);
}

export async function get(db: Db, ctx: Ctx, id: string): Promise<Venue> {
  const venue = await repo.getVenue(db, scopeOf(ctx.actor, 'venues.read'), id);
  if (!venue) throw new AppError('NOT_FOUND');
  return venue;
}

export async function create(db: Db, ctx: Ctx, body: CreateVenue): Promise<Venue> {
  const scope = scopeOf(ctx.actor, 'venues.write');
  return db.transaction(async (tx) => {
    // A concurrent move of the organisation would change the unit we derive: wait for it.
    await lockTree(tx, 'shared');
    const org = await findOrganizationInScope(tx, scope, body.organizationId, 'share');
    if (!org)
      throw new AppError('NOT_FOUND', [
        fieldError(
          'organizationId',
          'not_found',
          '党组织不存在或不在管理范围内',
          'No such organisation in your scope',
        ),
      ]);
    if (!org.active) {
      const t = TREE_RULE_TEXT.parent_inactive;
      throw new AppError('ORG_RULE', [fieldError('organizationId', 'organization_inactive', t.zh, t.en)]);
    }
    const row = await repo.insertVenue(tx, {
      ...blankToNull(body),
      unitId: org.unitId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const nothing = Object.fromEntries(AUDITED.map((f) => [f, null])) as Record<string, unknown>;
    await audit(tx, ctx, 'create', row, diff(nothing, row, [...AUDITED]));
    return (await repo.getVenue(tx, ALL, row.id))!;
  });
}

export async function update(db: Db, ctx: Ctx, id: string, body: PatchVenue): Promise<Venue> {
  const scope = scopeOf(ctx.actor, 'venues.write');
  const { version, ...fields } = body;
  return db.transaction(async (tx) => {
    const row = await repo.findVenueInScope(tx, scope, id, 'update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.version !== version) throw await versionConflict(tx, 'venue', row);
    const updated = await repo.updateVenue(tx, id, version, { ...blankToNull(fields), updatedAt: ctx.now });
    if (!updated) throw await versionConflict(tx, 'venue', (await repo.findVenueInScope(tx, ALL, id)) ?? row);
    await audit(tx, ctx, 'update', updated, diff(row, updated, [...AUDITED]));
    return (await repo.getVenue(tx, ALL, id))!;
  });
}
