import type { z } from 'zod';
import type { Db } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { writeAudit } from './write';
import * as repo from './repo';
import { isUuid, resolveNames, uuidsInText } from './names';
import {
  AUDIT_EXPORT_MAX_ROWS,
  type AuditEvent,
  type AuditFilters,
  type auditListQuery,
} from '../../../../shared/src/contracts/audit';

type ListQuery = z.infer<typeof auditListQuery>;

/** The names of the ids one event mentions, picked from the page's resolved names. */
function namesOf(r: repo.AuditRow, all: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const pick = (v: unknown) => {
    if (!isUuid(v)) return;
    const name = all.get(v.toLowerCase());
    if (name !== undefined) out[v] = name;
  };
  [r.actorId, r.scopeOrgId, r.objectId, ...uuidsInText(r.detail)].forEach(pick);
  for (const c of Object.values(r.changes ?? {}))
    for (const v of [c?.before, c?.after]) (Array.isArray(v) ? v : [v]).forEach(pick);
  return out;
}

/** Rows as the API shows them, with the names of the ids they mention (one lookup for all rows). */
export async function presentRows(db: Db, rows: repo.AuditRow[]): Promise<AuditEvent[]> {
  const names = await resolveNames(db, rows);
  return rows.map((r) => toAuditEvent(r, names));
}

/** The presenter: `id` as a string (a bigint), `at` as an ISO UTC string. */
export function toAuditEvent(r: repo.AuditRow, names = new Map<string, string>()): AuditEvent {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    role: r.role,
    scopeOrgId: r.scopeOrgId,
    ip: r.ip,
    requestId: r.requestId,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    outcome: r.outcome,
    changes: r.changes ?? null,
    detail: r.detail,
    names: namesOf(r, names),
  };
}

function filtersOf(q: AuditFilters): AuditFilters {
  const keys = ['from', 'to', 'actor', 'action', 'objectType', 'objectId', 'outcome'] as const;
  const out: Record<string, string> = {};
  for (const k of keys) if (q[k] !== undefined && q[k] !== '') out[k] = q[k];
  return out as AuditFilters;
}

/** Reading the audit log is itself audited (`audit.read`, with the filters used). */
export async function listAuditEvents(
  db: Db,
  ctx: Ctx,
  q: ListQuery,
): Promise<{ items: AuditEvent[]; total: number }> {
  requireActor(ctx);
  const filters = filtersOf(q);
  const sort = q.sort ?? '-at';
  const { rows, total } = await repo.listAuditEvents(
    db,
    filters,
    { key: sort.replace(/^-/, '') as repo.AuditSortKey, desc: sort.startsWith('-') },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  await writeAudit(db, ctx, {
    action: 'audit.read',
    objectType: 'audit_event',
    detail: JSON.stringify({ filters, sort, page: q.page, pageSize: q.pageSize, total }),
  });
  return { items: await presentRows(db, rows), total };
}

export interface AuditExport {
  /** How many events match the filters. */
  total: number;
  /** How many events the file holds (at most `maxRows`, AUDIT_EXPORT_MAX_ROWS by default). */
  rows: number;
  truncated: boolean;
  batches: AsyncIterable<AuditEvent[]>;
}

/**
 * Prepares an export: counts the matching events, records the `audit.export` event (before the file
 * is streamed, so an interrupted download is still on record), and yields the events newest first.
 */
export async function exportAuditEvents(
  db: Db,
  ctx: Ctx,
  q: AuditFilters,
  maxRows = AUDIT_EXPORT_MAX_ROWS,
): Promise<AuditExport> {
  requireActor(ctx);
  const filters = filtersOf(q);
  const upToId = await repo.lastAuditId(db);
  const total = await repo.countAuditEvents(db, filters, upToId);
  const rows = Math.min(total, maxRows);
  await writeAudit(db, ctx, {
    action: 'audit.export',
    objectType: 'audit_event',
    detail: JSON.stringify({ filters, total, rows }),
  });
  async function* batches(): AsyncGenerator<AuditEvent[]> {
    for await (const b of repo.auditEventBatches(db, filters, upToId, rows)) yield await presentRows(db, b);
  }
  return { total, rows, truncated: total > rows, batches: batches() };
}
