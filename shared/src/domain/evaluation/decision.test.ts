import { describe, expect, it } from 'vitest';
import { deviations, proposeAll, validateDecision, type DecisionLine } from './decision';
import { evaluate } from './evaluate';
import { CAMPAIGN } from './fixtures';
import { rankGroup } from './ranking';

const result = evaluate(CAMPAIGN);
const passed = new Set(result.totals.filter((t) => t.gatesPassed).map((t) => t.applicationId));
const quotas = [
  { track: 'site', kind: 'branch', quota: 2 },
  { track: 'venue', kind: 'branch', quota: 1 },
];
const proposal = proposeAll(result.ranking.raw, quotas, passed);
const votes = { for: 7, against: 1, abstain: 1 };
const line = (applicationId: string, selected: boolean, reason: string | null = null): DecisionLine => ({
  applicationId,
  selected,
  votes,
  reason,
});
const asProposed = proposal.map((l) => line(l.applicationId, l.proposed));

describe('proposeAll', () => {
  it('proposes the top of each group’s quota among those who passed every gate', () => {
    expect(proposal.map((l) => [l.track, l.applicationId, l.rank, l.proposed, l.reason])).toEqual([
      ['site', 'a1', 1, true, 'within_quota'],
      ['site', 'a2', 2, true, 'within_quota'],
      ['site', 'a4', 3, false, 'below_quota_line'],
      ['site', 'a3', 4, false, 'below_quota_line'],
      ['site', 'a5', 5, false, 'failed_gate'],
      ['venue', 'v1', 1, true, 'within_quota'],
    ]);
  });

  it('gives a group without a quota nothing', () => {
    expect(proposeAll(result.ranking.raw, [], passed).some((l) => l.proposed)).toBe(false);
    expect(proposeAll([], quotas, passed)).toEqual([]);
  });
});

describe('validateDecision', () => {
  it('accepts the proposal as it is', () => {
    expect(validateDecision({ proposal, quotas, lines: asProposed, committeeSize: 9 })).toEqual([]);
  });

  it('wants a reason for every deviation, both ways', () => {
    const lines = asProposed.map((l) =>
      l.applicationId === 'a2' ? line('a2', false) : l.applicationId === 'a4' ? line('a4', true) : l,
    );
    expect(validateDecision({ proposal, quotas, lines })).toEqual([
      { code: 'deviation_without_reason', applicationId: 'a2' },
      { code: 'deviation_without_reason', applicationId: 'a4' },
    ]);
    const explained = lines.map((l) =>
      l.applicationId === 'a2' || l.applicationId === 'a4' ? { ...l, reason: '现场考核表现突出' } : l,
    );
    expect(validateDecision({ proposal, quotas, lines: explained })).toEqual([]);
    expect(deviations(proposal, explained)).toEqual([
      { applicationId: 'a2', kind: 'proposed_not_selected' },
      { applicationId: 'a4', kind: 'selected_not_proposed' },
    ]);
    // a blank reason is no reason
    const blank = lines.map((l) => (l.applicationId === 'a2' ? { ...l, reason: '   ' } : l));
    expect(validateDecision({ proposal, quotas, lines: blank }).map((p) => p.applicationId)).toEqual([
      'a2',
      'a4',
    ]);
  });

  it('wants a group reason for going over the quota', () => {
    const over = asProposed.map((l) => (l.applicationId === 'a4' ? line('a4', true, '并列第三，增补') : l));
    expect(validateDecision({ proposal, quotas, lines: over })).toEqual([
      { code: 'over_quota_without_reason', applicationId: null, track: 'site', kind: 'branch' },
    ]);
    const reasons = [{ track: 'site', kind: 'branch', reason: '名额调剂，经全体委员同意' }];
    expect(validateDecision({ proposal, quotas, lines: over, quotaReasons: reasons })).toEqual([]);
  });

  it('never selects an application that failed a gate', () => {
    const lines = asProposed.map((l) => (l.applicationId === 'a5' ? line('a5', true, '理由') : l));
    expect(validateDecision({ proposal, quotas, lines })).toContainEqual({
      code: 'failed_gate_selected',
      applicationId: 'a5',
    });
  });

  it('checks the votes', () => {
    const lines = asProposed.map((l) =>
      l.applicationId === 'a1'
        ? { ...l, votes: { for: -1, against: 0, abstain: 0 } }
        : l.applicationId === 'a2'
          ? { ...l, votes: { for: 1.5, against: 0, abstain: 0 } }
          : l.applicationId === 'a3'
            ? { ...l, votes: { for: 9, against: 1, abstain: 0 } }
            : l,
    );
    expect(validateDecision({ proposal, quotas, lines, committeeSize: 9 })).toEqual([
      { code: 'invalid_votes', applicationId: 'a1' },
      { code: 'invalid_votes', applicationId: 'a2' },
      { code: 'votes_exceed_committee', applicationId: 'a3' },
    ]);
  });

  it('wants exactly one line per proposed application, and no others', () => {
    const lines = [
      ...asProposed.filter((l) => l.applicationId !== 'a3'),
      line('zz', false),
      line('a1', true),
    ];
    expect(validateDecision({ proposal, quotas, lines })).toEqual([
      { code: 'unknown_application', applicationId: 'zz' },
      { code: 'duplicate_line', applicationId: 'a1' },
      { code: 'missing_line', applicationId: 'a3' },
    ]);
  });

  it('wants a reason for taking an application tied at the quota line', () => {
    const base = { track: 'site', kind: 'branch', lastStageScore: 80, countedReviews: 5, submittedAt: null };
    const ranked = rankGroup([
      { ...base, applicationId: 'p', final: 90 },
      { ...base, applicationId: 'q', final: 85, lastStageScore: 90 },
      { ...base, applicationId: 'r', final: 85 },
    ]);
    const tied = proposeAll(ranked, [{ track: 'site', kind: 'branch', quota: 2 }], new Set(['p', 'q', 'r']));
    expect(tied.map((l) => l.reason)).toEqual(['within_quota', 'tied_at_line', 'tied_at_line']);
    const lines = [line('p', true), line('q', true), line('r', false)];
    expect(validateDecision({ proposal: tied, quotas, lines })).toEqual([
      { code: 'tie_without_reason', applicationId: 'q' },
    ]);
    const chosen = [line('p', true), line('q', true, '并列，末轮得分更高'), line('r', false)];
    expect(validateDecision({ proposal: tied, quotas, lines: chosen })).toEqual([]);
  });

  it('is satisfied by an empty proposal and no lines', () => {
    expect(validateDecision({ proposal: [], quotas: [], lines: [] })).toEqual([]);
  });
});
