/**
 * The committee's handling of an objection: accept (受理) to an assignee with a deadline, dismiss
 * (不予受理), reassign, investigation notes, and close with an outcome. A founded objection strikes its
 * entry off the list (the application `in_publicity → withdrawn`, workflow row `strike`) and may put the
 * next ranked application in its place (`not_selected → in_publicity`, row `substitute`), with the reason
 * recorded. Every step decided by `decideObjection`, written with its audit event in one transaction.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { systemTransition } from '../applications/workflow';
import type { CloseObjection, ObjectionDetail } from '../../../../shared/src/contracts/publicity';
import {
  decideObjection,
  OBJECTION_REFUSAL_TEXT,
  type ObjectionFacts,
} from '../../../../shared/src/domain/objection-workflow';
import { chinaDateOf } from '../../../../shared/src/domain/working-days';
import { detail, lockedAt, nextRanked } from './objections';
import { entriesFor } from './service';
import { invalidatePublic } from '../../core/public-cache';
import * as repo from './repo';

const FIELD: Record<string, string> = {
  wrong_status: 'status',
  not_assignee: 'assigneeId',
  reason_required: 'reason',
  assignee_required: 'assigneeId',
  deadline_past: 'deadline',
  outcome_required: 'outcome',
  no_item: 'entry',
  substitute_required: 'substituteApplicationId',
};

function decided(facts: ObjectionFacts) {
  const d = decideObjection(facts);
  if (d.ok) return d.to;
  const t = OBJECTION_REFUSAL_TEXT[d.refusal];
  throw new AppError('OBJECTION_REFUSED', [fieldError(FIELD[d.refusal]!, d.refusal, t.zh, t.en)]);
}

async function assignee(tx: DbOrTx, id: string) {
  const u = await repo.committeeMember(tx, id);
  if (!u)
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        'assigneeId',
        'not_committee',
        '承办人须为工委管理员',
        'The assignee must be a committee administrator',
      ),
    ]);
  return u;
}

type Assign = { assigneeId: string; deadline?: string | null; version: number };

/** accept (受理) or reassign: the assignee (a committee administrator) and the deadline. */
export async function assign(
  db: Db,
  ctx: Ctx,
  id: string,
  action: 'accept' | 'reassign',
  body: Assign,
): Promise<ObjectionDetail> {
  const actor = requireActor(ctx);
  return db.transaction(async (tx) => {
    const o = await lockedAt(tx, id, body.version);
    const to = decided({
      action,
      status: o.status,
      actorId: actor.userId,
      assigneeId: o.assigneeId,
      newAssigneeId: body.assigneeId,
      deadline: body.deadline ?? null,
      today: chinaDateOf(ctx.now),
    });
    const u = await assignee(tx, body.assigneeId);
    await repo.updateObjection(tx, id, o.version, {
      status: to,
      assigneeId: u.id,
      assigneeName: u.displayName,
      deadline: body.deadline ?? null,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: action === 'accept' ? 'objections.accept' : 'objections.reassign',
      objectType: 'objection',
      objectId: id,
      changes: {
        status: { before: o.status, after: to },
        assigneeName: { before: o.assigneeName, after: u.displayName },
        deadline: { before: o.deadline, after: body.deadline ?? null },
      },
    });
    return detail(tx, ctx, id);
  });
}

export async function dismiss(
  db: Db,
  ctx: Ctx,
  id: string,
  body: { reason: string; reply?: string | null; version: number },
): Promise<ObjectionDetail> {
  const actor = requireActor(ctx);
  return db.transaction(async (tx) => {
    const o = await lockedAt(tx, id, body.version);
    const to = decided({
      action: 'dismiss',
      status: o.status,
      actorId: actor.userId,
      assigneeId: o.assigneeId,
      reason: body.reason,
    });
    await repo.updateObjection(tx, id, o.version, {
      status: to,
      outcome: 'inadmissible',
      reason: body.reason,
      reply: body.reply ?? null,
      closedAt: ctx.now,
      closedByName: actor.displayName,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: 'objections.dismiss',
      objectType: 'objection',
      objectId: id,
      changes: { status: { before: o.status, after: to }, outcome: { before: null, after: 'inadmissible' } },
      detail: body.reason,
    });
    return detail(tx, ctx, id);
  });
}

export async function note(
  db: Db,
  ctx: Ctx,
  id: string,
  body: { body: string; version: number },
): Promise<ObjectionDetail> {
  const actor = requireActor(ctx);
  return db.transaction(async (tx) => {
    const o = await lockedAt(tx, id, body.version);
    decided({ action: 'note', status: o.status, actorId: actor.userId, assigneeId: o.assigneeId });
    await repo.insertNote(tx, {
      objectionId: id,
      at: ctx.now,
      authorId: actor.userId,
      authorName: actor.displayName,
      body: body.body,
    });
    await repo.updateObjection(tx, id, o.version, { updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'objections.note',
      objectType: 'objection',
      objectId: id,
      detail: body.body,
    });
    return detail(tx, ctx, id);
  });
}

/** Strikes the entry off the list and, when asked, puts the next ranked application in its place. */
async function applyFounded(
  tx: DbOrTx,
  ctx: Ctx,
  p: repo.PublicityRow,
  item: repo.ItemRow,
  body: CloseObjection,
): Promise<string | null> {
  let substituteItemId: string | null = null;
  const next = body.outcome === 'founded_substitute' ? await nextRanked(tx, p, item) : null;
  if (body.outcome === 'founded_substitute' && next?.applicationId !== body.substituteApplicationId)
    throw new AppError('OBJECTION_REFUSED', [
      fieldError(
        'substituteApplicationId',
        'not_next_ranked',
        next ? `递补对象应为同类别排名下一位：${next.name}（第 ${next.rank} 名）` : '该类别没有可递补的对象',
        next ? `The next ranked is ${next.name} (rank ${next.rank})` : 'There is no one to substitute',
      ),
    ]);
  await systemTransition(tx, ctx, item.applicationId, 'strike', { reason: body.reason });
  await repo.strikeItem(tx, item.id, body.reason, ctx.now);
  if (next) {
    await systemTransition(tx, ctx, next.applicationId, 'substitute', { reason: body.reason });
    const [entry] = await entriesFor(tx, [next.applicationId], new Map([[next.applicationId, next.rank]]));
    const [row] = await repo.insertItems(tx, [
      { ...entry!, publicityId: p.id, substituteFor: item.id, reason: body.reason, addedAt: ctx.now },
    ]);
    substituteItemId = row!.id;
  }
  await repo.touchPublicity(tx, p.id, ctx.now);
  return substituteItemId;
}

export async function close(db: Db, ctx: Ctx, id: string, body: CloseObjection): Promise<ObjectionDetail> {
  const actor = requireActor(ctx);
  const founded = body.outcome === 'founded_withdraw' || body.outcome === 'founded_substitute';
  const out = await db.transaction(async (tx) => {
    const o = await lockedAt(tx, id, body.version);
    const p = (await repo.findPublicity(tx, o.publicityId, 'update'))!;
    const item = o.itemId ? await repo.findItem(tx, o.itemId) : null;
    const to = decided({
      action: 'close',
      status: o.status,
      actorId: actor.userId,
      assigneeId: o.assigneeId,
      reason: body.reason,
      outcome: body.outcome,
      itemListed: item?.status === 'listed',
      substituteId: body.substituteApplicationId ?? null,
    });
    const substituteItemId = founded && item ? await applyFounded(tx, ctx, p, item, body) : null;
    await repo.updateObjection(tx, id, o.version, {
      status: to,
      outcome: body.outcome,
      reason: body.reason,
      reply: body.reply ?? null,
      closedAt: ctx.now,
      closedByName: actor.displayName,
      substituteItemId,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: 'objections.close',
      objectType: 'objection',
      objectId: id,
      changes: {
        status: { before: o.status, after: to },
        outcome: { before: null, after: body.outcome },
        ...(founded ? { struck: { before: null, after: item!.applicationId } } : {}),
        ...(substituteItemId
          ? { substitute: { before: null, after: body.substituteApplicationId ?? null } }
          : {}),
      },
      detail: body.reason,
    });
    return detail(tx, ctx, id);
  });
  if (founded) invalidatePublic(db);
  return out;
}
