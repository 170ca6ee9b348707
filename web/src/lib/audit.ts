import type { AuditEvent } from '../../../shared/src/contracts/audit';

/** Shows an audit value as text: '—' for nothing, JSON for objects and lists. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The `changes` map as rows, sorted by field name. */
export function changeRows(
  changes: AuditEvent['changes'],
): { field: string; before: string; after: string }[] {
  if (!changes) return [];
  return Object.entries(changes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, c]) => ({ field, before: showValue(c?.before), after: showValue(c?.after) }));
}
