/**
 * The intake queue's batch (issue #7 §4): the committee accepts several applications, or returns several
 * with one reason. Each goes through the one transition service (`transition`: its row, guards, history,
 * audit event and notifications) inside ONE transaction, so the batch is all or nothing: a single refusal
 * (a status changed meanwhile, a stale version) rolls everything back and the answer names every refused
 * item by its subject, so the clerk can deselect or refresh them and try again.
 */
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { ERROR_CODES, type FieldError } from '../../../../shared/src/errors';
import type {
  BatchTransitionBody,
  BatchTransitionResult,
} from '../../../../shared/src/contracts/applications';
import { assertMayAct, transition } from './workflow';
import * as repo from './repo';

/** Why one item was refused, in both languages (its first field message, else its code's). */
function reasonOf(err: AppError): { zh: string; en: string } {
  const d = err.details[0];
  return d ? { zh: d.zh, en: d.en } : { zh: ERROR_CODES[err.code].zh, en: ERROR_CODES[err.code].en };
}

/** The item's subject for the message, only when the caller may see it (else "not found" says enough). */
async function subjectOf(tx: DbOrTx, id: string, err: AppError): Promise<string | null> {
  if (err.code === 'NOT_FOUND') return null;
  const row = await repo.findInScope(tx, { kind: 'all' }, id);
  return row ? (await repo.subjectNames(tx, row)).subject : null;
}

export async function batchTransition(
  db: Db,
  ctx: Ctx,
  body: BatchTransitionBody,
  url: string,
): Promise<BatchTransitionResult> {
  await assertMayAct(db, ctx, body.action, url);
  const seen = new Set<string>();
  const duplicates = body.items.flatMap((x, i) => (seen.has(x.id) ? [i] : (seen.add(x.id), [])));
  if (duplicates.length)
    throw new AppError(
      'VALIDATION_FAILED',
      duplicates.map((i) =>
        fieldError(`items.${i}`, 'duplicate', '同一申报只能出现一次', 'Each application may appear once'),
      ),
    );
  const reason = body.action === 'return' ? body.reason : null;
  // Rows are locked in id order, so two batches over overlapping sets cannot deadlock.
  const order = body.items.map((x, i) => ({ ...x, i })).sort((a, b) => (a.id < b.id ? -1 : 1));
  return db.transaction(async (tx) => {
    const done = new Map<number, BatchTransitionResult['applications'][number]>();
    const refusals: FieldError[] = [];
    for (const item of order) {
      try {
        const r = await transition(tx, ctx, item.id, body.action, { version: item.version, reason });
        done.set(item.i, r.application);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const why = reasonOf(err);
        const subject = await subjectOf(tx, item.id, err);
        refusals.push(
          fieldError(
            `items.${item.i}`,
            err.code === 'NOT_FOUND'
              ? 'not_found'
              : ((err.extra?.refusal as string) ?? err.code.toLowerCase()),
            `第 ${item.i + 1} 项${subject ? `（${subject}）` : ''}：${err.code === 'NOT_FOUND' ? '未找到该申报' : why.zh}`,
            `Item ${item.i + 1}${subject ? ` (${subject})` : ''}: ${err.code === 'NOT_FOUND' ? 'application not found' : why.en}`,
          ),
        );
      }
    }
    if (refusals.length) {
      refusals.sort((a, b) => Number(a.field.slice(6)) - Number(b.field.slice(6)));
      throw new AppError('BATCH_REFUSED', refusals);
    }
    return {
      action: body.action,
      applications: body.items.map((_x, i) => done.get(i)!),
    };
  });
}
