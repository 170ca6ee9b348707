/**
 * The application state machine (DESIGN §3) as one table: each row says which action goes from which
 * statuses to which, who may take it (the permission of `permissions.ts` and the roles), whether it needs
 * a reason, its guards and its effects. `decide()` reads the row; `applyEffects()` gives what the row
 * writes. The server's one transition service, its routes and the demo all read this table: a new
 * transition is a new row. Nothing else writes `status`.
 */
import type { Role } from '../enums';
import type { Action, Policy } from './permissions';
import {
  applicationWindow,
  beforeRecommendationDeadline,
  campaignIn,
  capAndRank,
  complete,
  type ApplicationAction,
  type ApplicationStatus,
  type Guard,
  type Refusal,
  type TransitionInput,
} from './application-guards';
import { decideRow, findRow } from './transition-table';

export * from './application-guards';

/** The application's fields a transition may write besides its status. */
export interface WorkflowFields {
  submittedAt: Date | null;
  recommendedAt: Date | null;
  acceptedAt: Date | null;
  unitOpinion: string | null;
  unitRank: number | null;
  returnedReason: string | null;
}
type Field = keyof WorkflowFields;
type StampField = { [F in Field]: WorkflowFields[F] extends Date | null ? F : never }[Field];

/** What a transition's request may carry into the row (the route bodies, or a service's input). */
export interface EffectInput {
  opinion?: string | null;
  rank?: number | null;
  reason?: string | null;
}
type InputKey = keyof EffectInput;
/** For each field, the input keys whose values fit it. */
type InputFor<F extends Field> = {
  [K in InputKey]-?: NonNullable<EffectInput[K]> extends NonNullable<WorkflowFields[F]> ? K : never;
}[InputKey];

/** What a transition writes besides the status, as data (applied by `applyEffects`). */
export interface Effects {
  /** Set to the transition's time. */
  stamp?: readonly StampField[];
  /** Set from the input (null when the input has none). */
  set?: { [F in Exclude<Field, StampField>]?: InputFor<F> };
  /** Set to null. */
  clear?: readonly Field[];
  /** The input the history row and the audit event record as the reason (default `reason`). */
  note?: InputKey;
}

/**
 * One row of the state machine: `action` from any of `from` to `to`, by `roles` (each holding the
 * permission `policy`, which also gives the scope the application is looked up in), with its guards and
 * effects. A `system` row has no route: a service applies it (in bulk) with the actor it is given.
 */
export interface TransitionRow {
  action: ApplicationAction;
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  policy: Action;
  roles: readonly Role[];
  needsReason?: boolean;
  /** Checked in order after status, role and reason; the first refusal wins. */
  guards?: readonly Guard[];
  effects: Effects;
  system?: boolean;
}

/**
 * The table. No two rows share an action and a from-status. `return` sends back from whichever check
 * holds it: the unit's (初审) what is submitted, the committee's (形式审查) what is recommended.
 */
export const TRANSITIONS: readonly TransitionRow[] = [
  {
    action: 'submit',
    from: ['draft', 'returned'],
    to: 'submitted',
    policy: 'applications.write',
    roles: ['applicant', 'unit_admin'],
    guards: [campaignIn('open'), applicationWindow, complete],
    effects: { stamp: ['submittedAt'], clear: ['returnedReason'] },
  },
  {
    action: 'recommend',
    from: ['submitted'],
    to: 'recommended',
    policy: 'applications.recommend',
    roles: ['unit_admin'],
    guards: [campaignIn('open'), beforeRecommendationDeadline, capAndRank],
    effects: { stamp: ['recommendedAt'], set: { unitOpinion: 'opinion', unitRank: 'rank' }, note: 'opinion' },
  },
  {
    action: 'accept',
    from: ['recommended'],
    to: 'accepted',
    policy: 'applications.intake',
    roles: ['committee_admin'],
    guards: [campaignIn('open', 'reviewing')],
    effects: { stamp: ['acceptedAt'] },
  },
  {
    action: 'return',
    from: ['submitted'],
    to: 'returned',
    policy: 'applications.recommend',
    roles: ['unit_admin'],
    needsReason: true,
    guards: [campaignIn('open', 'reviewing')],
    effects: { set: { returnedReason: 'reason' }, clear: ['unitRank'] },
  },
  {
    action: 'return',
    from: ['recommended'],
    to: 'returned',
    policy: 'applications.intake',
    roles: ['committee_admin'],
    needsReason: true,
    guards: [campaignIn('open', 'reviewing')],
    effects: { set: { returnedReason: 'reason' }, clear: ['unitRank'] },
  },
  {
    action: 'withdraw',
    from: ['draft', 'submitted', 'recommended', 'returned'],
    to: 'withdrawn',
    policy: 'applications.write',
    roles: ['applicant', 'unit_admin'],
    effects: { clear: ['unitRank'] },
  },
  // The campaign's own moves (campaigns/transition.ts) apply these to its applications (docs/EVALUATION.md).
  {
    action: 'start_review',
    from: ['accepted'],
    to: 'in_review',
    policy: 'campaigns.write',
    roles: ['committee_admin'],
    guards: [campaignIn('reviewing')],
    effects: {},
    system: true,
  },
  {
    action: 'shortlist',
    from: ['in_review'],
    to: 'shortlisted',
    policy: 'campaigns.write',
    roles: ['committee_admin'],
    guards: [campaignIn('deciding')],
    effects: {},
    system: true,
  },
  {
    action: 'not_select',
    from: ['in_review'],
    to: 'not_selected',
    policy: 'campaigns.write',
    roles: ['committee_admin'],
    guards: [campaignIn('deciding')],
    effects: {},
    system: true,
  },
  // Intake over and the campaign moved on to review (issue #7.17): what was never submitted, was sent back
  // and not resubmitted, or the unit did not recommend by its deadline ends here, with the recorded reason.
  {
    action: 'lapse',
    from: ['draft', 'submitted', 'returned'],
    to: 'withdrawn',
    policy: 'campaigns.write',
    roles: ['committee_admin'],
    needsReason: true,
    guards: [campaignIn('reviewing')],
    effects: { clear: ['unitRank'] },
    system: true,
  },
  // The committee's confirmed decision (modules/decisions): selected → proposed for the title, else not selected.
  {
    action: 'propose',
    from: ['shortlisted'],
    to: 'proposed',
    policy: 'decisions.manage',
    roles: ['committee_admin'],
    guards: [campaignIn('deciding')],
    effects: {},
    system: true,
  },
  {
    action: 'decline',
    from: ['shortlisted'],
    to: 'not_selected',
    policy: 'decisions.manage',
    roles: ['committee_admin'],
    guards: [campaignIn('deciding')],
    effects: {},
    system: true,
  },
  // Publicity (公示, modules/publicity): the proposed list is published; a founded objection takes an entry
  // off it (strike) and may put the next ranked in its place (substitute), each with the recorded reason.
  {
    action: 'publish',
    from: ['proposed'],
    to: 'in_publicity',
    policy: 'publicity.manage',
    roles: ['committee_admin'],
    guards: [campaignIn('deciding', 'publicity')],
    effects: {},
    system: true,
  },
  {
    action: 'strike',
    from: ['in_publicity'],
    to: 'withdrawn',
    policy: 'publicity.manage',
    roles: ['committee_admin'],
    needsReason: true,
    guards: [campaignIn('deciding', 'publicity')],
    effects: {},
    system: true,
  },
  {
    action: 'substitute',
    from: ['not_selected'],
    to: 'in_publicity',
    policy: 'publicity.manage',
    roles: ['committee_admin'],
    needsReason: true,
    guards: [campaignIn('deciding', 'publicity')],
    effects: {},
    system: true,
  },
  // Naming (命名, modules/titles): after the window the committee confirms the list; each listed
  // application is certified and gets its title in the same transaction.
  {
    action: 'certify',
    from: ['in_publicity'],
    to: 'certified',
    policy: 'titles.manage',
    roles: ['committee_admin'],
    guards: [campaignIn('deciding', 'publicity', 'closed')],
    effects: {},
    system: true,
  },
];

/** The row for this action from this status, if any. */
export function ruleFor(action: ApplicationAction, status: ApplicationStatus): TransitionRow | undefined {
  return findRow(TRANSITIONS, action, status);
}

/** The permissions an action's rows need, in table order (one per row, without repeats). */
export function policiesOf(action: ApplicationAction): Action[] {
  return [...new Set(TRANSITIONS.filter((r) => r.action === action).map((r) => r.policy))];
}

/** The actions a user takes through a route (`POST /api/applications/:id/<action>`), in table order. */
export function routeActions(): ApplicationAction[] {
  return [...new Set(TRANSITIONS.filter((r) => !r.system).map((r) => r.action))];
}

/**
 * The route's policy: the rows' permission, or, when the rows of the action need different ones (which
 * one depends on the status held, e.g. `return`), reading applications; the service then checks the
 * row's own permission and role.
 */
export function routePolicy(action: ApplicationAction): Policy {
  const ps = policiesOf(action);
  return ps.length === 1 ? ps[0]! : 'applications.read';
}

export type Decision = { ok: true; to: ApplicationStatus } | { ok: false; refusal: Refusal };

export function decide(input: TransitionInput): Decision {
  return decideRow(TRANSITIONS, input);
}

/** Everything a row's transition writes to the application: its status and its effects. */
export function applyEffects(
  row: TransitionRow,
  input: EffectInput,
  now: Date,
): Partial<WorkflowFields> & { status: ApplicationStatus } {
  const out: Partial<Record<Field, unknown>> = {};
  for (const f of row.effects.clear ?? []) out[f] = null;
  for (const [f, k] of Object.entries(row.effects.set ?? {}) as [Field, InputKey][])
    out[f] = input[k] ?? null;
  for (const f of row.effects.stamp ?? []) out[f] = now;
  return { ...(out as Partial<WorkflowFields>), status: row.to };
}

/** What the history row and the audit event record as the reason of a row's transition. */
export function noteOf(row: TransitionRow, input: EffectInput): string | null {
  const v = input[row.effects.note ?? 'reason'];
  return v === undefined || v === null ? null : String(v);
}
