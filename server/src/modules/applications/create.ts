/**
 * Creating an application: the campaign must be open, the track offered and the subject (organisation or
 * venue) inside the caller's write scope (else 404), active, of an eligible kind, with a standard for its
 * kind; one per campaign, track and subject (409 DUPLICATE, also from the unique index under a race).
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx, type Scope } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { writeAudit } from '../audit/write';
import type { ApplicationDetail, CreateApplication } from '../../../../shared/src/contracts/applications';
import { buildDetail } from './detail';
import { notFound } from './errors';
import * as repo from './repo';

function inScope(scope: Scope, o: { unitId: string | null; organizationId: string }): boolean {
  if (scope.kind === 'unit') return o.unitId === scope.unitId;
  if (scope.kind === 'org') return o.organizationId === scope.orgId;
  return true;
}

function notEligible(field: string, code: string, zh: string, en: string): AppError {
  return new AppError('NOT_ELIGIBLE', [fieldError(field, code, zh, en)]);
}

function missing(field: 'organizationId' | 'venueId', track: string): AppError {
  const what = field === 'organizationId' ? ['党组织', 'an organizationId'] : ['阵地', 'a venueId'];
  return new AppError('VALIDATION_FAILED', [
    fieldError(field, 'required', `该类别须指定申报的${what[0]}`, `Track ${track} needs ${what[1]}`),
  ]);
}

function duplicate(field: string): AppError {
  return new AppError('DUPLICATE', [
    fieldError(
      field,
      'duplicate',
      '该党组织或阵地已在本次活动的此类别中申报',
      'It already has an application in this campaign and track',
    ),
  ]);
}

/** The applying subject of a track: the organisation (site) or the venue and its organisation. */
async function resolveSubject(tx: DbOrTx, scope: Scope, body: CreateApplication, subject: string) {
  if (subject === 'organization') {
    if (!body.organizationId || body.venueId) throw missing('organizationId', body.trackCode);
    const org = await repo.findOrganization(tx, body.organizationId);
    if (!org || !inScope(scope, { unitId: org.unitId, organizationId: org.id }))
      throw notFound('organizationId');
    return { org, venue: null, field: 'organizationId' };
  }
  if (!body.venueId || body.organizationId) throw missing('venueId', body.trackCode);
  const venue = await repo.findVenue(tx, body.venueId);
  if (!venue || !inScope(scope, venue)) throw notFound('venueId');
  if (!venue.active) throw notEligible('venueId', 'inactive', '阵地已停用', 'The venue is inactive');
  const org = (await repo.findOrganization(tx, venue.organizationId))!;
  return { org, venue, field: 'venueId' };
}

export async function create(db: Db, ctx: Ctx, body: CreateApplication): Promise<ApplicationDetail> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'applications.write');
  let field = 'organizationId';
  try {
    return await db.transaction(async (tx) => {
      const campaign = await repo.findCampaign(tx, body.campaignId, 'share');
      if (!campaign) throw notFound('campaignId');
      if (campaign.status !== 'open' || ctx.now < campaign.applicationOpensAt)
        throw new AppError('CAMPAIGN_NOT_OPEN', [
          fieldError('campaignId', 'campaign_not_open', '创建活动未在申报阶段', 'Applications are not open'),
        ]);
      if (ctx.now > campaign.applicationClosesAt)
        throw new AppError('DEADLINE_PASSED', [
          fieldError('campaignId', 'deadline_passed', '申报已截止', 'The application deadline has passed'),
        ]);
      const track = await repo.campaignTrack(tx, campaign.id, body.trackCode);
      if (!track || !track.active)
        throw notEligible(
          'trackCode',
          'track_not_offered',
          '本次活动未设此类别',
          'The campaign has no such track',
        );
      const subject = await resolveSubject(tx, scope, body, track.subject);
      field = subject.field;
      const { org, venue } = subject;
      if (!org.unitId || org.depth === 0)
        throw notEligible(field, 'not_grassroots', '工委本级不能申报', 'The working committee cannot apply');
      if (!org.active) throw notEligible(field, 'inactive', '党组织已停用', 'The organisation is inactive');
      if (track.eligibleKinds.length > 0 && !track.eligibleKinds.includes(org.kind))
        throw notEligible(
          field,
          'kind_not_eligible',
          '该类型的党组织不能申报此类别',
          `Organisations of kind ${org.kind} cannot apply in this track`,
        );
      const standardVersionId = await repo.standardFor(tx, campaign.id, track.code, org.kind);
      if (!standardVersionId)
        throw notEligible(
          field,
          'no_standard',
          '本次活动未设置适用的创建标准',
          'No standard applies to this kind',
        );
      const subjectId = venue?.id ?? org.id;
      if (await repo.subjectTaken(tx, campaign.id, track.code, subjectId)) throw duplicate(field);
      const row = await repo.insertApplication(tx, {
        campaignId: campaign.id,
        trackCode: track.code,
        subjectId,
        organizationId: org.id,
        venueId: venue?.id ?? null,
        unitId: org.unitId,
        orgKind: org.kind,
        standardVersionId,
        createdBy: actor.userId,
        updatedBy: actor.userId,
        updatedByName: actor.displayName,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await repo.insertEvent(tx, {
        applicationId: row.id,
        unitId: row.unitId,
        at: ctx.now,
        actorId: actor.userId,
        actorName: actor.displayName,
        role: actor.role,
        action: 'create',
        fromStatus: null,
        toStatus: 'draft',
      });
      await writeAudit(tx, ctx, {
        action: 'applications.create',
        objectType: 'application',
        objectId: row.id,
        unitId: row.unitId,
        changes: {
          campaignId: { before: null, after: row.campaignId },
          trackCode: { before: null, after: row.trackCode },
          subjectId: { before: null, after: row.subjectId },
        },
      });
      return buildDetail(tx, ctx, row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(field);
    throw err;
  }
}

/**
 * Links a new draft to the cultivation it came from (一键转申报): the cultivation id and the summary on
 * the application, and the self-assessment scores copied from the readiness check. The caller audits
 * it in the same transaction.
 */
export async function linkCultivation(
  tx: DbOrTx,
  app: { id: string; version: number; unitId: string },
  link: {
    cultivationId: string;
    summary: string | null;
    scores: { criterionId: string; score: number | null; note: string | null }[];
    now: Date;
  },
): Promise<void> {
  await repo.updateApplication(tx, app.id, app.version, {
    cultivationId: link.cultivationId,
    summary: link.summary,
    updatedAt: link.now,
  });
  await repo.saveSelfAssessments(tx, { id: app.id, unitId: app.unitId }, link.scores);
}
