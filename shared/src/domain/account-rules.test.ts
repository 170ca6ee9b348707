import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES } from '../enums';
import {
  canManageAccount,
  canManageRole,
  checkPlacement,
  LOGIN_PATTERN,
  manageableRoles,
  normalizeLogin,
} from './account-rules';

const unitA = '00000000-0000-4000-8000-00000000000a';
const unitB = '00000000-0000-4000-8000-00000000000b';

describe('who manages which account', () => {
  it('lets only the security admin manage administrators', () => {
    expect(canManageRole('security_admin', 'committee_admin')).toBe(true);
    expect(canManageRole('security_admin', 'audit_admin')).toBe(true);
    expect(canManageRole('committee_admin', 'security_admin')).toBe(false);
    expect(canManageRole('committee_admin', 'committee_admin')).toBe(false);
    expect(manageableRoles('committee_admin')).toEqual(['unit_admin', 'applicant', 'reviewer']);
  });

  it('lets a unit admin manage only the applicants of its own unit', () => {
    const scope = { kind: 'unit', unitId: unitA } as const;
    expect(canManageAccount('unit_admin', scope, { role: 'applicant', unitId: unitA })).toBe(true);
    expect(canManageAccount('unit_admin', scope, { role: 'applicant', unitId: unitB })).toBe(false);
    expect(canManageAccount('unit_admin', scope, { role: 'applicant', unitId: null })).toBe(false);
    expect(canManageAccount('unit_admin', scope, { role: 'unit_admin', unitId: unitA })).toBe(false);
  });

  it('gives roles without account management nothing to manage', () => {
    for (const r of ['applicant', 'reviewer', 'audit_admin'] as const) {
      expect(manageableRoles(r)).toEqual([]);
      for (const t of ROLES)
        expect(canManageAccount(r, { kind: 'all' }, { role: t, unitId: null })).toBe(false);
    }
  });
});

describe('where an account sits', () => {
  const unit = { depth: 1, active: true };
  const branch = { depth: 2, active: true };
  it('puts a unit admin on a unit only', () => {
    expect(checkPlacement('unit_admin', unit)).toBeNull();
    expect(checkPlacement('unit_admin', branch)).toBe('unit_required');
    expect(checkPlacement('unit_admin', { depth: 0, active: true })).toBe('unit_required');
    expect(checkPlacement('unit_admin', null)).toBe('organization_required');
  });
  it('puts an applicant on any active organisation', () => {
    expect(checkPlacement('applicant', branch)).toBeNull();
    expect(checkPlacement('applicant', unit)).toBeNull();
    expect(checkPlacement('applicant', { depth: 3, active: false })).toBe('organization_inactive');
    expect(checkPlacement('applicant', null)).toBe('organization_required');
  });
  it('keeps the other roles outside the tree', () => {
    for (const r of ['committee_admin', 'reviewer', 'security_admin', 'audit_admin'] as const) {
      expect(checkPlacement(r, null)).toBeNull();
      expect(checkPlacement(r, unit)).toBe('organization_not_allowed');
    }
  });
});

describe('login names', () => {
  it('folds full-width letters, case and surrounding spaces', () => {
    expect(normalizeLogin(' ＵＡＤＭＩＮ ')).toBe('uadmin');
    expect(normalizeLogin('Zhang.San@Water')).toBe('zhang.san@water');
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeLogin(normalizeLogin(s)) === normalizeLogin(s)));
  });
  it('accepts 3–64 of letters, digits and . _ @ - after normalisation', () => {
    expect(LOGIN_PATTERN.test('ab')).toBe(false);
    expect(LOGIN_PATTERN.test('abc')).toBe(true);
    expect(LOGIN_PATTERN.test('a'.repeat(65))).toBe(false);
    expect(LOGIN_PATTERN.test('张三')).toBe(false);
    expect(LOGIN_PATTERN.test('a b')).toBe(false);
  });
});
