/**
 * Reminding experts behind on a stage (催办): the committee's button on the progress tab and the
 * deadline jobs 3 days and 1 day before the stage closes. "Behind" is an expert with at least one assigned
 * review not locked; each gets one inbox notice (mailed too with SMTP configured) saying how many.
 */
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { requireActor, scopeOf } from '../../core/context';
import { AppError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { notify } from '../notifications/service';
import { getStage } from '../stages/queries';
import { reviewReminderText, type ReminderOffset } from '../../../../shared/src/domain/reminders';
import type { StageRemindAnswer } from '../../../../shared/src/contracts/results';
import * as repo from './repo';

/** The experts with reviews of the stage not locked yet, and how many each. */
export async function reviewersBehind(db: DbOrTx, stageId: string) {
  const rows = await repo.stageProgressRows(db, stageId);
  return rows
    .filter((r) => r.locked < r.assigned)
    .map((r) => ({ reviewerId: r.reviewerId, pending: r.assigned - r.locked }));
}

/** One notice per expert behind; answers how many experts and reviews it was about. */
async function sendReminders(
  tx: DbOrTx,
  stage: { id: string; campaignId: string; nameZh: string; nameEn: string; closesAt: Date },
  offset: ReminderOffset | null,
  now: Date,
): Promise<StageRemindAnswer> {
  const behind = await reviewersBehind(tx, stage.id);
  const campaignName = (await repo.campaignName(tx, stage.campaignId)) ?? '';
  for (const r of behind)
    await notify(
      tx,
      [r.reviewerId],
      reviewReminderText({ ...stage, campaignName }, stage.closesAt, r.pending, offset),
      now,
    );
  return { reviewers: behind.length, reviews: behind.reduce((n, r) => n + r.pending, 0) };
}

/** POST /api/stages/:id/remind: the committee's 催办, only while the stage is open; audited with the counts. */
export async function remindStage(db: Db, ctx: Ctx, stageId: string): Promise<StageRemindAnswer> {
  scopeOf(requireActor(ctx), 'evaluation.manage');
  return db.transaction(async (tx) => {
    const stage = await getStage(tx, stageId, 'share');
    if (!stage) throw new AppError('NOT_FOUND');
    if (stage.status !== 'open') throw new AppError('STAGE_CLOSED');
    const answer = await sendReminders(tx, stage, null, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'stages.remind',
      objectType: 'stage',
      objectId: stage.id,
      detail: `${answer.reviewers} experts reminded of ${answer.reviews} reviews`,
    });
    return answer;
  });
}

/**
 * The deadline job's reminder: void when the stage is no longer open or its closing time moved (the job
 * carries the time it was planned for) or has passed.
 */
export async function remindBeforeClose(
  db: Db,
  stageId: string,
  plannedFor: string,
  offset: ReminderOffset,
  now: Date,
) {
  const stage = await getStage(db, stageId);
  if (!stage || stage.status !== 'open') return;
  if (stage.closesAt.toISOString() !== plannedFor || now.getTime() >= stage.closesAt.getTime()) return;
  await db.transaction((tx) => sendReminders(tx, stage, offset, now));
}
