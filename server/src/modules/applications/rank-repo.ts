/** Queries of a unit's recommended list: its cap, its members and ranks, and the lock that serialises it. */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { applications, campaignUnitCaps } from '../../db/schema';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import { RANK_HOLDING_STATUSES } from '../../../../shared/src/domain/unit-ranking';

/** Statuses of an application the unit has recommended (it counts against the cap and holds a rank). */
export const RECOMMENDED_STATUSES: ApplicationStatus[] = [...RANK_HOLDING_STATUSES];

/** The unit's recommendation cap for a campaign and track (null: no cap). */
export async function unitCap(
  db: DbOrTx,
  campaignId: string,
  trackCode: string,
  unitId: string,
): Promise<number | null> {
  const [row] = await db
    .select({ cap: campaignUnitCaps.cap })
    .from(campaignUnitCaps)
    .where(
      and(
        eq(campaignUnitCaps.campaignId, campaignId),
        eq(campaignUnitCaps.trackCode, trackCode),
        eq(campaignUnitCaps.unitId, unitId),
      ),
    );
  return row?.cap ?? null;
}

/** The unit's recommended applications in a campaign and track (ids, statuses, ranks), except `exceptId`. */
export async function recommendedOfUnit(
  db: DbOrTx,
  key: { campaignId: string; trackCode: string; unitId: string },
  exceptId?: string,
  lock?: 'update',
): Promise<{ id: string; status: ApplicationStatus; unitRank: number | null; version: number }[]> {
  const q = db
    .select({
      id: applications.id,
      status: applications.status,
      unitRank: applications.unitRank,
      version: applications.version,
    })
    .from(applications)
    .where(
      and(
        eq(applications.unitId, key.unitId),
        eq(applications.campaignId, key.campaignId),
        eq(applications.trackCode, key.trackCode),
        inArray(applications.status, RECOMMENDED_STATUSES),
        exceptId ? ne(applications.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(applications.unitRank), asc(applications.id));
  return lock ? q.for(lock) : q;
}

/** Sets the ranks of several applications in one statement, bumping their versions. */
export async function setRanks(
  db: DbOrTx,
  ranks: { id: string; rank: number }[],
  by: { userId: string; name: string; at: Date },
): Promise<void> {
  await db.execute(sql`
    update applications a
       set unit_rank = r.rank, version = a.version + 1, updated_at = ${by.at.toISOString()}::timestamptz,
           updated_by = ${by.userId}, updated_by_name = ${by.name}
      from unnest(${sql.param(ranks.map((r) => r.id))}::uuid[], ${sql.param(ranks.map((r) => r.rank))}::int[])
           as r(id, rank)
     where a.id = r.id`);
}

/** Serialises the recommendations of one unit in one campaign and track (its cap and its ranks). */
export async function lockUnitList(
  tx: DbOrTx,
  k: { campaignId: string; trackCode: string; unitId: string },
): Promise<void> {
  const key = `applications.rank:${k.campaignId}:${k.trackCode}:${k.unitId}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}
