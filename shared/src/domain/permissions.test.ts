import { describe, expect, it } from 'vitest';
import {
  abilitiesOf,
  checkObject,
  MANAGEABLE_ROLES,
  OBJECT_RULES,
  PERMISSIONS,
  PREDICATES,
  scopeFor,
  type ObjectFacts,
} from './permissions';

describe('permissions', () => {
  it('separates duties: the audit admin reads the audit log (nobody else does) and may approve four-eyes requests', () => {
    expect(abilitiesOf('audit_admin')).toEqual(['privileged.decide', 'audit.read']);
    expect(Object.keys(PERMISSIONS['audit.read'])).toEqual(['audit_admin']);
  });
  it('gives the security admin accounts but no venues and no organisation writes', () => {
    expect(abilitiesOf('security_admin')).toEqual([
      'organizations.read',
      'accounts.read',
      'accounts.manage',
      'privileged.decide',
    ]);
  });
  it('gives the reviewer its own reviews and declarations, nothing else', () => {
    expect(abilitiesOf('reviewer')).toEqual(['reviews.read', 'reviews.write', 'conflicts.declare']);
    expect(scopeFor('reviewer', 'reviews.write')).toBe('self');
  });
  it('keeps evaluation, decisions and the expert pool with the committee', () => {
    for (const a of [
      'evaluation.manage',
      'reviewers.manage',
      'presentation.run',
      'decisions.manage',
    ] as const)
      expect(Object.keys(PERMISSIONS[a])).toEqual(['committee_admin']);
  });
  it('scopes unit admins to their unit and applicants to their organisation', () => {
    expect(scopeFor('unit_admin', 'organizations.write')).toBe('unit');
    expect(scopeFor('applicant', 'organizations.read')).toBe('org');
    expect(scopeFor('applicant', 'organizations.write')).toBeNull();
  });
  it('lets only the security admin manage administrators', () => {
    const managers = Object.entries(MANAGEABLE_ROLES)
      .filter(([, roles]) => roles.includes('committee_admin'))
      .map(([r]) => r);
    expect(managers).toEqual(['security_admin']);
  });

  describe('object rules', () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const open = {
      status: 'open' as const,
      opensAt: new Date('2026-11-30T00:00:00Z'),
      closesAt: new Date('2026-12-02T00:00:00Z'),
    };
    const facts = (f: Partial<ObjectFacts> = {}): ObjectFacts => ({
      now,
      actor: { userId: 'r1', organizationId: 'o1' },
      reviewerId: 'r1',
      conflicted: false,
      stage: open,
      memberOrganizationId: 'o1',
      releasedAt: new Date('2026-11-30T00:00:00Z'),
      ...f,
    });
    it.each([
      ['an assigned reviewer in an open stage', facts(), null],
      ['someone else’s review', facts({ reviewerId: 'r2' }), 'assigned'],
      ['a conflicted review', facts({ conflicted: true }), 'not_conflicted'],
      ['unknown conflict state', facts({ conflicted: undefined }), 'not_conflicted'],
      ['a closed stage', facts({ stage: { ...open, status: 'closed' } }), 'stage_open'],
      ['before the window', facts({ now: new Date('2026-11-29T23:59:59Z') }), 'stage_open'],
      ['after the window', facts({ now: new Date('2026-12-02T00:00:01Z') }), 'stage_open'],
      ['the last second of the window', facts({ now: new Date('2026-12-02T00:00:00Z') }), null],
    ])('reviews.write for %s → %s', (_, f, expected) => {
      expect(checkObject('reviews.write', 'reviewer', f)).toBe(expected);
    });
    it('checks the assignment before anything else (a stranger learns nothing)', () => {
      expect(checkObject('reviews.write', 'reviewer', facts({ reviewerId: 'r2', conflicted: true }))).toBe(
        'assigned',
      );
    });
    it('lets peer raters rate only for their own organisation’s member', () => {
      expect(checkObject('peer.rate', 'applicant', facts())).toBeNull();
      expect(checkObject('peer.rate', 'applicant', facts({ memberOrganizationId: 'o2' }))).toBe(
        'group_member',
      );
    });
    it('shows results to applicants and units only once released, to the committee always', () => {
      expect(checkObject('results.read', 'applicant', facts({ releasedAt: null }))).toBe('released');
      expect(
        checkObject('results.read', 'unit_admin', facts({ releasedAt: new Date('2026-12-01T08:00:01Z') })),
      ).toBe('released');
      expect(checkObject('results.read', 'committee_admin', facts({ releasedAt: null }))).toBeNull();
    });
    it('names only known predicates, for roles that hold the action', () => {
      for (const [action, byRole] of Object.entries(OBJECT_RULES))
        for (const [role, preds] of Object.entries(byRole!)) {
          expect(PERMISSIONS[action as keyof typeof PERMISSIONS][role as 'reviewer']).toBeDefined();
          for (const p of preds!) expect(Object.keys(PREDICATES)).toContain(p);
        }
    });
  });
});
