import type { Messages } from '../types';

/** en · audit: exactly the keys of `zh-CN/audit.ts`. */
const audit: Messages<'audit'> = {
  subtitle: 'Every recorded action; readable by the audit administrator only',
  /** The language of the labels taken from shared/src/audit-actions.ts. */
  lang: 'en',
  export: 'Export to Excel',
  exportFile: 'audit-log.xlsx',
  empty: 'No matching events',
  from: 'From',
  to: 'To',
  anonymous: '(not logged in)',
  allOfModule: '{{module}} (every action)',
  deletedRecord: '(record deleted)',
  ids: 'Ids',
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
};

export default audit;
