import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../../../shared/src/contracts/audit';
import { flatten, type Tree } from '../../i18n/catalogues';

type AuditT = TFunction<'audit'>;

export const outcomeLabel = (t: AuditT, o: AuditEvent['outcome']): string => t(`outcome.${o}`);

/** Dotted audit names (`auth.login`) are nested keys of the catalogue; unknown names show as they are. */
function section(t: AuditT, name: 'action' | 'object'): Tree {
  return t(name, { returnObjects: true }) as unknown as Tree;
}

function lookup(tree: Tree, dotted: string): string | null {
  let node: string | Tree | undefined = tree;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return null;
    node = node[part];
  }
  return typeof node === 'string' ? node : null;
}

export const actionLabel = (t: AuditT, action: string): string =>
  lookup(section(t, 'action'), action) ?? action;
export const objectTypeLabel = (t: AuditT, type: string): string =>
  lookup(section(t, 'object'), type) ?? type;

/** Known audit names with labels, for the filters' suggestions. */
export function knownAuditNames(t: AuditT, name: 'action' | 'object'): { value: string; label: string }[] {
  return flatten(section(t, name)).map(([value, label]) => ({ value, label }));
}
