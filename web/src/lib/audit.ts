import type { AuditEvent } from '../../../shared/src/contracts/audit';
import { auditFieldLabel, auditValueText, type AuditValueOptions } from '../../../shared/src/audit-fields';

/** Shows an audit value as text: '—' for nothing, JSON for objects and lists. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * The `changes` map as rows in words (issue #7.4): the field by its label, values with names for ids,
 * yes/no, roles by name and times in Beijing time; sorted by the field's label.
 */
export function changeRows(
  changes: AuditEvent['changes'],
  o: AuditValueOptions,
): { field: string; label: string; before: string; after: string }[] {
  if (!changes) return [];
  return Object.entries(changes)
    .map(([field, c]) => ({
      field,
      label: auditFieldLabel(field, o.lang),
      before: auditValueText(field, c?.before, o),
      after: auditValueText(field, c?.after, o),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, o.lang === 'zh' ? 'zh-CN' : 'en'));
}
