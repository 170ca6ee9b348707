import { z } from 'zod';
import { AUDIT_OUTCOMES, ROLES } from '../enums';
import { listOf, listQuery, searchText } from './common';

export { AUDIT_OUTCOMES };

export const auditEvent = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  scopeOrgId: z.uuid().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  detail: z.string().nullable(),
  /**
   * Names of the records the event's ids point at (actor, scope organisation, object, ids inside
   * `changes`): id → name, so the page and the export show names, not UUIDs (issue #7.4).
   */
  names: z.record(z.string(), z.string()),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditSortKeys = ['at', 'action', 'actorName'] as const;

/**
 * The audit log's filters: `from` ≤ at < `to` (ISO datetimes with an offset), `actor` a substring of
 * the actor's username, `action` a prefix (`organizations.`), the others exact.
 */
export const auditFilters = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: searchText(64),
  action: searchText(64),
  objectType: searchText(64),
  objectId: searchText(64),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
});
export type AuditFilters = z.infer<typeof auditFilters>;

export const auditListQuery = listQuery(auditSortKeys).extend(auditFilters.shape).strict();
export const auditList = listOf(auditEvent);

/** The export takes the same filters (newest first, at most AUDIT_EXPORT_MAX_ROWS rows). */
export const auditExportQuery = auditFilters.strict();
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
