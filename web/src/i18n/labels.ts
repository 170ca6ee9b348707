import type { TFunction } from 'i18next';
import type { OrgKind, Role } from '../../../shared/src/enums';
import type { AuditEvent } from '../../../shared/src/contracts/audit';
import type { ApplicationStatus } from '../../../shared/src/domain/application-workflow';

/** Labels of the glossary enums (DESIGN §1–§2) and of the audit vocabulary, from the catalogues. */
export const kindLabel = (t: TFunction, kind: OrgKind): string => t(`kind.${kind}`);
export const roleLabel = (t: TFunction, role: Role): string => t(`role.${role}`);
export const outcomeLabel = (t: TFunction, o: AuditEvent['outcome']): string => t(`auditOutcome.${o}`);

type Tree = { [k: string]: string | Tree };

/** `{ auth: { login: '登录' } }` → `[['auth.login', '登录']]`. */
export function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );
}

/** Dotted audit names (`auth.login`) are nested keys of the catalogue; unknown names show as they are. */
function section(t: TFunction, name: 'auditAction' | 'auditObject'): Tree {
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

export const actionLabel = (t: TFunction, action: string): string =>
  lookup(section(t, 'auditAction'), action) ?? action;
export const objectTypeLabel = (t: TFunction, type: string): string =>
  lookup(section(t, 'auditObject'), type) ?? type;

/** Known audit names with labels, for the filters' suggestions. */
export function knownAuditNames(
  t: TFunction,
  name: 'auditAction' | 'auditObject',
): { value: string; label: string }[] {
  return flatten(section(t, name)).map(([value, label]) => ({ value, label }));
}

/** Application statuses (DESIGN §3), shared by the applicant's and the committee's pages. */
export const applicationStatusLabel = (t: TFunction, s: ApplicationStatus): string => t(`apl.status.${s}`);

/** Text typed by admins in both languages (track and criterion names): the UI language's one. */
export const bilingual = (lang: string, zh: string, en: string | null | undefined): string =>
  lang.startsWith('en') && en ? en : zh;
