import type { Role } from '../enums';

/**
 * Authorization as data (STYLE habit 6): role × action → scope. The server checks it in one place
 * (the authz plugin) and filters records by the scope; the web reads the same table as "abilities".
 * - `all`: every record; `unit`: the subtree of the caller's unit; `org`: the caller's own organisation.
 * A role absent from an action may not do it at all (403); a record outside the scope answers 404.
 */
export type ScopeKind = 'all' | 'unit' | 'org';

export const ACTIONS = [
  'organizations.read',
  'organizations.write',
  'organizations.import',
  'organizations.export',
  'venues.read',
  'venues.write',
  'accounts.read',
  'accounts.manage',
  'audit.read',
  'standards.read',
  'standards.write',
  'campaigns.read',
  'campaigns.write',
  'campaigns.dashboard',
  'cultivation.read',
  'cultivation.write',
  'applications.read',
  'applications.write',
  'applications.recommend',
  'applications.intake',
  'applications.export',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Route-level policies: an action, or `public` (no login) or `session` (any logged-in user). */
export type Policy = Action | 'public' | 'session';

export const PERMISSIONS: Record<Action, Partial<Record<Role, ScopeKind>>> = {
  'organizations.read': {
    committee_admin: 'all',
    unit_admin: 'unit',
    applicant: 'org',
    security_admin: 'all',
  },
  'organizations.write': { committee_admin: 'all', unit_admin: 'unit' },
  'organizations.import': { committee_admin: 'all' },
  'organizations.export': { committee_admin: 'all', unit_admin: 'unit' },
  'venues.read': { committee_admin: 'all', unit_admin: 'unit', applicant: 'org' },
  'venues.write': { committee_admin: 'all', unit_admin: 'unit' },
  'accounts.read': { committee_admin: 'all', unit_admin: 'unit', security_admin: 'all' },
  'accounts.manage': { committee_admin: 'all', unit_admin: 'unit', security_admin: 'all' },
  'audit.read': { audit_admin: 'all' },
  // Campaigns (issue #3). Standards and campaign settings are shared knowledge inside the system.
  'standards.read': { committee_admin: 'all', unit_admin: 'all', applicant: 'all' },
  'standards.write': { committee_admin: 'all' },
  'campaigns.read': { committee_admin: 'all', unit_admin: 'all', applicant: 'all' },
  'campaigns.write': { committee_admin: 'all' },
  /** Counts per status, track, kind and unit: the committee sees all units, a unit its own. */
  'campaigns.dashboard': { committee_admin: 'all', unit_admin: 'unit' },
  'cultivation.read': { committee_admin: 'all', unit_admin: 'unit' },
  'cultivation.write': { unit_admin: 'unit' },
  'applications.read': { committee_admin: 'all', unit_admin: 'unit', applicant: 'org' },
  /** Drafting, self-assessment, evidence, submit and withdraw: the applicant, or its unit on its behalf. */
  'applications.write': { unit_admin: 'unit', applicant: 'org' },
  /** The unit's first-level check (初审): recommend with an opinion and a rank, or return. */
  'applications.recommend': { unit_admin: 'unit' },
  /** The committee's formal check (形式审查): accept or return. */
  'applications.intake': { committee_admin: 'all' },
  'applications.export': { committee_admin: 'all', unit_admin: 'unit' },
};

/**
 * Which roles an account manager may create, edit, disable or reset (三权分立: only the security
 * administrator manages administrators; the committee manages business accounts; a unit its applicants).
 */
export const MANAGEABLE_ROLES: Partial<Record<Role, readonly Role[]>> = {
  security_admin: ['committee_admin', 'unit_admin', 'applicant', 'reviewer', 'security_admin', 'audit_admin'],
  committee_admin: ['unit_admin', 'applicant', 'reviewer'],
  unit_admin: ['applicant'],
};

/** Roles allowed to see contact phone numbers unmasked. */
export const PII_READERS: readonly Role[] = ['committee_admin', 'unit_admin'];

export function scopeFor(role: Role, action: Action): ScopeKind | null {
  return PERMISSIONS[action][role] ?? null;
}

export function abilitiesOf(role: Role): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((a) => PERMISSIONS[a][role] !== undefined);
}
