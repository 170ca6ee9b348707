import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../../../shared/src/contracts/audit';
import { AUDIT_ACTIONS, AUDIT_OBJECTS, auditLabel } from '../../../../shared/src/audit-actions';
import { auditModuleLabel, type AuditValueOptions } from '../../../../shared/src/audit-fields';
import { formatDateTime } from '../../lib/format';

type AuditT = TFunction<'audit'>;

/** The labels of actions and object types come from the one typed list (shared/src/audit-actions.ts). */
export const lang = (t: AuditT): 'zh' | 'en' => (t('lang') === 'en' ? 'en' : 'zh');

export const outcomeLabel = (t: AuditT, o: AuditEvent['outcome']): string => t(`outcome.${o}`);

export const actionLabel = (t: AuditT, action: string): string => auditLabel('action', action, lang(t));
export const objectTypeLabel = (t: AuditT, type: string): string => auditLabel('object', type, lang(t));

/** How the page words an event's values: its names for ids, Beijing time. */
export const valueOptions = (t: AuditT, e: AuditEvent): AuditValueOptions => ({
  lang: lang(t),
  names: e.names,
  time: formatDateTime,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The name of a record an id points at; a non-UUID id (a date, a year) as it is; an unknown UUID as null. */
export function nameOf(e: AuditEvent, id: string | null): string | null {
  if (!id) return null;
  return e.names[id] ?? (UUID.test(id) ? null : id);
}

/** Every action (or object type) of the list with its label, for the filters. */
export function knownAuditNames(t: AuditT, kind: 'action' | 'object'): { value: string; label: string }[] {
  const list = kind === 'action' ? AUDIT_ACTIONS : AUDIT_OBJECTS;
  const l = lang(t);
  return Object.entries(list).map(([value, label]) => ({ value, label: label[l] }));
}

/**
 * The 操作 filter's options: one group per module, led by "every action of the module" (the prefix,
 * `accounts.`), then each action by its name — never by its code.
 */
export function actionOptions(t: AuditT): { label: string; options: { value: string; label: string }[] }[] {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const a of knownAuditNames(t, 'action')) {
    const prefix = a.value.split('.')[0]!;
    if (!groups.has(prefix)) groups.set(prefix, []);
    groups.get(prefix)!.push(a);
  }
  return [...groups].map(([prefix, actions]) => {
    const module = auditModuleLabel(prefix, lang(t));
    return {
      label: module,
      options: [{ value: `${prefix}.`, label: t('allOfModule', { module }) }, ...actions],
    };
  });
}
