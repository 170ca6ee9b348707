import { describe, expect, it } from 'vitest';
import type { Role } from '../enums';
import { approvalRefusal, crossesDuties, grantNeedsFourEyes, isExpired } from './four-eyes';

const request = (requestedRole: Role, targetRoles: Role[]) => ({
  requestedBy: 'req',
  requestedRole,
  targetUserId: 'tgt',
  targetRoles,
});

describe('approvalRefusal', () => {
  it.each([
    // approver, requester's role, roles concerned, refusal
    ['security_admin', 'security_admin', ['committee_admin'], 'same role'],
    ['committee_admin', 'security_admin', ['committee_admin'], null],
    ['audit_admin', 'security_admin', ['security_admin'], null],
    ['security_admin', 'committee_admin', ['unit_admin'], null],
    // A unit admin: only about roles it manages itself (applicants), never about its peer unit admin.
    ['unit_admin', 'committee_admin', ['unit_admin'], 'no authority'],
    ['unit_admin', 'committee_admin', ['applicant', 'unit_admin'], 'no authority'],
    ['unit_admin', 'committee_admin', ['applicant'], null],
    ['unit_admin', 'security_admin', ['reviewer'], 'no authority'],
  ] as [Role, Role, Role[], string | null][])('%s approving a %s request about %j: %s', (a, r, t, want) => {
    expect(approvalRefusal({ userId: 'app', role: a }, request(r, t))).toBe(want);
  });

  it('refuses the requester and the account concerned first', () => {
    expect(approvalRefusal({ userId: 'req', role: 'audit_admin' }, request('security_admin', []))).toBe(
      'same administrator',
    );
    expect(approvalRefusal({ userId: 'tgt', role: 'audit_admin' }, request('security_admin', []))).toBe(
      'own account',
    );
    expect(
      approvalRefusal(
        { userId: 'app', role: 'audit_admin' },
        { ...request('security_admin', ['committee_admin']), targetUserId: null },
      ),
    ).toBeNull();
  });
});

describe('crossesDuties', () => {
  it.each([
    ['security_admin', 'audit_admin', true],
    ['audit_admin', 'committee_admin', true],
    ['committee_admin', 'security_admin', true],
    ['security_admin', 'security_admin', false],
    ['committee_admin', 'unit_admin', false],
    ['unit_admin', 'committee_admin', false],
    ['applicant', 'audit_admin', false],
  ] as [Role, Role, boolean][])('%s → %s: %s', (from, to, want) => {
    expect(crossesDuties(from, to)).toBe(want);
  });
});

describe('grantNeedsFourEyes', () => {
  it.each([
    [null, 'committee_admin', null, true],
    [null, 'reviewer', null, false],
    [{ role: 'applicant', organizationId: 'a1' }, 'unit_admin', 'A', true],
    [{ role: 'unit_admin', organizationId: 'A' }, 'unit_admin', 'A', false],
    [{ role: 'unit_admin', organizationId: 'A' }, 'unit_admin', 'B', true],
    [{ role: 'committee_admin', organizationId: null }, 'reviewer', null, false],
  ] as [{ role: Role; organizationId: string | null } | null, Role, string | null, boolean][])(
    '%j → %s on %s: %s',
    (before, role, organizationId, want) => {
      expect(grantNeedsFourEyes(before, { role, organizationId })).toBe(want);
    },
  );
});

describe('isExpired', () => {
  it('expires at 72 hours exactly', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    expect(isExpired(at, new Date('2026-12-03T23:59:59.999Z'))).toBe(false);
    expect(isExpired(at, new Date('2026-12-04T00:00:00Z'))).toBe(true);
  });
});
