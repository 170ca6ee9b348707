/**
 * The one transition of a title by a person (STYLE habit 7): the title locked, the table's `decideTitle`
 * asked with the actor's role, then the status, a history row — in the caller's transaction, which also
 * writes its audit event. Refusals answer 400 for what the request lacks (reason, deadline) and 409
 * TRANSITION_REFUSED otherwise, each with its code and text in both languages. The expiry sweep
 * (`expireDue`, by the system) is the only other writer of `titles.status`.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { titleEvents, titles } from '../../db/schema';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import {
  decideTitle,
  type TitleAction,
  type TitleRefusal,
} from '../../../../shared/src/domain/title-workflow';
import { TITLE_REFUSAL_TEXT } from '../../../../shared/src/domain/rereview';
import { expiresAt } from './service';
import type { TitleRow } from './repo';

const FIELD: Partial<Record<TitleRefusal, string>> = {
  reason_required: 'reason',
  deadline_required: 'deadline',
  deadline_past: 'deadline',
};

export function titleRefused(refusal: TitleRefusal): AppError {
  const t = TITLE_REFUSAL_TEXT[refusal];
  const field = FIELD[refusal];
  return new AppError(field ? 'VALIDATION_FAILED' : 'TRANSITION_REFUSED', [
    fieldError(field ?? 'status', refusal, t.zh, t.en),
  ]);
}

export async function lockTitle(tx: DbOrTx, id: string): Promise<TitleRow | null> {
  const [row] = await tx.select().from(titles).where(eq(titles.id, id)).for('update');
  return row ?? null;
}

export interface TitleMove {
  reason?: string | null;
  /** The instant a rectification deadline stands for (its China day's start). */
  deadline?: Date | null;
  /** What the history row says (defaults to the reason). */
  note?: string | null;
}

/** Applies `action` to a locked title for the actor of `ctx`; answers the updated row. */
export async function transitionTitle(
  tx: DbOrTx,
  ctx: Ctx,
  row: TitleRow,
  action: Exclude<TitleAction, 'certify'>,
  move: TitleMove = {},
): Promise<TitleRow> {
  const actor = requireActor(ctx);
  const d = decideTitle({
    action,
    status: row.status,
    role: actor.role,
    now: ctx.now,
    validUntil: expiresAt(row.validUntil),
    reason: move.reason ?? null,
    deadline: move.deadline ?? null,
  });
  if (!d.ok) throw titleRefused(d.refusal);
  const [updated] = await tx
    .update(titles)
    .set({ status: d.to, version: sql`${titles.version} + 1`, updatedAt: ctx.now })
    .where(eq(titles.id, row.id))
    .returning();
  await tx.insert(titleEvents).values({
    titleId: row.id,
    at: ctx.now,
    actorId: actor.userId,
    actorName: actor.displayName,
    action,
    fromStatus: row.status,
    toStatus: d.to,
    reason: move.note ?? move.reason ?? null,
  });
  return updated!;
}
