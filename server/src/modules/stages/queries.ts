/**
 * What other modules read of stages (they never import this module's repo): one stage, a campaign's
 * stages in order, and the facts the object rules need (status and window).
 */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { stages } from '../../db/schema';
import type { Facts } from '../../core/object-rules';
import { resultsOf, type StageRow } from './repo';

export type { StageRow };

/** One stage, or null; `lock` takes a row lock (FOR UPDATE) or a shared one inside a transaction. */
export async function getStage(db: DbOrTx, id: string, lock?: 'update' | 'share'): Promise<StageRow | null> {
  const q = db.select().from(stages).where(eq(stages.id, id));
  const rows = await (lock === 'update' ? q.for('update') : lock === 'share' ? q.for('share') : q);
  return rows[0] ?? null;
}

/** A campaign's stages by position. */
export function listStages(db: DbOrTx, campaignId: string): Promise<StageRow[]> {
  return db.select().from(stages).where(eq(stages.campaignId, campaignId)).orderBy(asc(stages.position));
}

/** The stage part of the object-rule facts (`stage_open`). */
export function stageFacts(stage: StageRow): NonNullable<Facts['stage']> {
  return { status: stage.status, opensAt: stage.opensAt, closesAt: stage.closesAt };
}

/** Who entered these stages, and whether they passed (gate stages; null elsewhere or undecided). */
export async function stageEntrants(
  db: DbOrTx,
  stageIds: readonly string[],
): Promise<{ stageId: string; applicationId: string; gatePassed: boolean | null }[]> {
  return (await resultsOf(db, stageIds)).map((r) => ({
    stageId: r.stageId,
    applicationId: r.applicationId,
    gatePassed: r.gatePassed,
  }));
}
