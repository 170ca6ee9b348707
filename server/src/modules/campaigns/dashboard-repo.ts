/**
 * The dashboard's two GROUP BY queries over a campaign's applications (the table can hold 100k rows):
 * counts per track × kind × status (every other breakdown derives from it) and counts per unit.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { applications, organizations } from '../../db/schema';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';

const n = sql<number>`count(*)::int`;

export async function countsByTrackKindStatus(
  db: DbOrTx,
  campaignId: string,
  unitId: string | null,
): Promise<{ track: string; orgKind: OrgKind; status: ApplicationStatus; count: number }[]> {
  return db
    .select({
      track: applications.trackCode,
      orgKind: applications.orgKind,
      status: applications.status,
      count: n,
    })
    .from(applications)
    .where(and(eq(applications.campaignId, campaignId), unitId ? eq(applications.unitId, unitId) : undefined))
    .groupBy(applications.trackCode, applications.orgKind, applications.status);
}

export async function countsByUnit(
  db: DbOrTx,
  campaignId: string,
  unitId: string | null,
): Promise<{ unitId: string; unitName: string; count: number }[]> {
  return db
    .select({ unitId: applications.unitId, unitName: organizations.name, count: n })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.unitId))
    .where(and(eq(applications.campaignId, campaignId), unitId ? eq(applications.unitId, unitId) : undefined))
    .groupBy(applications.unitId, organizations.name, organizations.code)
    .orderBy(sql`count(*) desc`, asc(organizations.code));
}
