import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../../../shared/src/contracts/audit';
import { AUDIT_ACTIONS, AUDIT_OBJECTS, auditLabel } from '../../../../shared/src/audit-actions';

type AuditT = TFunction<'audit'>;

/** The labels of actions and object types come from the one typed list (shared/src/audit-actions.ts). */
const lang = (t: AuditT): 'zh' | 'en' => (t('lang') === 'en' ? 'en' : 'zh');

export const outcomeLabel = (t: AuditT, o: AuditEvent['outcome']): string => t(`outcome.${o}`);

export const actionLabel = (t: AuditT, action: string): string => auditLabel('action', action, lang(t));
export const objectTypeLabel = (t: AuditT, type: string): string => auditLabel('object', type, lang(t));

/** Every action (or object type) of the list with its label, for the filters. */
export function knownAuditNames(t: AuditT, kind: 'action' | 'object'): { value: string; label: string }[] {
  const list = kind === 'action' ? AUDIT_ACTIONS : AUDIT_OBJECTS;
  const l = lang(t);
  return Object.entries(list).map(([value, label]) => ({ value, label: label[l] }));
}
