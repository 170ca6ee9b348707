/**
 * Who made a record's current version, read from the audit trail. Organisations, venues, campaigns,
 * standards, cultivation candidates and accounts keep no `updated_by` column, but every change writes its
 * audit event in the same transaction, stamped with the same `now` as the record's `updated_at`; so a 409
 * VERSION_CONFLICT of those records can name the person, as the applications' does from their own column.
 */
import { and, desc, eq, like, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, users } from '../../db/schema';
import type { AppError } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';

export type VersionedObject = 'organization' | 'venue' | 'campaign' | 'standard' | 'cultivation' | 'user';

/**
 * The actions (LIKE patterns) that change each kind of record. Other events on the same object change
 * nothing of it: a user's logins, logouts and lock-outs, a unit's ranking (audited on its campaign).
 */
const CHANGE_ACTIONS: Record<VersionedObject, readonly [string, ...string[]]> = {
  organization: ['organizations.%'],
  venue: ['venues.%'],
  campaign: ['campaigns.%'],
  standard: ['standards.%'],
  cultivation: ['cultivations.%'],
  user: ['accounts.%', 'auth.password\\_change'],
};

/**
 * The change of `objectType`/`objectId` audited at `at` (the record's `updated_at`): who made it (their
 * display name, else the name the event recorded) and when; null when the trail has none, e.g. after
 * an import, which audits one event for the whole file. One lookup on `audit_events_object_idx`.
 */
export async function lastChangedBy(
  db: DbOrTx,
  objectType: VersionedObject,
  objectId: string,
  at: Date,
): Promise<{ name: string; at: Date } | null> {
  const [hit] = await db
    .select({
      name: sql<string | null>`coalesce(${users.displayName}, ${auditEvents.actorName})`,
      at: auditEvents.at,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.objectType, objectType),
        eq(auditEvents.objectId, objectId),
        eq(auditEvents.at, at),
        eq(auditEvents.outcome, 'success'),
        or(...CHANGE_ACTIONS[objectType].map((p) => like(auditEvents.action, p))),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return hit?.name ? { name: hit.name, at: hit.at } : null;
}

/**
 * 409 for a stale version: the current version, when it was made and by whom (`updatedByName`, null
 * when unknown). Call it with the handle the conflict was found on, only once there is a conflict.
 */
export async function versionConflict(
  db: DbOrTx,
  objectType: VersionedObject,
  row: { id: string; version: number; updatedAt: Date },
): Promise<AppError> {
  const by = await lastChangedBy(db, objectType, row.id, row.updatedAt);
  return versionConflictError(row, by?.name ?? null);
}
