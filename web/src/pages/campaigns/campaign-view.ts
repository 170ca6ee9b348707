/**
 * Pure helpers of the campaign page: where "now" stands on the timeline, and the dashboard's rows per
 * organisation kind.
 */
import { ORG_KINDS, type OrgKind } from '../../../../shared/src/enums';
import { passedSteps, TIMELINE_FIELDS, type TimelineField } from '../../lib/campaigns';

export type TimelinePhase = 'not_started' | 'running' | 'ended';
export type TimelineStepStatus = 'finish' | 'wait';

export interface TimelinePosition {
  /** Before the first date, between the first and the last, after the last. */
  phase: TimelinePhase;
  /** The step "now" is at (the last date reached): -1 before the first date, the last step once all passed. */
  current: number;
  /** Per step: reached (`finish`) or still ahead (`wait`). */
  statuses: TimelineStepStatus[];
  /** The step that carries the phase's tag (未开始 on the first, 当前 on `current`, 已结束 on the last). */
  tagAt: number;
}

/** Where `now` (epoch ms) stands on a campaign's timeline (ISO dates). A date counts as reached at its instant. */
export function timelinePosition(t: Record<TimelineField, string>, now: number): TimelinePosition {
  const passed = passedSteps(t, now);
  const last = TIMELINE_FIELDS.length - 1;
  const statuses = TIMELINE_FIELDS.map((_f, i): TimelineStepStatus => (i < passed ? 'finish' : 'wait'));
  if (passed === 0) return { phase: 'not_started', current: -1, statuses, tagAt: 0 };
  if (passed > last) return { phase: 'ended', current: last, statuses, tagAt: last };
  return { phase: 'running', current: passed - 1, statuses, tagAt: passed - 1 };
}

/**
 * The dashboard's "by organisation kind" rows: every kind the campaign's tracks admit, with 0 when no
 * application of that kind exists, plus any other kind that has applications; in the glossary's kind order.
 */
export function kindRows(
  eligible: readonly OrgKind[],
  counts: readonly { orgKind: OrgKind; count: number }[],
): { orgKind: OrgKind; count: number }[] {
  return ORG_KINDS.filter((k) => eligible.includes(k) || counts.some((c) => c.orgKind === k)).map(
    (orgKind) => ({
      orgKind,
      count: counts.filter((c) => c.orgKind === orgKind).reduce((acc, c) => acc + c.count, 0),
    }),
  );
}

/**
 * The dashboard's "by track and organisation kind" rows (issue #7 §1.20: kinds counted within their track,
 * never both tracks mixed): per track in the campaign's order, the kinds it admits (organisation tracks)
 * with 0 when none applied, plus any kind that has applications in it; kinds in the glossary's order.
 */
export function trackKindRows(
  tracks: readonly { track: string; subject: string; eligibleKinds: readonly OrgKind[] }[],
  counts: readonly { track: string; orgKind: OrgKind; count: number }[],
): { track: string; orgKind: OrgKind; count: number }[] {
  const order = [...tracks.map((t) => t.track), ...counts.map((c) => c.track)].filter(
    (t, i, all) => all.indexOf(t) === i,
  );
  return order.flatMap((track) => {
    const eligible =
      tracks.find((t) => t.track === track && t.subject === 'organization')?.eligibleKinds ?? [];
    const inTrack = counts.filter((c) => c.track === track);
    return kindRows(eligible, inTrack).map((k) => ({ track, ...k }));
  });
}
