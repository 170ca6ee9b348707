import { describe, expect, it } from 'vitest';
import type { DecisionDetail, DecisionLineBody } from '../../../../shared/src/contracts/decisions';
import {
  deviationCount,
  quotaState,
  reasonNeed,
  selectedAfter,
  undecidedCount,
  votesTotal,
} from './decision-model';

const line = (rank: number, over: Partial<DecisionLineBody> = {}): DecisionLineBody => ({
  applicationId: `a${rank}`,
  title: `T${rank}`,
  organizationName: 'O',
  unitName: 'U',
  orgKind: 'branch',
  rank,
  finalScore: 90 - rank,
  proposed: rank <= 2,
  proposalReason: rank <= 2 ? 'within_quota' : 'below_quota_line',
  selected: null,
  votes: null,
  reason: null,
  ...over,
});

type Group = DecisionDetail['groups'][number];
const group = (lines: DecisionLineBody[], quota = 2): Group => ({
  track: 'site',
  orgKind: 'branch',
  quota,
  proposedCount: lines.filter((l) => l.proposed).length,
  selectedCount: lines.filter((l) => l.selected === true).length,
  lines,
});

describe('reasonNeed', () => {
  it('asks nothing when the choice follows the proposal', () => {
    const g = group([line(1), line(2), line(3)]);
    expect(reasonNeed(g, g.lines[0]!, true)).toBeNull();
    expect(reasonNeed(g, g.lines[2]!, false)).toBeNull();
  });
  it('a proposed line not selected is a deviation', () => {
    const g = group([line(1), line(2), line(3)]);
    expect(reasonNeed(g, g.lines[1]!, false)).toBe('deviation');
  });
  it('selecting one not proposed while the group is full goes over the quota', () => {
    const g = group([line(1, { selected: true }), line(2, { selected: true }), line(3)]);
    expect(reasonNeed(g, g.lines[2]!, true)).toBe('over_quota');
    expect(selectedAfter(g, 'a3', true)).toBe(3);
  });
  it('selecting one not proposed with room left is a deviation', () => {
    const g = group([line(1, { selected: true }), line(2, { selected: false }), line(3)]);
    expect(reasonNeed(g, g.lines[2]!, true)).toBe('deviation');
  });
  it('selecting a proposed line tied at the quota line needs a reason', () => {
    const g = group([line(1), line(2, { proposalReason: 'tied_at_line' })]);
    expect(reasonNeed(g, g.lines[1]!, true)).toBe('tie');
  });
});

describe('counts', () => {
  const g = group([line(1, { selected: true }), line(2, { selected: false }), line(3)]);
  const d = { groups: [g] } as DecisionDetail;
  it('undecided and deviating lines', () => {
    expect(undecidedCount(d)).toBe(1);
    expect(deviationCount(d)).toBe(1);
  });
  it('quota state', () => {
    expect(quotaState(g)).toBe('under');
    expect(quotaState({ ...g, selectedCount: 2 })).toBe('full');
    expect(quotaState({ ...g, selectedCount: 3 })).toBe('over');
  });
  it('votes total', () => {
    expect(votesTotal(line(1))).toBeNull();
    expect(votesTotal(line(1, { votes: { for: 5, against: 1, abstain: 2 } }))).toBe(8);
  });
});
