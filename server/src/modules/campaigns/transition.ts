/**
 * The one function that changes a campaign's status (STYLE habit 7): draft → open → reviewing →
 * deciding → publicity → closed, decided by `decideCampaign`, written with its audit event in one
 * transaction. Opening fixes the standards (their versions are immutable) and stamps `opened_at`.
 */
import type { Db } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { versionConflict } from '../audit/last-change';
import type { CampaignDetail, TransitionCampaign } from '../../../../shared/src/contracts/campaigns';
import { CAMPAIGN_REFUSAL_TEXT, decideCampaign } from '../../../../shared/src/domain/campaign-rules';
import type { FieldError } from '../../../../shared/src/errors';
import { detailOf } from './present';
import * as repo from './repo';
import { checkDates, missingSlots, timelineOf } from './settings';

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
    const updated = await repo.setCampaignStatus(tx, id, row.version, {
      status: body.to,
      updatedAt: ctx.now,
      ...(body.to === 'open' ? { openedAt: ctx.now } : {}),
    });
    if (!updated) throw await versionConflict(tx, 'campaign', (await repo.findCampaign(tx, id)) ?? row);
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
    });
    return detailOf(tx, updated);
  });
}
