/** Glossary enums of DESIGN §1–§2. Code names are English; labels live in the message catalogues. */

export const ROLES = [
  'committee_admin',
  'unit_admin',
  'applicant',
  'reviewer',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = [
  'working_committee',
  'party_group',
  'party_committee',
  'general_branch',
  'branch',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Roles whose account is tied to an organisation (the scope of what they see). */
export const SCOPED_ROLES: readonly Role[] = ['unit_admin', 'applicant'];
