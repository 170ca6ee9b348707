/**
 * The one function that changes a campaign's status (STYLE habit 7): draft → open → reviewing →
 * deciding → publicity → closed, decided by `decideCampaign`, written with its audit event in one
 * transaction. Opening fixes the standards (their versions are immutable) and stamps `opened_at`.
 * The campaign's status never runs ahead of its applications (docs/EVALUATION.md "The flow"): moving to
 * reviewing moves every accepted application into review; moving to deciding needs every stage closed
 * and moves each application in review to shortlisted or not selected; publicity and closed need the
 * decision confirmed. The application moves are the workflow's system rows, in the same transaction.
 */
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { versionConflict } from '../audit/last-change';
import type { CampaignDetail, TransitionCampaign } from '../../../../shared/src/contracts/campaigns';
import {
  CAMPAIGN_REFUSAL_TEXT,
  CLOSE_INTAKE_REFUSAL_TEXT,
  decideCampaign,
  decideCloseIntake,
} from '../../../../shared/src/domain/campaign-rules';
import type { FieldError } from '../../../../shared/src/errors';
import { detailOf } from './present';
import * as repo from './repo';
import { checkDates, missingSlots, timelineOf } from './settings';
import { applicationsInStatus } from '../applications/queries';
import { applySystemTransitions } from '../applications/workflow';
import { decisionStatus } from '../decisions/queries';
import { listStages, stageEntrants } from '../stages/queries';
import { evaluationOutcome } from '../../../../shared/src/domain/stage-rules';
import type { CampaignStatus } from '../../../../shared/src/domain/application-workflow';
import type { DbOrTx } from '../../db/client';

/** What must be complete before the campaign moves to `to`: refuses with the missing parts. */
async function assertComplete(tx: DbOrTx, id: string, to: CampaignStatus): Promise<void> {
  if (to === 'deciding') {
    const stages = await listStages(tx, id);
    const open = stages.filter((s) => s.status !== 'closed');
    if (stages.length && !open.length) return;
    throw new AppError('STAGES_INCOMPLETE', [
      fieldError(
        'to',
        'stages_incomplete',
        '评审环节尚未全部结束，不能进入集体评审决定',
        'Not every stage has closed; the campaign cannot move to the decision',
      ),
      ...(stages.length
        ? open.map((s) =>
            fieldError(
              `stages.${s.position}`,
              s.status === 'open' ? 'stage_open' : 'stage_not_opened',
              `评审环节 ${s.position}「${s.nameZh}」${s.status === 'open' ? '尚未结束' : '尚未开启'}`,
              `Stage ${s.position} "${s.nameEn}" ${s.status === 'open' ? 'has not closed' : 'has not opened'}`,
            ),
          )
        : [fieldError('stages', 'no_stages', '本活动尚未设置评审环节', 'The campaign has no stages')]),
    ]);
  }
  if (to === 'publicity' || to === 'closed') {
    const status = await decisionStatus(tx, id);
    if (status === 'confirmed') return;
    throw new AppError('DECISION_INCOMPLETE', [
      fieldError(
        'decision',
        status === null ? 'no_decision' : 'not_confirmed',
        status === null ? '尚未形成集体评审决定' : '集体评审决定尚未确认',
        status === null ? 'There is no decision yet' : 'The decision has not been confirmed',
      ),
    ]);
  }
}

/** The reason recorded on each application that intake left unfinished when review starts. */
export const LAPSE_REASON = '活动已进入评审，本申报未在截止前提交或未获单位推荐，按规定终止';

/** The applications' moves that go with the campaign's: into review, or out of it. */
async function applicationMoves(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  to: CampaignStatus,
): Promise<string | null> {
  if (to === 'reviewing') {
    const accepted = await applicationsInStatus(tx, id, 'accepted');
    await applySystemTransitions(
      tx,
      ctx,
      accepted.map((a) => ({ applicationId: a.id, action: 'start_review' as const })),
    );
    // What intake left unfinished ends now (issue #7.17): drafts, returned and unrecommended applications.
    const unfinished = [
      ...(await applicationsInStatus(tx, id, 'draft')),
      ...(await applicationsInStatus(tx, id, 'returned')),
      ...(await applicationsInStatus(tx, id, 'submitted')),
    ];
    await applySystemTransitions(
      tx,
      ctx,
      unfinished.map((a) => ({
        applicationId: a.id,
        action: 'lapse' as const,
        input: { reason: LAPSE_REASON },
      })),
    );
    return `start_review ${accepted.length}, lapse ${unfinished.length}`;
  }
  if (to === 'deciding') {
    const apps = await applicationsInStatus(tx, id, 'in_review');
    const stages = await listStages(tx, id);
    const results = await stageEntrants(
      tx,
      stages.map((s) => s.id),
    );
    const moves = apps.map((a) => ({
      applicationId: a.id,
      action:
        evaluationOutcome({ applicationId: a.id, track: a.trackCode }, stages, results) === 'shortlisted'
          ? ('shortlist' as const)
          : ('not_select' as const),
    }));
    await applySystemTransitions(tx, ctx, moves);
    const shortlisted = moves.filter((m) => m.action === 'shortlist').length;
    return `shortlist ${shortlisted}, not_select ${moves.length - shortlisted}`;
  }
  return null;
}

export async function transition(
  db: Db,
  ctx: Ctx,
  id: string,
  body: TransitionCampaign,
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await repo.findCampaign(tx, id, 'update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.version !== body.version) throw await versionConflict(tx, 'campaign', row);
    const tracks = await repo.loadTracks(tx, id);
    const missing = missingSlots(tracks, await repo.loadStandards(tx, id));
    const timeline = timelineOf(row);
    const decision = decideCampaign({
      from: row.status,
      to: body.to,
      now: ctx.now,
      timeline,
      missingStandards: missing.length,
    });
    if (!decision.ok) {
      const why = CAMPAIGN_REFUSAL_TEXT[decision.refusal];
      const details: FieldError[] = [fieldError('to', decision.refusal, why.zh, why.en)];
      if (decision.refusal === 'bad_timeline') checkDates(timeline, details);
      if (decision.refusal === 'missing_standards')
        for (const m of missing)
          details.push(
            fieldError(
              'standards',
              'missing_standard',
              `缺少创建标准：${m.track} / ${m.orgKind ?? '全部'}`,
              `No standard for ${m.track} / ${m.orgKind ?? 'any kind'}`,
            ),
          );
      throw new AppError('TRANSITION_REFUSED', details);
    }
    await assertComplete(tx, id, body.to);
    const updated = await repo.setCampaignStatus(tx, id, row.version, {
      status: body.to,
      updatedAt: ctx.now,
      ...(body.to === 'open' ? { openedAt: ctx.now } : {}),
    });
    if (!updated) throw await versionConflict(tx, 'campaign', (await repo.findCampaign(tx, id)) ?? row);
    const moved = await applicationMoves(tx, ctx, id, body.to);
    await writeAudit(tx, ctx, {
      action: 'campaigns.transition',
      objectType: 'campaign',
      objectId: id,
      changes: {
        status: { before: row.status, after: updated.status },
        ...(body.to === 'open'
          ? { openedAt: { before: row.openedAt?.toISOString() ?? null, after: ctx.now.toISOString() } }
          : {}),
      },
      detail: moved,
    });
    return detailOf(tx, updated);
  });
}

/**
 * 立即截止申报 (issue #7.17): ends the application window of an open campaign now — drafts and returned
 * applications can no longer be submitted; the units still recommend what was submitted until their
 * deadline. Audited (`campaigns.close_intake`, the closing time before → after). What is left unfinished
 * lapses when the campaign moves on to review (`lapse` rows above).
 */
export async function closeIntake(
  db: Db,
  ctx: Ctx,
  id: string,
  body: { version: number },
): Promise<CampaignDetail> {
  return db.transaction(async (tx) => {
    const row = await repo.findCampaign(tx, id, 'update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.version !== body.version) throw await versionConflict(tx, 'campaign', row);
    const d = decideCloseIntake({ status: row.status, now: ctx.now, timeline: timelineOf(row) });
    if (!d.ok) {
      const why = CLOSE_INTAKE_REFUSAL_TEXT[d.refusal];
      throw new AppError('TRANSITION_REFUSED', [
        fieldError('applicationClosesAt', d.refusal, why.zh, why.en),
      ]);
    }
    const updated = await repo.updateCampaign(tx, id, row.version, {
      applicationClosesAt: d.applicationClosesAt,
      updatedAt: ctx.now,
    });
    if (!updated) throw await versionConflict(tx, 'campaign', (await repo.findCampaign(tx, id)) ?? row);
    await writeAudit(tx, ctx, {
      action: 'campaigns.close_intake',
      objectType: 'campaign',
      objectId: id,
      changes: {
        applicationClosesAt: {
          before: row.applicationClosesAt.toISOString(),
          after: d.applicationClosesAt.toISOString(),
        },
      },
    });
    return detailOf(tx, updated);
  });
}
