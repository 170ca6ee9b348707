/**
 * Pure helpers of the committee's campaign pages: the timeline order check (the server's rule, for early
 * feedback), criteria totals, server field paths → form names, the "now" step and version-conflict details.
 */
import { TIMELINE_ORDER, type CampaignLock, type Timeline } from '../../../shared/src/domain/campaign-rules';
import type { CampaignStatus } from '../../../shared/src/domain/application-workflow';
import { isHalfStep } from '../../../shared/src/domain/standards';
import type { OrgKind } from '../../../shared/src/enums';
import type { FieldProblem } from '../api/client';

export type TimelineField = keyof Timeline;
export const TIMELINE_FIELDS: readonly TimelineField[] = TIMELINE_ORDER;

/**
 * The dates that run backwards, as the server checks them: each date not before the one above it and the
 * applications closing after they open. Missing dates are skipped (each compares with the nearest given one
 * above it). Input: epoch milliseconds.
 */
export function timelineProblems(t: Partial<Record<TimelineField, number | null>>): TimelineField[] {
  const bad: TimelineField[] = [];
  let prev: { field: TimelineField; at: number } | null = null;
  for (const field of TIMELINE_FIELDS) {
    const at = t[field];
    if (at === undefined || at === null) continue;
    if (prev) {
      const strict = field === 'applicationClosesAt' && prev.field === 'applicationOpensAt';
      if (strict ? at <= prev.at : at < prev.at) bad.push(field);
    }
    prev = { field, at };
  }
  return bad;
}

/** The field before `field` in the timeline (for "不能早于…" messages). */
export function previousField(field: TimelineField): TimelineField | null {
  const i = TIMELINE_FIELDS.indexOf(field);
  return i > 0 ? TIMELINE_FIELDS[i - 1]! : null;
}

/** How many timeline dates have passed at `now` (0..7): the "now" position on the timeline. */
export function passedSteps(t: Record<TimelineField, string>, now: number): number {
  return TIMELINE_FIELDS.filter((f) => Date.parse(t[f]) <= now).length;
}

export interface CriterionPoints {
  maxPoints: number | null | undefined;
  bonus?: boolean | null;
}

export interface Totals {
  regular: number;
  bonus: number;
  regularOk: boolean;
  bonusOk: boolean;
  /** Every item's points are a multiple of 0.5. */
  stepsOk: boolean;
}

/** The live totals of a criteria list: regular items must add up to `total`, bonus items stay ≤ `cap`. */
export function criteriaTotals(
  criteria: readonly (CriterionPoints | undefined)[],
  total = 100,
  cap = 10,
): Totals {
  let regular = 0;
  let bonus = 0;
  let stepsOk = true;
  for (const c of criteria) {
    const p = Number(c?.maxPoints ?? 0);
    if (!isHalfStep(p)) stepsOk = false;
    if (c?.bonus) bonus += p;
    else regular += p;
  }
  // Half steps add up exactly in binary floating point; round anyway against stray input.
  regular = Math.round(regular * 2) / 2;
  bonus = Math.round(bonus * 2) / 2;
  return { regular, bonus, regularOk: regular === total, bonusOk: bonus <= cap, stepsOk };
}

export type FormPath = (string | number)[];

/** `body.criteria.3.maxPoints` → `['criteria', 3, 'maxPoints']` (antd's name path). */
export function fieldPath(field: string): FormPath {
  return field
    .split('.')
    .filter((p, i) => p !== '' && !(i === 0 && p === 'body'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Splits the server's field errors into form fields (those under one of `roots`, merged per path) and the
 * rest (for a notification).
 */
export function splitPathProblems(
  details: readonly FieldProblem[],
  roots: readonly string[],
): { fields: { name: FormPath; errors: string[] }[]; rest: FieldProblem[] } {
  const byPath = new Map<string, { name: FormPath; errors: string[] }>();
  const rest: FieldProblem[] = [];
  for (const d of details) {
    const name = fieldPath(d.field);
    if (name.length > 1 && typeof name[0] === 'string' && roots.includes(name[0])) {
      const key = name.join('.');
      const hit = byPath.get(key) ?? { name, errors: [] };
      if (!hit.errors.includes(d.message)) hit.errors.push(d.message);
      byPath.set(key, hit);
    } else if (name.length === 1 && typeof name[0] === 'string' && roots.includes(name[0])) {
      const key = name[0];
      const hit = byPath.get(key) ?? { name, errors: [] };
      if (!hit.errors.includes(d.message)) hit.errors.push(d.message);
      byPath.set(key, hit);
    } else rest.push(d);
  }
  return { fields: [...byPath.values()], rest };
}

/** `site|branch`, `venue|*`: a track × kind slot's key. */
export function slotKey(track: string, orgKind: OrgKind | null | undefined): string {
  return `${track}|${orgKind ?? '*'}`;
}

/**
 * Which timeline dates an edit form may change: every date of a draft; for an opened campaign the dates
 * still ahead; nothing once closed (mirrors `lockedChanges`).
 */
export function editableDates(
  status: CampaignStatus,
  t: Record<TimelineField, string>,
  now: number,
): Record<TimelineField, CampaignLock | null> {
  const out = {} as Record<TimelineField, CampaignLock | null>;
  for (const f of TIMELINE_FIELDS) {
    out[f] =
      status === 'draft'
        ? null
        : status === 'closed'
          ? 'closed'
          : Date.parse(t[f]) <= now
            ? 'date_passed'
            : null;
  }
  return out;
}

/** May the settings other than quotas, caps and dates change? Only in a draft. */
export const settingsEditable = (status: CampaignStatus): boolean => status === 'draft';

/** Share of a quota taken (0..100, rounded); a zero quota counts as full once anything is accepted. */
export function quotaPercent(accepted: number, quota: number): number {
  if (quota <= 0) return accepted > 0 ? 100 : 0;
  return Math.min(100, Math.round((accepted / quota) * 100));
}

/** The who and when of a 409 VERSION_CONFLICT answer (`updatedByName` may be missing). */
export function conflictOf(extra: Record<string, unknown>): { by: string | null; at: string | null } {
  const by = typeof extra.updatedByName === 'string' && extra.updatedByName ? extra.updatedByName : null;
  const at = typeof extra.updatedAt === 'string' ? extra.updatedAt : null;
  return { by, at };
}

export const CAMPAIGN_STATUS_COLOR: Record<CampaignStatus, string> = {
  draft: 'default',
  open: 'processing',
  reviewing: 'orange',
  deciding: 'purple',
  publicity: 'cyan',
  closed: 'success',
};

export const APPLICATION_STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  recommended: 'geekblue',
  accepted: 'green',
  returned: 'warning',
  withdrawn: 'default',
  in_review: 'processing',
  shortlisted: 'cyan',
  not_selected: 'default',
  proposed: 'purple',
  in_publicity: 'magenta',
  certified: 'success',
};
