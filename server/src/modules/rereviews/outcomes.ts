/**
 * Outcomes of a round (复评复审结论) and the follow-up of a rectification (整改复查), each through the title
 * table (titles/transition.ts) in one transaction with its audit event and the holder's notification:
 * keep (保留) → active; rectify (整改: reason and a deadline after today) → rectifying; revoke (撤销:
 * reason; the plaque is withdrawn and the verification page says revoked) → revoked. The last outcome
 * closes the round and freezes its outcomes (REREVIEW_FROZEN). A rectifying title's follow-up — passed
 * → active, or revoked — comes later, also once the round is closed. Refusals write nothing.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { invalidatePublic } from '../../core/public-cache';
import { writeAudit } from '../audit/write';
import { notify, recipientsOfOrganization } from '../notifications/service';
import { lockTitle, transitionTitle, type TitleRow } from '../titles/queries';
import { endOfChinaDay, isCivilDate } from '../../../../shared/src/domain/working-days';
import {
  followUpBody,
  outcomeBody,
  type FollowUpBody,
  type OutcomeBody,
  type RoundDetail,
} from '../../../../shared/src/contracts/rereviews';
import type { DecidedOutcome, FollowUpResult } from '../../../../shared/src/domain/rereview';
import * as repo from './repo';
import { get } from './service';

const DAY_MS = 86_400_000;

/** The instant a deadline date stands for in the table's guard: the start of that China day. */
function deadlineInstant(date: string | null | undefined): Date | null {
  if (!date) return null;
  if (!isCivilDate(date))
    throw new AppError('VALIDATION_FAILED', [
      fieldError('deadline', 'date', '日期格式不正确', 'Not a valid date'),
    ]);
  return new Date(endOfChinaDay(date).getTime() - DAY_MS);
}

type Kind = DecidedOutcome | 'pass_rectification' | 'revoke_after_rectification';

const MESSAGE: Record<Kind, { zh: string; en: string }> = {
  keep: { zh: '复评复审结论：保留称号', en: 'Re-review outcome: the title is kept' },
  rectify: { zh: '复评复审结论：限期整改', en: 'Re-review outcome: rectification ordered' },
  revoke: { zh: '复评复审结论：撤销称号', en: 'Re-review outcome: the title is revoked' },
  pass_rectification: { zh: '整改复查通过，称号保留', en: 'Rectification passed: the title stands' },
  revoke_after_rectification: {
    zh: '整改复查未通过，称号撤销',
    en: 'Rectification failed: the title is revoked',
  },
};

async function tell(
  tx: DbOrTx,
  ctx: Ctx,
  t: TitleRow,
  kind: Kind,
  reason: string | null,
  deadline: string | null,
) {
  const m = MESSAGE[kind];
  const extraZh = [reason ? `理由：${reason}` : null, deadline ? `整改期限：${deadline}` : null];
  const extraEn = [reason ? `Reason: ${reason}` : null, deadline ? `Deadline: ${deadline}` : null];
  await notify(
    tx,
    (await recipientsOfOrganization(tx, t)).filter((u) => u !== ctx.actor?.userId),
    {
      kind: `rereview.${kind}`,
      titleZh: `${m.zh}（${t.holderName}）`,
      titleEn: `${m.en} (${t.holderName})`,
      bodyZh: [`称号 ${t.serial}`, ...extraZh].filter(Boolean).join('；'),
      bodyEn: [`Title ${t.serial}`, ...extraEn].filter(Boolean).join('; '),
      link: `/titles?q=${encodeURIComponent(t.serial)}`,
    },
    ctx.now,
  );
}

/** The round locked, the title's item in it, the title locked; 404 / REREVIEW_NOT_IN_ROUND otherwise. */
async function load(tx: DbOrTx, roundId: string, titleId: string) {
  const round = await repo.lockRound(tx, roundId);
  if (!round) throw new AppError('NOT_FOUND');
  const item = await repo.findItem(tx, roundId, titleId);
  if (!item) throw new AppError('REREVIEW_NOT_IN_ROUND');
  const title = (await lockTitle(tx, titleId))!;
  return { round, item, title };
}

export async function recordOutcome(
  db: Db,
  ctx: Ctx,
  roundId: string,
  titleId: string,
  input: OutcomeBody,
): Promise<RoundDetail> {
  const actor = requireActor(ctx);
  const body = outcomeBody.parse(input);
  await db.transaction(async (tx) => {
    const { round, item, title } = await load(tx, roundId, titleId);
    if (round.status === 'closed') throw new AppError('REREVIEW_FROZEN');
    if (item.outcome !== null) throw new AppError('REREVIEW_OUTCOME_RECORDED');
    const reason = body.reason?.trim() || null;
    const deadline = body.outcome === 'rectify' ? (body.deadline ?? null) : null;
    const label = { keep: '保留', rectify: '限期整改', revoke: '撤销称号' }[body.outcome];
    const updated = await transitionTitle(tx, ctx, title, body.outcome, {
      reason,
      deadline: deadlineInstant(deadline),
      note: [`${round.name}：${label}`, reason, deadline ? `整改期限 ${deadline}` : null]
        .filter(Boolean)
        .join('；'),
    });
    await repo.updateItem(tx, item.id, {
      outcome: body.outcome,
      reason,
      deadline,
      decidedAt: ctx.now,
      decidedBy: actor.userId,
      decidedByName: actor.displayName,
    });
    const closes = (await repo.undecidedCount(tx, roundId)) === 0;
    if (closes) await repo.closeRound(tx, roundId, ctx.now);
    await writeAudit(tx, ctx, {
      action: `rereview.${body.outcome}`,
      objectType: 'title',
      objectId: title.id,
      unitId: title.unitId,
      changes: {
        status: { before: title.status, after: updated.status },
        ...(deadline ? { deadline: { before: null, after: deadline } } : {}),
        ...(closes ? { round: { before: 'open', after: 'closed' } } : {}),
      },
      detail: `${round.name}（${round.id}）：${title.serial} ${title.holderName}${reason ? `；${reason}` : ''}`,
    });
    await tell(tx, ctx, title, body.outcome, reason, deadline);
  });
  if (body.outcome === 'revoke') invalidatePublic(db);
  return get(db, ctx, roundId);
}

export async function recordFollowUp(
  db: Db,
  ctx: Ctx,
  roundId: string,
  titleId: string,
  input: FollowUpBody,
): Promise<RoundDetail> {
  const actor = requireActor(ctx);
  const body = followUpBody.parse(input);
  await db.transaction(async (tx) => {
    const { round, item, title } = await load(tx, roundId, titleId);
    if (item.outcome !== 'rectify' || item.followUp !== null) throw new AppError('REREVIEW_NOT_RECTIFYING');
    const reason = body.reason?.trim() || null;
    const action = body.result === 'passed' ? 'pass_rectification' : 'revoke';
    const kind: Kind = body.result === 'passed' ? 'pass_rectification' : 'revoke_after_rectification';
    const label: Record<FollowUpResult, string> = {
      passed: '整改复查通过',
      revoked: '整改复查未通过，撤销称号',
    };
    const updated = await transitionTitle(tx, ctx, title, action, {
      reason,
      note: [`${round.name}：${label[body.result]}`, reason].filter(Boolean).join('；'),
    });
    await repo.updateItem(tx, item.id, {
      followUp: body.result,
      followUpReason: reason,
      followUpAt: ctx.now,
      followUpByName: actor.displayName,
    });
    await writeAudit(tx, ctx, {
      action: `rereview.${kind}`,
      objectType: 'title',
      objectId: title.id,
      unitId: title.unitId,
      changes: { status: { before: title.status, after: updated.status } },
      detail: `${round.name}（${round.id}）：${title.serial} ${title.holderName}${reason ? `；${reason}` : ''}`,
    });
    await tell(tx, ctx, title, kind, reason, null);
  });
  if (body.result === 'revoked') invalidatePublic(db);
  return get(db, ctx, roundId);
}
