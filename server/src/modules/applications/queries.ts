/**
 * What other modules read of applications (they never import this module's repo): a campaign's
 * applications in one status, with what evaluation needs of them (track, kind, unit, submission time).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { applications } from '../../db/schema';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';
import type { Scope } from '../../core/context';
import { loadCompleteness } from './gaps';
import * as repo from './repo';

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

/**
 * How far each of the caller's applications is from complete (in `scope`): the required items (the two
 * narrative fields, a self-score per criterion, evidence where asked) and how many are still missing.
 */
export async function completenessOf(
  db: DbOrTx,
  scope: Scope,
  ids: readonly string[],
): Promise<Map<string, { missing: number; required: number; returnedReason: string | null }>> {
  const out = new Map<string, { missing: number; required: number; returnedReason: string | null }>();
  for (const id of ids) {
    const row = await repo.findInScope(db, scope, id);
    if (!row) continue;
    const c = await loadCompleteness(db, row);
    const required = 2 + c.titles.size + c.evidenceRequired;
    out.set(id, { missing: c.gaps.length, required, returnedReason: row.returnedReason });
  }
  return out;
}

/** Which of `ids` are applications inside `scope` (one query; ids outside it or unknown are absent). */
export async function idsInScope(db: DbOrTx, scope: Scope, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(inArray(applications.id, [...ids]), repo.appScopeWhere(scope)));
  return new Set(rows.map((r) => r.id));
}
