/**
 * Drag-to-rank of a unit's recommended list (推荐排序): the unit admin sends the applications not yet
 * accepted in their new order; they take the ranks the accepted ones leave free (shared
 * `domain/unit-ranking.ts`), in one statement and one audit event, under the same per-unit lock as
 * recommendations. Ranks only: statuses are `workflow.ts`'s.
 */
import type { Db } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit, type Changes } from '../audit/write';
import type { ReorderRanks } from '../../../../shared/src/contracts/applications';
import { REFUSAL_TEXT } from '../../../../shared/src/domain/application-workflow';
import type { FieldError } from '../../../../shared/src/errors';
import { placeOrder, rankLocked, type RankEntry } from '../../../../shared/src/domain/unit-ranking';
import { notFound } from './errors';
import * as repo from './repo';

function refuse(
  code: 'TRANSITION_REFUSED' | 'DEADLINE_PASSED',
  refusal: 'campaign_not_open' | 'deadline_passed' | 'cap_reached',
) {
  const t = REFUSAL_TEXT[refusal];
  return new AppError(
    code,
    [fieldError(refusal === 'cap_reached' ? 'order' : 'campaignId', refusal, t.zh, t.en)],
    {
      refusal,
    },
  );
}

/**
 * The order must name each of the unit's movable (still `recommended`) applications exactly once; an
 * accepted one keeps its rank and may not appear.
 */
function checkOrder(order: string[], current: RankEntry[]): FieldError[] {
  const movable = current.filter((c) => !rankLocked(c.status));
  const known = new Set(movable.map((c) => c.id));
  const locked = new Map(current.filter((c) => rankLocked(c.status)).map((c) => [c.id, c.unitRank]));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  order.forEach((id, i) => {
    if (seen.has(id))
      errors.push(fieldError(`order.${i}`, 'duplicate', '同一申报重复出现', 'The application appears twice'));
    else if (locked.has(id))
      errors.push(
        fieldError(
          `order.${i}`,
          'rank_locked',
          `该申报已被受理，保持推荐排序第 ${locked.get(id) ?? '—'} 位，不能调整`,
          `The application is accepted and keeps rank ${locked.get(id) ?? '—'}; it cannot move`,
        ),
      );
    else if (!known.has(id))
      errors.push(
        fieldError(
          `order.${i}`,
          'not_recommended',
          '该申报不在本单位本类别的推荐名单中',
          "The application is not in the unit's recommended list",
        ),
      );
    seen.add(id);
  });
  const missing = movable.filter((c) => !seen.has(c.id)).length;
  if (missing > 0)
    errors.push(
      fieldError(
        'order',
        'incomplete_order',
        `排序须包含本单位全部待受理的推荐申报，还缺 ${missing} 项`,
        `The order must list every recommended application not yet accepted; ${missing} missing`,
      ),
    );
  return errors;
}

/**
 * Reorders the unit's movable recommendations: they take, in the order sent, the ranks the accepted
 * ones leave free (`placeOrder`, the rule the page shows).
 */
export async function reorder(
  db: Db,
  ctx: Ctx,
  body: ReorderRanks,
): Promise<{ items: { id: string; unitRank: number }[] }> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'applications.recommend');
  if (scope.kind !== 'unit') throw new AppError('FORBIDDEN');
  const key = { campaignId: body.campaignId, trackCode: body.trackCode, unitId: scope.unitId };
  return db.transaction(async (tx) => {
    const campaign = await repo.findCampaign(tx, body.campaignId, 'share');
    if (!campaign) throw notFound('campaignId');
    if (campaign.status !== 'open') throw refuse('TRANSITION_REFUSED', 'campaign_not_open');
    if (ctx.now > campaign.recommendationDeadline) throw refuse('DEADLINE_PASSED', 'deadline_passed');
    await repo.lockUnitList(tx, key);
    const current = await repo.recommendedOfUnit(tx, key, undefined, 'update');
    const errors = checkOrder(body.order, current);
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors);
    const cap = await repo.unitCap(tx, key.campaignId, key.trackCode, key.unitId);
    if (cap !== null && current.length > cap) throw refuse('TRANSITION_REFUSED', 'cap_reached');
    const before = new Map(current.map((c) => [c.id, c.unitRank]));
    const ranks = placeOrder(body.order, current);
    const changed = ranks.filter((r) => before.get(r.id) !== r.rank);
    if (changed.length > 0) {
      await repo.setRanks(tx, changed, { userId: actor.userId, name: actor.displayName, at: ctx.now });
      const changes: Changes = Object.fromEntries(
        changed.map((r) => [r.id, { before: before.get(r.id) ?? null, after: r.rank }]),
      );
      await writeAudit(tx, ctx, {
        action: 'applications.rank',
        objectType: 'campaign',
        objectId: body.campaignId,
        unitId: scope.unitId,
        changes,
        detail: `track ${body.trackCode}`,
      });
    }
    return { items: ranks.map((r) => ({ id: r.id, unitRank: r.rank })) };
  });
}
