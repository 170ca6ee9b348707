/**
 * The cultivation library (培育库): a unit's candidates for a track before they apply. The committee
 * reads every unit's; a unit admin reads and writes its own (another unit's answer 404). Every change
 * commits with its audit event. Milestones, notes and the readiness self-check are in `progress.ts`,
 * turning a candidate into an application in `apply.ts`.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx, type Scope } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { chinaDay } from '../../core/time';
import { diff, writeAudit, type AuditVerb, type Changes } from '../audit/write';
import { findOrganizationInScope as findOrgInScope, lockTree } from '../organizations/queries';
import { versionConflict } from '../audit/last-change';
import { findVenueInScope } from '../venues/queries';
import type {
  CreateCultivation,
  Cultivation,
  CultivationDetail,
  CultivationListQuery,
  PatchCultivation,
} from '../../../../shared/src/contracts/cultivation';
import {
  CULTIVATION_REFUSAL_TEXT,
  cultivationRefusal,
} from '../../../../shared/src/domain/cultivation-rules';
import * as repo from './repo';
import * as progressRepo from './progress-repo';
import { criteriaOf, currentStandard, readinessAnswer, standardOfVersion } from './standards';

export const ALL = { kind: 'all' } as const;

const AUDITED = [
  'trackCode',
  'organizationId',
  'venueId',
  'unitId',
  'plan',
  'status',
] as const satisfies readonly (keyof repo.CultivationRow)[];

export async function audit(
  db: DbOrTx,
  ctx: Ctx,
  action: AuditVerb<'cultivations'>,
  row: { id: string; unitId: string },
  changes: Changes,
  detail?: string,
): Promise<void> {
  await writeAudit(db, ctx, {
    action: `cultivations.${action}`,
    objectType: 'cultivation',
    objectId: row.id,
    unitId: row.unitId,
    changes,
    detail: detail ?? null,
  });
}

export function notFound(field?: string): AppError {
  return new AppError(
    'NOT_FOUND',
    field ? [fieldError(field, 'not_found', '记录不存在或不在管理范围内', 'Not found in your scope')] : [],
  );
}

function duplicate(): AppError {
  return new AppError('DUPLICATE', [
    fieldError(
      'subjectId',
      'duplicate',
      '该对象已在本类别的培育库中',
      'This candidate is already in the cultivation library for this track',
    ),
  ]);
}

export async function list(
  db: Db,
  ctx: Ctx,
  query: CultivationListQuery,
): Promise<{ items: Cultivation[]; total: number }> {
  return repo.listCultivations(db, scopeOf(ctx.actor, 'cultivation.read'), {
    ...query,
    today: chinaDay(ctx.now),
  });
}

/** One cultivation with its milestones, notes and readiness, or null when out of scope. */
export async function detailOf(db: DbOrTx, scope: Scope, id: string): Promise<CultivationDetail | null> {
  const c = await repo.getCultivation(db, scope, id);
  if (!c) return null;
  const row = (await repo.findInScope(db, ALL, id))!;
  const info = row.standardVersionId
    ? await standardOfVersion(db, row.standardVersionId)
    : await currentStandard(db, row.trackCode, c.orgKind);
  const readiness = info
    ? readinessAnswer(
        info,
        await criteriaOf(db, info.versionId),
        row.standardVersionId ? row.readiness : null,
      )
    : null;
  return {
    ...c,
    milestones: await progressRepo.listMilestones(db, id),
    notes: await progressRepo.listNotes(db, id),
    readiness,
  };
}

export async function get(db: Db, ctx: Ctx, id: string): Promise<CultivationDetail> {
  const detail = await detailOf(db, scopeOf(ctx.actor, 'cultivation.read'), id);
  if (!detail) throw notFound();
  return detail;
}

/** The organisation and (for a venue track) the venue a new cultivation is about, in the caller's scope. */
async function subjectOf(tx: DbOrTx, scope: Scope, body: CreateCultivation) {
  const track = await repo.findTrack(tx, body.trackCode);
  if (!track || !track.active)
    throw new AppError('VALIDATION_FAILED', [
      fieldError('trackCode', 'unknown_track', '没有这个类别', 'No such track'),
    ]);
  const wants = track.subject === 'venue' ? 'venueId' : 'organizationId';
  const other = track.subject === 'venue' ? 'organizationId' : 'venueId';
  const problems = [];
  if (!body[wants])
    problems.push(
      fieldError(
        wants,
        'required',
        track.subject === 'venue' ? '阵地类别须选择阵地' : '示范点类别须选择党组织',
        track.subject === 'venue' ? 'A venue track needs a venue' : 'A site track needs an organisation',
      ),
    );
  if (body[other])
    problems.push(
      fieldError(other, 'not_allowed', '该类别不使用此字段', 'This track does not use this field'),
    );
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);

  if (track.subject === 'venue') {
    const venue = await findVenueInScope(tx, scope, body.venueId!);
    if (!venue) throw notFound('venueId');
    if (!venue.active) throw inactive('venueId');
    const org = (await findOrgInScope(tx, ALL, venue.organizationId, 'share'))!;
    return { track, org, venueId: venue.id, subjectId: venue.id };
  }
  const org = await findOrgInScope(tx, scope, body.organizationId!, 'share');
  if (!org || org.unitId === null) throw notFound('organizationId');
  if (!org.active) throw inactive('organizationId');
  return { track, org, venueId: null, subjectId: org.id };
}

function inactive(field: string): AppError {
  return new AppError('NOT_ELIGIBLE', [
    fieldError(field, 'inactive', '该对象已停用，不能列入培育库', 'This candidate is deactivated'),
  ]);
}

export async function create(db: Db, ctx: Ctx, body: CreateCultivation): Promise<CultivationDetail> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'cultivation.write');
  try {
    return await db.transaction(async (tx) => {
      // A concurrent move of the organisation would change the unit we derive: wait for it.
      await lockTree(tx, 'shared');
      const { track, org, venueId, subjectId } = await subjectOf(tx, scope, body);
      if (await repo.findBySubject(tx, track.code, subjectId)) throw duplicate();
      const row = await repo.insertCultivation(tx, {
        unitId: org.unitId!,
        trackCode: track.code,
        organizationId: org.id,
        venueId,
        subjectId,
        plan: body.plan?.trim() || null,
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      const nothing = Object.fromEntries(AUDITED.map((f) => [f, null])) as Record<string, unknown>;
      await audit(tx, ctx, 'create', row, diff(nothing, row, [...AUDITED]));
      return (await detailOf(tx, ALL, row.id))!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

export async function update(
  db: Db,
  ctx: Ctx,
  id: string,
  body: PatchCultivation,
): Promise<CultivationDetail> {
  const scope = scopeOf(ctx.actor, 'cultivation.write');
  const { version, ...fields } = body;
  return db.transaction(async (tx) => {
    const row = await repo.findInScope(tx, scope, id, 'update');
    if (!row) throw notFound();
    if (row.version !== version) throw await versionConflict(tx, 'cultivation', row);
    if (fields.status !== undefined) {
      const refusal = cultivationRefusal(row.status, fields.status);
      if (refusal) {
        const t = CULTIVATION_REFUSAL_TEXT[refusal];
        throw new AppError('TRANSITION_REFUSED', [fieldError('status', refusal, t.zh, t.en)]);
      }
    }
    const set = {
      ...(fields.plan !== undefined ? { plan: fields.plan?.trim() || null } : {}),
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      updatedAt: ctx.now,
    };
    const updated = await repo.updateCultivation(tx, id, set, version);
    if (!updated)
      throw await versionConflict(tx, 'cultivation', (await repo.findInScope(tx, ALL, id)) ?? row);
    await audit(tx, ctx, 'update', updated, diff(row, updated, ['plan', 'status']));
    return (await detailOf(tx, ALL, id))!;
  });
}
