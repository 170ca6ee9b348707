import type { DbOrTx } from '../../db/client';
import { appendAuditEvent } from './chain';
import type { Role } from '../../../../shared/src/enums';
import type { Ctx } from '../../core/context';
import { escapeControls } from '../../../../shared/src/contracts/common';
import type { AuditAction, AuditObject, AuditVerb } from '../../../../shared/src/audit-actions';

export type { AuditAction, AuditVerb };

export type Changes = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  /** One of the typed list (shared/src/audit-actions.ts): an unlisted action does not compile. */
  action: AuditAction;
  objectType?: AuditObject | null;
  objectId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  changes?: Changes | null;
  detail?: string | null;
  /** The unit the object belongs to (kept for distribution by unit). */
  unitId?: string | null;
  /** For events without a logged-in actor (login failures): who it was about. */
  actorOverride?: { id: string | null; name: string | null; role?: Role | null };
}

const SECRET_FIELDS = new Set([
  'password',
  'passwordHash',
  'currentPassword',
  'newPassword',
  'oneTimePassword',
  'token',
]);

/**
 * Writes one audit event, linked into the hash chain (chain.ts). Call it with the same transaction as the
 * change it records, so both commit or neither does (AUD-05). Secrets in `changes` are masked.
 */
export async function writeAudit(db: DbOrTx, ctx: Ctx, e: AuditEntry): Promise<void> {
  const actor = ctx.actor;
  const changes = e.changes
    ? Object.fromEntries(
        Object.entries(e.changes).map(([k, v]) =>
          SECRET_FIELDS.has(k) ? [k, { before: '***', after: '***' }] : [k, v],
        ),
      )
    : null;
  await appendAuditEvent(db, {
    at: ctx.now,
    actorId: e.actorOverride ? e.actorOverride.id : (actor?.userId ?? null),
    actorName: text(e.actorOverride ? e.actorOverride.name : (actor?.username ?? null)),
    role: e.actorOverride ? (e.actorOverride.role ?? null) : (actor?.role ?? null),
    scopeOrgId: actor?.organizationId ?? null,
    unitId: e.unitId ?? actor?.unitId ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    action: e.action,
    objectType: e.objectType ?? null,
    objectId: e.objectId ?? null,
    outcome: e.outcome ?? 'success',
    changes,
    detail: text(e.detail ?? null),
  });
}

/** Free text in an audit row with its control characters written out: the trail never fails on a NUL. */
const text = (s: string | null): string | null => (s === null ? null : escapeControls(s));

/** The fields that differ between two snapshots, as `{ field: { before, after } }`. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: (keyof T)[],
): Changes {
  const out: Changes = {};
  for (const f of fields) {
    if (!(f in after)) continue;
    const b = before[f] instanceof Date ? (before[f] as Date).toISOString() : before[f];
    const a = after[f] instanceof Date ? (after[f] as Date).toISOString() : after[f];
    if (JSON.stringify(b) !== JSON.stringify(a)) out[String(f)] = { before: b ?? null, after: a ?? null };
  }
  return out;
}
