import type { Role } from '../enums';

/**
 * Authorization as data (STYLE habit 6): role × action → scope. The server checks it in one place
 * (the authz plugin) and filters records by the scope; the web reads the same table as "abilities".
 * - `all`: every record; `unit`: the subtree of the caller's unit; `org`: the caller's own organisation;
 *   `self`: the caller's own records (a reviewer's assignments and declarations).
 * A role absent from an action may not do it at all (403); a record outside the scope answers 404.
 */
export type ScopeKind = 'all' | 'unit' | 'org' | 'self';

export const ACTIONS = [
  'organizations.read',
  'organizations.write',
  'organizations.import',
  'organizations.export',
  'venues.read',
  'venues.write',
  'accounts.read',
  'accounts.manage',
  /** See and decide four-eyes requests (privileged_requests): approve or reject another's request. */
  'privileged.decide',
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
  // Evaluation and decision (issue #6, docs/EVALUATION.md).
  'evaluation.manage',
  'reviewers.manage',
  'reviews.read',
  'reviews.write',
  'conflicts.declare',
  'peer.rate',
  'presentation.run',
  'decisions.manage',
  'results.read',
  'publicity.manage',
  'titles.read',
  'titles.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Route-level policies: an action, `public` (no login), `session` (any logged-in user whose login is
 * complete and whose password needs no change), and the gates a login may be held at (the authz hook):
 * - `session_any`: every session, however incomplete — `me` and logout;
 * - `second_factor`: the code step of a login waiting for its second factor;
 * - `session_gate`: a complete login that must change its password first — the password change;
 * - `enrolment`: an account whose role must use a second factor and has none yet — the enrolment.
 */
export type Policy =
  Action | 'public' | 'session' | 'session_any' | 'second_factor' | 'session_gate' | 'enrolment';

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
  // The audit admin may approve too (a second pair of eyes when only one admin of a role exists).
  'privileged.decide': {
    committee_admin: 'all',
    unit_admin: 'unit',
    security_admin: 'all',
    audit_admin: 'all',
  },
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
  /** Stages, panels, draws, assignments, conflicts, progress, statistics and ranking. */
  'evaluation.manage': { committee_admin: 'all' },
  /** The expert pool (评审专家库): profiles and reviewer accounts. */
  'reviewers.manage': { committee_admin: 'all' },
  'reviews.read': { committee_admin: 'all', reviewer: 'self' },
  /** Scoring: a reviewer's own assignments (object rules: assigned, not conflicted, stage open). */
  'reviews.write': { reviewer: 'self' },
  'conflicts.declare': { committee_admin: 'all', reviewer: 'self' },
  /** 互比互评: the applicant rates for its organisation's member of a peer group. */
  'peer.rate': { applicant: 'org' },
  /** The chair of a presentation session: order, timer, releasing results, the room screen. */
  'presentation.run': { committee_admin: 'all' },
  'decisions.manage': { committee_admin: 'all' },
  /** Own stage scores and outcome: applicants and units once the committee releases them. */
  'results.read': { committee_admin: 'all', unit_admin: 'unit', applicant: 'org' },
  /** Publicity (公示), its objections (异议) and the working-day calendar (工作日历). */
  'publicity.manage': { committee_admin: 'all' },
  /** The title registry (称号): the committee all, a unit its own, an applicant its organisation's. */
  'titles.read': { committee_admin: 'all', unit_admin: 'unit', applicant: 'org' },
  /** Certifying (命名), certificates and their templates. */
  'titles.manage': { committee_admin: 'all' },
};

/**
 * Object-level rules (STYLE habit 6): pure predicates over facts a service loads about one record. Each
 * predicate names the answer when it fails — 404 when the record's existence is the caller's business
 * only if it holds, 403 or 409 otherwise. `checkObject` runs the rules of an action for a role in order.
 */
export interface ObjectFacts {
  now: Date;
  actor: { userId: string; organizationId: string | null };
  /** The reviewer of the review or assignment in question. */
  reviewerId?: string;
  /** Derived and not overridden, or declared. */
  conflicted?: boolean;
  stage?: { status: 'draft' | 'open' | 'closed'; opensAt: Date; closesAt: Date };
  /** The organisation of the peer-group member the sheet belongs to. */
  memberOrganizationId?: string;
  releasedAt?: Date | null;
}

export const PREDICATES = {
  assigned: (f: ObjectFacts) => f.reviewerId !== undefined && f.reviewerId === f.actor.userId,
  not_conflicted: (f: ObjectFacts) => f.conflicted === false,
  stage_open: (f: ObjectFacts) =>
    f.stage !== undefined &&
    f.stage.status === 'open' &&
    f.now.getTime() >= f.stage.opensAt.getTime() &&
    f.now.getTime() <= f.stage.closesAt.getTime(),
  group_member: (f: ObjectFacts) =>
    f.memberOrganizationId !== undefined && f.memberOrganizationId === f.actor.organizationId,
  released: (f: ObjectFacts) => f.releasedAt != null && f.releasedAt.getTime() <= f.now.getTime(),
} as const;
export type Predicate = keyof typeof PREDICATES;

/** What a failed predicate answers (error codes of shared/src/errors.ts). */
export const PREDICATE_ERRORS: Record<Predicate, 'NOT_FOUND' | 'CONFLICT_OF_INTEREST' | 'STAGE_CLOSED'> = {
  assigned: 'NOT_FOUND',
  not_conflicted: 'CONFLICT_OF_INTEREST',
  stage_open: 'STAGE_CLOSED',
  group_member: 'NOT_FOUND',
  released: 'NOT_FOUND',
};

export const OBJECT_RULES: Partial<Record<Action, Partial<Record<Role, readonly Predicate[]>>>> = {
  'reviews.read': { reviewer: ['assigned'] },
  'reviews.write': { reviewer: ['assigned', 'not_conflicted', 'stage_open'] },
  'conflicts.declare': { reviewer: ['assigned'] },
  'peer.rate': { applicant: ['group_member', 'stage_open'] },
  'results.read': { unit_admin: ['released'], applicant: ['released'] },
};

/** The first predicate of the action's rules that fails for this role, or null when all hold. */
export function checkObject(action: Action, role: Role, facts: ObjectFacts): Predicate | null {
  for (const p of OBJECT_RULES[action]?.[role] ?? []) if (!PREDICATES[p](facts)) return p;
  return null;
}

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
