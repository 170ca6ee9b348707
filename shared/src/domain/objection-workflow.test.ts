import { describe, expect, it } from 'vitest';
import {
  decideObjection,
  OBJECTION_ACTIONS,
  OBJECTION_STATUSES,
  OBJECTION_TRANSITIONS,
  type ObjectionAction,
  type ObjectionFacts,
  type ObjectionStatus,
} from './objection-workflow';

/** Facts that satisfy every check, so each case below varies one thing. */
const ok = (action: ObjectionAction, status: ObjectionStatus, extra: Partial<ObjectionFacts> = {}) =>
  decideObjection({
    action,
    status,
    actorId: 'u1',
    assigneeId: 'u1',
    reason: '经核实',
    newAssigneeId: 'u2',
    deadline: '2024-10-10',
    today: '2024-10-08',
    outcome: 'unfounded',
    itemListed: true,
    substituteId: null,
    ...extra,
  });

describe('the objection table', () => {
  it('allows exactly these (action, status) pairs', () => {
    const allowed = new Map([
      ['accept|received', 'investigating'],
      ['dismiss|received', 'closed'],
      ['reassign|investigating', 'investigating'],
      ['note|investigating', 'investigating'],
      ['close|investigating', 'closed'],
    ]);
    for (const a of OBJECTION_ACTIONS)
      for (const s of OBJECTION_STATUSES) {
        const d = ok(a, s);
        expect(d.ok ? d.to : d.refusal, `${a}|${s}`).toBe(allowed.get(`${a}|${s}`) ?? 'wrong_status');
      }
  });

  it('has no two rows for one action and status', () => {
    const keys = OBJECTION_TRANSITIONS.flatMap((r) => r.from.map((s) => `${r.action}|${s}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each<[string, ObjectionAction, ObjectionStatus, Partial<ObjectionFacts>, string]>([
    ['accept without assignee', 'accept', 'received', { newAssigneeId: null }, 'assignee_required'],
    ['accept with a past deadline', 'accept', 'received', { deadline: '2024-10-07' }, 'deadline_past'],
    ['accept with today as deadline', 'accept', 'received', { deadline: '2024-10-08' }, 'investigating'],
    ['accept without deadline', 'accept', 'received', { deadline: null }, 'investigating'],
    ['dismiss without reason', 'dismiss', 'received', { reason: '  ' }, 'reason_required'],
    ['reassign without assignee', 'reassign', 'investigating', { newAssigneeId: '' }, 'assignee_required'],
    ['reassign by anyone of the committee', 'reassign', 'investigating', { actorId: 'u9' }, 'investigating'],
    ['note by someone else', 'note', 'investigating', { actorId: 'u9' }, 'not_assignee'],
    ['close by someone else', 'close', 'investigating', { actorId: 'u9' }, 'not_assignee'],
    ['close without outcome', 'close', 'investigating', { outcome: null }, 'outcome_required'],
    ['close as inadmissible', 'close', 'investigating', { outcome: 'inadmissible' }, 'outcome_required'],
    ['close without reason', 'close', 'investigating', { reason: null }, 'reason_required'],
    ['unfounded about no entry', 'close', 'investigating', { itemListed: false }, 'closed'],
    [
      'founded about no listed entry',
      'close',
      'investigating',
      { outcome: 'founded_withdraw', itemListed: false },
      'no_item',
    ],
    ['founded, withdrawn', 'close', 'investigating', { outcome: 'founded_withdraw' }, 'closed'],
    [
      'founded, substitute not named',
      'close',
      'investigating',
      { outcome: 'founded_substitute' },
      'substitute_required',
    ],
    [
      'founded, substituted',
      'close',
      'investigating',
      { outcome: 'founded_substitute', substituteId: 'a9' },
      'closed',
    ],
    ['close twice', 'close', 'closed', {}, 'wrong_status'],
  ])('%s', (_, action, status, extra, want) => {
    const d = ok(action, status, extra);
    expect(d.ok ? d.to : d.refusal).toBe(want);
  });
});
