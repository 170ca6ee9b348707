/**
 * The audit trail (security requirements): append-only, a trigger (migration 0001) refuses changes.
 */
import { bigint, index, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { AUDIT_OUTCOMES } from '../../../../shared/src/enums';
import { ts } from './columns';
import { role } from './accounts';

export const auditOutcome = pgEnum('audit_outcome', AUDIT_OUTCOMES);

/** Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    role: role('role'),
    scopeOrgId: uuid('scope_org_id'),
    unitId: uuid('unit_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    outcome: auditOutcome('outcome').notNull(),
    changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>(),
    detail: text('detail'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_object_idx').on(t.objectType, t.objectId),
  ],
);
