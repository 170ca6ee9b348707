/**
 * Idempotent requests (`Idempotency-Key`): the key, the caller and a hash of the request are stored in
 * the same transaction as the work and its answer. The same key and payload answer the stored response
 * without doing the work again; the same key with another payload is refused (422). A failed attempt
 * rolls its key back with everything else, so the client may retry it.
 *
 * Concurrent requests with one key: the second insert waits for the first transaction's unique-key lock
 * (PostgreSQL) or for the single connection (PGlite), then finds the committed answer.
 */
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';
import { AppError, fieldError } from '../../core/errors';

/** A stable hash of what identifies a request: its target and its canonical JSON payload. */
export function requestHash(target: string, payload: unknown): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : Array.isArray(v)
        ? v.map(canonical)
        : v;
  return crypto
    .createHash('sha256')
    .update(`${target}\n${JSON.stringify(canonical(payload ?? {}))}`)
    .digest('hex');
}

export async function idempotent<T>(
  db: Db,
  key: { actorId: string; key: string; hash: string; now: Date },
  work: (tx: DbOrTx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ actorId: key.actorId, key: key.key, requestHash: key.hash, createdAt: key.now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    const where = and(eq(idempotencyKeys.actorId, key.actorId), eq(idempotencyKeys.key, key.key));
    if (claimed.length === 0) {
      const [prev] = await tx.select().from(idempotencyKeys).where(where);
      if (!prev || prev.requestHash !== key.hash)
        throw new AppError('IDEMPOTENCY_MISMATCH', [
          fieldError(
            'headers.idempotency-key',
            'key_reused',
            '该幂等键已用于另一项请求，请为新的请求生成新的键',
            'This key was used for a different request; send a new key',
          ),
        ]);
      return prev.response as T;
    }
    const answer = await work(tx);
    await tx.update(idempotencyKeys).set({ statusCode: 200, response: answer }).where(where);
    return answer;
  });
}
