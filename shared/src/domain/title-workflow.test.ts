import { describe, expect, it } from 'vitest';
import {
  decideTitle,
  TITLE_ACTIONS,
  TITLE_STATUSES,
  TITLE_TRANSITIONS,
  titleSerial,
  validityEnd,
  verificationOf,
  type TitleAction,
  type TitleStatus,
  type TitleTransitionInput,
} from './title-workflow';

const NOW = new Date('2027-03-01T02:00:00Z');
const LATER = new Date('2030-01-15T00:00:00+08:00');
const EARLIER = new Date('2027-02-01T00:00:00+08:00');

function input(over: Partial<TitleTransitionInput>): TitleTransitionInput {
  return {
    action: 'keep',
    status: 'active',
    role: 'committee_admin',
    now: NOW,
    validUntil: LATER,
    reason: '复评通过',
    deadline: new Date('2027-06-30T00:00:00+08:00'),
    ...over,
  };
}

/** Every allowed (action, from) pair and where it goes, as the table must say. */
const ALLOWED: [TitleAction, TitleStatus, TitleStatus][] = [
  ['start_rereview', 'active', 'under_rereview'],
  ['keep', 'under_rereview', 'active'],
  ['rectify', 'under_rereview', 'rectifying'],
  ['pass_rectification', 'rectifying', 'active'],
  ['revoke', 'under_rereview', 'revoked'],
  ['revoke', 'rectifying', 'revoked'],
  ['renew', 'active', 'active'],
  ['expire', 'active', 'expired'],
  ['expire', 'under_rereview', 'expired'],
  ['expire', 'rectifying', 'expired'],
];

describe('title state machine', () => {
  it('has exactly the allowed transitions of DESIGN §3, each action and from-status once', () => {
    const rows = TITLE_TRANSITIONS.flatMap((r) => r.from.map((f) => [r.action, f, r.to]));
    expect(rows.sort()).toEqual([...ALLOWED].sort());
    expect(new Set(rows.map(([a, f]) => `${a}|${f}`)).size).toBe(rows.length);
  });

  // Every action from every status: the allowed pairs go where the table says, all others are refused.
  const cases = TITLE_ACTIONS.flatMap((action) => TITLE_STATUSES.map((status) => ({ action, status })));
  it.each(cases)('$action from $status', ({ action, status }) => {
    const allowed = ALLOWED.find(([a, f]) => a === action && f === status);
    const validUntil = action === 'expire' ? EARLIER : LATER;
    const role = action === 'expire' ? 'system' : 'committee_admin';
    const d = decideTitle(input({ action, status, validUntil, role }));
    expect(d).toEqual(allowed ? { ok: true, to: allowed[2] } : { ok: false, refusal: 'wrong_status' });
  });

  it('is the committee’s: other roles are refused', () => {
    for (const role of ['unit_admin', 'applicant', 'reviewer', 'security_admin', 'audit_admin'] as const)
      expect(decideTitle(input({ action: 'start_rereview', status: 'active', role }))).toEqual({
        ok: false,
        refusal: 'role_not_allowed',
      });
    expect(decideTitle(input({ action: 'keep', status: 'under_rereview', role: 'system' }))).toEqual({
      ok: false,
      refusal: 'role_not_allowed',
    });
  });

  it.each([
    ['revoke', 'under_rereview', { reason: '  ' }, 'reason_required'],
    ['revoke', 'rectifying', { reason: null }, 'reason_required'],
    ['rectify', 'under_rereview', { reason: '' }, 'reason_required'],
    ['rectify', 'under_rereview', { deadline: null }, 'deadline_required'],
    ['rectify', 'under_rereview', { deadline: new Date('2027-03-01T01:59:59Z') }, 'deadline_past'],
    ['rectify', 'under_rereview', { deadline: NOW }, 'deadline_past'],
    ['expire', 'active', { validUntil: LATER, role: 'system' }, 'validity_not_ended'],
    ['expire', 'active', { validUntil: new Date(NOW.getTime() + 1), role: 'system' }, 'validity_not_ended'],
    ['renew', 'active', { validUntil: EARLIER }, 'validity_ended'],
    ['renew', 'active', { validUntil: NOW }, 'validity_ended'],
  ] as const)('%s from %s with %o is refused: %s', (action, status, over, refusal) => {
    expect(decideTitle(input({ action, status, ...over }))).toEqual({ ok: false, refusal });
  });

  it('expires exactly at the end of validity, by the system or the committee', () => {
    expect(decideTitle(input({ action: 'expire', validUntil: NOW, role: 'system' }))).toEqual({
      ok: true,
      to: 'expired',
    });
    expect(decideTitle(input({ action: 'expire', validUntil: NOW }))).toEqual({ ok: true, to: 'expired' });
  });

  it('revokes and rectifies with a reason (and a future deadline)', () => {
    expect(decideTitle(input({ action: 'revoke', status: 'rectifying', reason: '整改不到位' }))).toEqual({
      ok: true,
      to: 'revoked',
    });
    expect(decideTitle(input({ action: 'rectify', status: 'under_rereview' }))).toEqual({
      ok: true,
      to: 'rectifying',
    });
  });
});

describe('serials and validity', () => {
  it.each([
    ['site', 2027, 1, 'TJ-SFD-2027-001'],
    ['venue', 2027, 12, 'TJ-SFZD-2027-012'],
    ['site', 2026, 1000, 'TJ-SFD-2026-1000'],
    ['model-room', 2028, 7, 'TJ-MODELROOM-2028-007'],
  ])('%s %i #%i is %s', (track, year, n, serial) => {
    expect(titleSerial(track, year, n)).toBe(serial);
  });

  it.each([
    ['2027-01-15', 3, '2030-01-15'],
    ['2026-10-09', 1, '2027-10-09'],
    ['2028-02-29', 3, '2031-03-01'],
  ])('validity from %s for %i years ends before %s', (from, years, end) => {
    expect(validityEnd(from, years)).toBe(end);
  });

  it.each([
    ['active', LATER, 'valid'],
    ['under_rereview', LATER, 'valid'],
    ['rectifying', LATER, 'valid'],
    ['active', NOW, 'expired'],
    ['expired', LATER, 'expired'],
    ['revoked', LATER, 'revoked'],
    ['revoked', EARLIER, 'revoked'],
  ] as const)('a %s title valid until %s verifies as %s', (status, until, answer) => {
    expect(verificationOf(status, until, NOW)).toBe(answer);
  });
});
