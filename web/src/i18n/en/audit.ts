import type { Messages } from '../types';

/** en · audit: exactly the keys of `zh-CN/audit.ts`. */
const audit: Messages<'audit'> = {
  subtitle: 'Every recorded action; readable by the audit administrator only',
  export: 'Export to Excel',
  exportFile: 'audit-log.xlsx',
  from: 'From',
  to: 'To',
  anonymous: '(not logged in)',
  labelWithCode: '{{label}} ({{code}})',
  noChanges: 'No field changes recorded',
  filters: 'Filters',
  filtersCount: 'Filters ({{n}})',
  field: {
    at: 'Time',
    actor: 'Actor',
    action: 'Action',
    object: 'Object',
    objectType: 'Object type',
    objectId: 'Object id',
    outcome: 'Outcome',
    ip: 'IP address',
    detail: 'Detail',
    requestId: 'Request id',
    scopeOrgId: 'Scope organisation',
  },
  change: {
    field: 'Field',
    before: 'Before',
    after: 'After',
  },
  outcome: {
    success: 'Success',
    failure: 'Failure',
    denied: 'Denied',
  },
  action: {
    auth: {
      login: 'Log in',
      logout: 'Log out',
      lockout: 'Account locked',
      password_change: 'Change password',
      email_change: 'Change notification e-mail',
    },
    authz: {
      denied: 'Access denied',
    },
    organizations: {
      create: 'Create organisation',
      update: 'Update organisation',
      move: 'Change parent',
      deactivate: 'Deactivate organisation',
      activate: 'Activate organisation',
      import: 'Import organisations',
      export: 'Export organisations',
    },
    venues: {
      create: 'Create venue',
      update: 'Update venue',
    },
    accounts: {
      create: 'Create account',
      update: 'Update account',
      reset_password: 'Reset password',
      unlock: 'Unlock account',
      disable: 'Disable account',
      enable: 'Enable account',
    },
    audit: {
      read: 'Read audit log',
      export: 'Export audit log',
    },
    demo: {
      seed: 'Seed demo data',
    },
  },
  object: {
    organization: 'Organisation',
    venue: 'Venue',
    user: 'Account',
    session: 'Session',
    audit_event: 'Audit log',
  },
};

export default audit;
