import { isInSubtree, pathIds } from '../org-tree';
import type { ConflictSource } from '../stages';
import { compareIds, groupBy } from './util';

/**
 * Conflicts of interest between reviewers and applications (DESIGN §2, issue §2). A conflict is
 * derived when the reviewer's organisation is the applicant organisation's superior (its path is a
 * prefix of the applicant's), its subordinate (the other way round), or elsewhere in the same unit
 * (the same depth-1 ancestor of the materialised paths `/root/unit/…/self/`); a reviewer of the
 * applicant organisation itself counts as `same_unit`. Declared conflicts come from the reviewer or
 * the committee; a committee admin may override a derived conflict with a written reason (the
 * service records it; `conflictSet` leaves it out).
 *
 * The working committee itself (the root, depth 0) is the evaluator, not a party: a reviewer whose
 * organisation is the root is superior to every organisation but has no derived conflict.
 * External reviewers (no organisation) have none either.
 */

/** A derived conflict's reason: the sources of `CONFLICT_SOURCES` other than a declaration. */
export type ConflictReason = Exclude<ConflictSource, 'declared'>;

export interface OrgPlaced {
  id: string;
  /** Materialised path of the organisation; `null` for an external reviewer. */
  orgPath: string | null;
}

export interface DerivedConflict {
  reviewerId: string;
  applicationId: string;
  reason: ConflictReason;
}

/** The depth-1 ancestor (unit) of a path, or `null` for the root or no path. */
function unitOf(path: string | null): string | null {
  return path === null ? null : (pathIds(path)[1] ?? null);
}

/** Why a reviewer's organisation conflicts with an applicant organisation, or `null` when it does not. */
export function conflictReason(
  reviewerOrgPath: string | null,
  applicantOrgPath: string,
): ConflictReason | null {
  const unit = unitOf(reviewerOrgPath);
  if (reviewerOrgPath === null || unit === null) return null;
  if (reviewerOrgPath === applicantOrgPath) return 'same_unit';
  if (isInSubtree(applicantOrgPath, reviewerOrgPath)) return 'superior';
  if (isInSubtree(reviewerOrgPath, applicantOrgPath)) return 'subordinate';
  return unit === unitOf(applicantOrgPath) ? 'same_unit' : null;
}

/**
 * Every derived conflict between the reviewers and the applications (each application placed by its
 * organisation's path), sorted by reviewer then application. Only pairs within one unit can conflict,
 * so the work is per unit, not reviewers × applications.
 */
export function derivedConflicts(
  reviewers: readonly OrgPlaced[],
  applications: readonly OrgPlaced[],
): DerivedConflict[] {
  const appsByUnit = groupBy(
    applications.filter((a) => unitOf(a.orgPath) !== null),
    (a) => unitOf(a.orgPath)!,
  );
  const out: DerivedConflict[] = [];
  for (const r of reviewers) {
    const unit = unitOf(r.orgPath);
    if (unit === null) continue;
    for (const a of appsByUnit.get(unit) ?? []) {
      const reason = conflictReason(r.orgPath, a.orgPath!);
      if (reason) out.push({ reviewerId: r.id, applicationId: a.id, reason });
    }
  }
  return out.sort(
    (x, y) => compareIds(x.reviewerId, y.reviewerId) || compareIds(x.applicationId, y.applicationId),
  );
}

/** The key of a reviewer–application pair in a conflict set. */
export function conflictKey(reviewerId: string, applicationId: string): string {
  return `${reviewerId}:${applicationId}`;
}

export interface ReviewerApplicationPair {
  reviewerId: string;
  applicationId: string;
}

/**
 * The pairs that may not be assigned or counted: derived conflicts not overridden, plus every
 * declared conflict (a declaration is never overridden away).
 */
export function conflictSet(
  derived: readonly ReviewerApplicationPair[],
  declared: readonly ReviewerApplicationPair[] = [],
  overridden: readonly ReviewerApplicationPair[] = [],
): Set<string> {
  const lifted = new Set(overridden.map((p) => conflictKey(p.reviewerId, p.applicationId)));
  const set = new Set<string>();
  for (const p of derived) {
    const key = conflictKey(p.reviewerId, p.applicationId);
    if (!lifted.has(key)) set.add(key);
  }
  for (const p of declared) set.add(conflictKey(p.reviewerId, p.applicationId));
  return set;
}
