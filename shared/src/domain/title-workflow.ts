/**
 * The title state machine (DESIGN §3) as one table: a demonstration title (示范点 / 示范阵地称号) is created
 * `active` when the committee certifies the list after publicity (命名), may go under re-review (复评复审)
 * and come out kept, sent to rectification (整改) or revoked, and expires at the end of its validity
 * unless renewed. `decideTitle()` reads the row; the server's services apply it. Pure, no I/O.
 */
import type { Role } from '../enums';
import { decideRow, findRow } from './transition-table';

export const TITLE_STATUSES = ['active', 'under_rereview', 'rectifying', 'revoked', 'expired'] as const;
export type TitleStatus = (typeof TITLE_STATUSES)[number];

/** `certify` creates a title (no from-status); every other action is a row of `TITLE_TRANSITIONS`. */
export const TITLE_ACTIONS = [
  'certify',
  'start_rereview',
  'keep',
  'rectify',
  'pass_rectification',
  'revoke',
  'renew',
  'expire',
] as const;
export type TitleAction = (typeof TITLE_ACTIONS)[number];

/** The status a certified title starts in. */
export const TITLE_INITIAL_STATUS: TitleStatus = 'active';
/** Validity of a new title, in years, unless the committee sets another when certifying. */
export const DEFAULT_TITLE_VALIDITY_YEARS = 3;

export type TitleRefusal =
  | 'wrong_status'
  | 'role_not_allowed'
  | 'reason_required'
  | 'deadline_required'
  | 'deadline_past'
  | 'validity_not_ended'
  | 'validity_ended';

export interface TitleTransitionInput {
  action: TitleAction;
  status: TitleStatus;
  role: Role | 'system';
  now: Date;
  /** The title's end of validity (exclusive): the instant it expires. */
  validUntil: Date;
  reason?: string | null;
  /** The rectification deadline (整改期限). */
  deadline?: Date | null;
}

export interface TitleGuard {
  name: string;
  check(input: TitleTransitionInput): TitleRefusal | null;
}

const ended = (i: TitleTransitionInput) => i.now.getTime() >= i.validUntil.getTime();

export const validityEnded: TitleGuard = {
  name: 'validityEnded',
  check: (i) => (ended(i) ? null : 'validity_not_ended'),
};
export const withinValidity: TitleGuard = {
  name: 'withinValidity',
  check: (i) => (ended(i) ? 'validity_ended' : null),
};
export const futureDeadline: TitleGuard = {
  name: 'futureDeadline',
  check: (i) => {
    if (!i.deadline) return 'deadline_required';
    return i.deadline.getTime() > i.now.getTime() ? null : 'deadline_past';
  },
};

export interface TitleTransitionRow {
  action: Exclude<TitleAction, 'certify'>;
  from: readonly TitleStatus[];
  to: TitleStatus;
  /** Who may take it; `system` is the scheduled expiry. */
  roles: readonly (Role | 'system')[];
  needsReason?: boolean;
  guards?: readonly TitleGuard[];
  /** Renewal extends the validity by the title's own term. */
  extendsValidity?: boolean;
}

/** The table. No two rows share an action and a from-status. */
export const TITLE_TRANSITIONS: readonly TitleTransitionRow[] = [
  { action: 'start_rereview', from: ['active'], to: 'under_rereview', roles: ['committee_admin'] },
  { action: 'keep', from: ['under_rereview'], to: 'active', roles: ['committee_admin'] },
  {
    action: 'rectify',
    from: ['under_rereview'],
    to: 'rectifying',
    roles: ['committee_admin'],
    needsReason: true,
    guards: [futureDeadline],
  },
  { action: 'pass_rectification', from: ['rectifying'], to: 'active', roles: ['committee_admin'] },
  {
    action: 'revoke',
    from: ['under_rereview', 'rectifying'],
    to: 'revoked',
    roles: ['committee_admin'],
    needsReason: true,
  },
  {
    action: 'renew',
    from: ['active'],
    to: 'active',
    roles: ['committee_admin'],
    guards: [withinValidity],
    extendsValidity: true,
  },
  {
    action: 'expire',
    from: ['active', 'under_rereview', 'rectifying'],
    to: 'expired',
    roles: ['system', 'committee_admin'],
    guards: [validityEnded],
  },
];

export function titleRuleFor(action: TitleAction, status: TitleStatus): TitleTransitionRow | undefined {
  return findRow(TITLE_TRANSITIONS, action, status);
}

export type TitleDecision = { ok: true; to: TitleStatus } | { ok: false; refusal: TitleRefusal };

export function decideTitle(input: TitleTransitionInput): TitleDecision {
  return decideRow(TITLE_TRANSITIONS, input);
}

/** Statuses in which a title still stands (the verification page says "valid"). */
export const STANDING_STATUSES: readonly TitleStatus[] = ['active', 'under_rereview', 'rectifying'];

/** What the public verification page says of a title: valid, expired or revoked (nothing more). */
export function verificationOf(
  status: TitleStatus,
  validUntil: Date,
  now: Date,
): 'valid' | 'expired' | 'revoked' {
  if (status === 'revoked') return 'revoked';
  if (status === 'expired' || now.getTime() >= validUntil.getTime()) return 'expired';
  return 'valid';
}

// ── Serial numbers ────────────────────────────────────────────────────────────────────────────────────
/** The region of the serials (天津 Tianjin). */
export const SERIAL_REGION = 'TJ';
/** Each track's letters: 示范点 SFD, 示范阵地 SFZD; any other track its code in capitals. */
export const SERIAL_TRACK_LETTERS: Readonly<Record<string, string>> = { site: 'SFD', venue: 'SFZD' };

/** `TJ-SFD-2027-001`: region, track, campaign year, the track's number of the year (3 digits at least). */
export function titleSerial(trackCode: string, year: number, n: number): string {
  const letters = SERIAL_TRACK_LETTERS[trackCode] ?? trackCode.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return `${SERIAL_REGION}-${letters}-${year}-${String(n).padStart(3, '0')}`;
}

/** The first day after `years` years of validity from `from` (YYYY-MM-DD): 2027-01-15 + 3 → 2030-01-15. */
export function validityEnd(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February into a common year: 1 March.
  return t.toISOString().slice(0, 10);
}
