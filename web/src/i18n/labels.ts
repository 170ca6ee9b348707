import type { TFunction as BoundT } from 'i18next';
import type { OrgKind, Role } from '../../../shared/src/enums';
import type { ApplicationStatus } from '../../../shared/src/domain/application-workflow';
import type { Namespace } from './namespaces';

/** A `t` of any namespace: these labels live in `common`, every namespace's fallback. */
type TFunction = BoundT<Namespace>;

/** Labels of the glossary enums (DESIGN §1–§2). */
export const kindLabel = (t: TFunction, kind: OrgKind): string => t(`kind.${kind}`);
export const roleLabel = (t: TFunction, role: Role): string => t(`role.${role}`);

/** Application statuses (DESIGN §3), shared by the applicant's, the unit's and the committee's pages. */
export const applicationStatusLabel = (t: TFunction, s: ApplicationStatus): string => t(`appStatus.${s}`);

/** Text typed by admins in both languages (track and criterion names): the UI language's one. */
export const bilingual = (lang: string, zh: string, en: string | null | undefined): string =>
  lang.startsWith('en') && en ? en : zh;
