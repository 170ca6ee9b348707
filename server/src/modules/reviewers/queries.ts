/**
 * What other modules read of the expert pool and conflicts of interest (they never import this module's
 * repo). A pair is conflicted when the tree says so (derived: `conflictReason`) and no committee override
 * waives it, or when a conflict was declared; an overridden pair counts, with its reason shown as a banner.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  applications,
  conflictOverrides,
  declaredConflicts,
  organizations,
  reviewerProfiles,
} from '../../db/schema';
import { conflictKey, conflictReason } from '../../../../shared/src/domain/evaluation';
import type { ConflictSource } from '../../../../shared/src/domain/stages';

export interface ConflictStatus {
  conflicted: boolean;
  /** Why the pair conflicts (empty when it does not); `declared` included when declared. */
  sources: ConflictSource[];
  /** The committee's waiver of a derived conflict, shown on the review. */
  override: { reason: string; byName: string | null; at: string } | null;
}

export interface Pair {
  reviewerId: string;
  applicationId: string;
}

/** The conflict status of each reviewer–application pair, keyed by `conflictKey`. */
export async function conflictStatuses(
  db: DbOrTx,
  pairs: readonly Pair[],
): Promise<Map<string, ConflictStatus>> {
  const out = new Map<string, ConflictStatus>();
  if (pairs.length === 0) return out;
  const reviewerIds = [...new Set(pairs.map((p) => p.reviewerId))];
  const applicationIds = [...new Set(pairs.map((p) => p.applicationId))];
  const [profiles, apps, declared, overrides] = await Promise.all([
    db
      .select({ id: reviewerProfiles.userId, path: reviewerProfiles.affiliationPath })
      .from(reviewerProfiles)
      .where(inArray(reviewerProfiles.userId, reviewerIds)),
    db
      .select({ id: applications.id, path: organizations.path })
      .from(applications)
      .innerJoin(organizations, eq(organizations.id, applications.organizationId))
      .where(inArray(applications.id, applicationIds)),
    db
      .select({ reviewerId: declaredConflicts.reviewerId, applicationId: declaredConflicts.applicationId })
      .from(declaredConflicts)
      .where(
        and(
          inArray(declaredConflicts.reviewerId, reviewerIds),
          inArray(declaredConflicts.applicationId, applicationIds),
        ),
      ),
    db
      .select({
        reviewerId: conflictOverrides.reviewerId,
        applicationId: conflictOverrides.applicationId,
        reason: conflictOverrides.reason,
        byName: conflictOverrides.overriddenByName,
        at: sql<string>`to_char(${conflictOverrides.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      })
      .from(conflictOverrides)
      .where(
        and(
          inArray(conflictOverrides.reviewerId, reviewerIds),
          inArray(conflictOverrides.applicationId, applicationIds),
        ),
      ),
  ]);
  const pathOfReviewer = new Map(profiles.map((p) => [p.id, p.path]));
  const pathOfApp = new Map(apps.map((a) => [a.id, a.path]));
  const declaredKeys = new Set(declared.map((d) => conflictKey(d.reviewerId, d.applicationId)));
  const overrideOf = new Map(overrides.map((o) => [conflictKey(o.reviewerId, o.applicationId), o]));
  for (const p of pairs) {
    const key = conflictKey(p.reviewerId, p.applicationId);
    const appPath = pathOfApp.get(p.applicationId);
    const derived = appPath ? conflictReason(pathOfReviewer.get(p.reviewerId) ?? null, appPath) : null;
    const o = overrideOf.get(key);
    const isDeclared = declaredKeys.has(key);
    const sources: ConflictSource[] = [
      ...(derived ? [derived] : []),
      ...(isDeclared ? (['declared'] as const) : []),
    ];
    out.set(key, {
      conflicted: isDeclared || (derived !== null && !o),
      sources,
      override: derived && o ? { reason: o.reason, byName: o.byName, at: o.at } : null,
    });
  }
  return out;
}

/** The conflict status of one pair. */
export async function conflictStatus(db: DbOrTx, pair: Pair): Promise<ConflictStatus> {
  return (await conflictStatuses(db, [pair])).get(conflictKey(pair.reviewerId, pair.applicationId))!;
}
