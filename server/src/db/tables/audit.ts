/**
 * The audit trail (security requirements): append-only, a trigger (migrations 0001, 0014) refuses changes;
 * each event carries a link of a keyed hash chain (AUD-03, modules/audit/chain.ts).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { AUDIT_OUTCOMES } from '../../../../shared/src/enums';
import { ts } from './columns';
import { role } from './accounts';

export const auditOutcome = pgEnum('audit_outcome', AUDIT_OUTCOMES);

/** Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    /** By default from its sequence; the chain append takes `nextval` first, as the id is in the link. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
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
    /** Position in the hash chain: 1, 2, 3 … without gaps, in the order the links were made. */
    seq: bigint('seq', { mode: 'number' }),
    /** HMAC-SM3(audit key, previous link ‖ canonical form of this event), hex. */
    link: text('link'),
    /** The version of the `audit` key of the key file that made the link. */
    keyVersion: integer('key_version'),
  },
  (t) => [
    uniqueIndex('audit_events_seq_idx').on(t.seq),
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_object_idx').on(t.objectType, t.objectId),
  ],
);

/**
 * The end of the hash chain: one row, locked (`FOR UPDATE` by the UPDATE that takes the next number) by
 * each audit write until its transaction ends, so links are made one after another even with many
 * writers. `seq` and `link` are those of the newest event (0 and 64 zeros before the first).
 */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: smallint('id').primaryKey().default(1),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    link: text('link').notNull(),
  },
  (t) => [check('audit_chain_head_one_row', sql`${t.id} = 1`)],
);

/**
 * Audit retention (issue #9 §4): one row per archive of the oldest events, written in the transaction that
 * removes them. The newest row is the chain's checkpoint: `audit verify` starts after `through_seq` with
 * `through_link` as the previous link. `mac` is HMAC-SM3 (audit key `key_version`) over the row, so a
 * checkpoint cannot be moved without the key. Rows are only added, each after the last (migration 0018).
 */
export const auditArchives = pgTable('audit_archives', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  fromSeq: bigint('from_seq', { mode: 'number' }).notNull().unique(),
  throughSeq: bigint('through_seq', { mode: 'number' }).notNull().unique(),
  throughLink: text('through_link').notNull(),
  events: integer('events').notNull(),
  /** Events written before this instant were archived (now − retention days). */
  before: ts('before').notNull(),
  /** SM3 of the archive file, hex, and its name (without the directory). */
  fileSm3: text('file_sm3').notNull(),
  fileName: text('file_name').notNull(),
  archivedAt: ts('archived_at').notNull(),
  keyVersion: integer('key_version').notNull(),
  mac: text('mac').notNull(),
});
