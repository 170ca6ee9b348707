/**
 * The decision's lines as the domain's data (`domain/evaluation/decision.ts`), and its problems as field
 * errors in both languages. A group's reason for going over its quota is the reason written on the lines
 * that were selected without being proposed (every selection over a quota is such a line).
 */
import {
  validateDecision,
  type DecisionLine,
  type DecisionProblem,
  type GroupedProposalLine,
  type Quota,
  type QuotaReason,
} from '../../../../shared/src/domain/evaluation';
import type { FieldError } from '../../../../shared/src/errors';
import { fieldError } from '../../core/errors';
import type { LineRow } from './repo';

export interface QuotaRow {
  track: string;
  orgKind: string | null;
  quota: number;
}

/** Tracks whose quota is for the whole track (kind null): their applications form one group. */
export function wholeTracks(quotas: readonly QuotaRow[]): Set<string> {
  return new Set(quotas.filter((q) => q.orgKind === null).map((q) => q.track));
}

/** The group kind of an application: '' for a whole-track quota, else its organisation kind. */
export function groupKind(whole: ReadonlySet<string>, track: string, orgKind: string): string {
  return whole.has(track) ? '' : orgKind;
}

export function domainQuotas(quotas: readonly QuotaRow[]): Quota[] {
  return quotas.map((q) => ({ track: q.track, kind: q.orgKind ?? '', quota: q.quota }));
}

export function proposalOf(lines: readonly LineRow[], whole: ReadonlySet<string>): GroupedProposalLine[] {
  return lines.map((l) => ({
    applicationId: l.applicationId,
    rank: l.rank,
    proposed: l.proposed,
    reason: l.proposalReason,
    track: l.trackCode,
    kind: groupKind(whole, l.trackCode, l.orgKind),
  }));
}

/** Lines with a recorded choice; `votesRequired` false reads missing votes as 0 (a line edit). */
export function decidedLines(lines: readonly LineRow[], votesRequired: boolean): DecisionLine[] {
  return lines.flatMap((l): DecisionLine[] =>
    l.selected === null
      ? []
      : [
          {
            applicationId: l.applicationId,
            selected: l.selected,
            votes: {
              for: l.votesFor ?? (votesRequired ? Number.NaN : 0),
              against: l.votesAgainst ?? (votesRequired ? Number.NaN : 0),
              abstain: l.votesAbstain ?? (votesRequired ? Number.NaN : 0),
            },
            reason: l.reason,
          },
        ],
  );
}

export function quotaReasons(lines: readonly LineRow[], whole: ReadonlySet<string>): QuotaReason[] {
  const out = new Map<string, QuotaReason>();
  for (const l of lines) {
    if (!l.selected || l.proposed || !l.reason?.trim()) continue;
    const kind = groupKind(whole, l.trackCode, l.orgKind);
    out.set(JSON.stringify([l.trackCode, kind]), { track: l.trackCode, kind, reason: l.reason });
  }
  return [...out.values()];
}

/** Every problem of the decision as it stands (`[]`: it may be confirmed). */
export function problemsOf(
  lines: readonly LineRow[],
  quotas: readonly QuotaRow[],
  opts: { votesRequired: boolean },
): DecisionProblem[] {
  const whole = wholeTracks(quotas);
  return validateDecision({
    proposal: proposalOf(lines, whole),
    quotas: domainQuotas(quotas),
    lines: decidedLines(lines, opts.votesRequired),
    quotaReasons: quotaReasons(lines, whole),
  });
}

const TEXT: Record<DecisionProblem['code'], { zh: string; en: string; field: string }> = {
  missing_line: { field: 'selected', zh: '尚未作出决定', en: 'No choice recorded yet' },
  unknown_application: { field: 'applicationId', zh: '不在建议名单中', en: 'Not a line of the proposal' },
  duplicate_line: { field: 'applicationId', zh: '重复的决定', en: 'Duplicate line' },
  deviation_without_reason: {
    field: 'reason',
    zh: '与建议名单不一致，须填写理由',
    en: 'A deviation from the proposal needs a reason',
  },
  tie_without_reason: {
    field: 'reason',
    zh: '与名额线同分，选定须填写理由',
    en: 'Selecting one tied at the quota line needs a reason',
  },
  over_quota_without_reason: {
    field: 'reason',
    zh: '超出名额，须填写理由',
    en: 'Selecting over the quota needs a reason',
  },
  failed_gate_selected: {
    field: 'selected',
    zh: '未通过资格审查，不能选定',
    en: 'An application that failed a gate cannot be selected',
  },
  invalid_votes: {
    field: 'votes',
    zh: '须填写表决票数（赞成、反对、弃权，非负整数）',
    en: 'Votes for, against and abstaining are required (non-negative integers)',
  },
  votes_exceed_committee: {
    field: 'votes',
    zh: '票数超过出席委员人数',
    en: 'More votes than committee members present',
  },
};

/**
 * A problem as a field error. `prefix` names the line (`lines.<id>.`) for the whole decision; a group's
 * quota problem names the group (`groups.<track>.<kind>.reason`) and its quota.
 */
export function problemError(p: DecisionProblem, prefix: (applicationId: string) => string): FieldError {
  const t = TEXT[p.code];
  if (p.applicationId === null) {
    const group = `${p.track ?? ''}/${p.kind || '全部'}`;
    return fieldError(
      `groups.${p.track ?? ''}.${p.kind || 'all'}.reason`,
      p.code,
      `${t.zh}（${group}）`,
      `${t.en} (${p.track ?? ''}/${p.kind || 'all kinds'})`,
    );
  }
  return fieldError(`${prefix(p.applicationId)}${t.field}`, p.code, t.zh, t.en);
}
