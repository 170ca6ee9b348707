/**
 * Glossary enums of DESIGN §1–§2. Code names are English; labels live in the message catalogues. Every
 * database enum takes its values from a constant here or in the domain file that owns it
 * (`server/src/db/schema.test.ts` checks that they match).
 */

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

/** What a track's candidates are: organisations (示范点) or venues (示范阵地). */
export const TRACK_SUBJECTS = ['organization', 'venue'] as const;
export type TrackSubject = (typeof TRACK_SUBJECTS)[number];

/** How an audited attempt ended. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** A background job's life: waiting, claimed by a runner, finished, or given up after its retries. */
export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
