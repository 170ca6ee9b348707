import { describe, expect, it } from 'vitest';
import { abilitiesOf, MANAGEABLE_ROLES, PERMISSIONS, scopeFor } from './permissions';

describe('permissions', () => {
  it('separates duties: the audit admin only reads the audit log, nobody else does', () => {
    expect(abilitiesOf('audit_admin')).toEqual(['audit.read']);
    expect(Object.keys(PERMISSIONS['audit.read'])).toEqual(['audit_admin']);
  });
  it('gives the security admin accounts but no venues and no organisation writes', () => {
    expect(abilitiesOf('security_admin')).toEqual(['organizations.read', 'accounts.read', 'accounts.manage']);
  });
  it('gives the reviewer nothing in the foundation', () => {
    expect(abilitiesOf('reviewer')).toEqual([]);
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
});
