/**
 * What other modules read of applications (they never import this module's repo): a campaign's
 * applications in one status, with what evaluation needs of them (track, kind, unit, submission time).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { applications } from '../../db/schema';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';

export interface EvaluatedApplication {
  id: string;
  trackCode: string;
  orgKind: OrgKind;
  unitId: string;
  submittedAt: Date | null;
}

/** The campaign's applications in `status`, by id. */
export function applicationsInStatus(
  db: DbOrTx,
  campaignId: string,
  status: ApplicationStatus,
): Promise<EvaluatedApplication[]> {
  return db
    .select({
      id: applications.id,
      trackCode: applications.trackCode,
      orgKind: applications.orgKind,
      unitId: applications.unitId,
      submittedAt: applications.submittedAt,
    })
    .from(applications)
    .where(and(eq(applications.campaignId, campaignId), eq(applications.status, status)))
    .orderBy(asc(applications.id));
}
