import type { Messages } from '../types';

/** en · venues: exactly the keys of `zh-CN/venues.ts`. */
const venues: Messages<'venues'> = {
  subtitle: 'Register and maintain party-member education venues',
  create: 'New venue',
  editTitle: 'Edit venue: {{name}}',
  searchPlaceholder: 'Search by name or address',
  empty: 'No venues',
  filterOrganization: 'Filter by organisation',
  activeAll: 'Any status',
  activated: 'Venue activated',
  deactivated: 'Venue deactivated',
  deactivateTitle: 'Deactivate venue “{{name}}”?',
  deactivateConsequence:
    'It can no longer be chosen for new applications or cultivation and leaves the default list; existing applications are not affected. You can activate it again at any time.',
  deactivateOk: 'Deactivate',
  activateTitle: 'Activate venue “{{name}}”?',
  activateConsequence: 'It can then be chosen for applications and cultivation.',
  activateOk: 'Activate',
  areaValue: '{{area}} m²',
  capacityValue: 'holds {{n}}',
  field: {
    name: 'Name',
    organization: 'Organisation',
    address: 'Address',
    areaM2: 'Area (m²)',
    capacity: 'Capacity',
    facilities: 'Facilities',
    openedYear: 'Opened in',
    active: 'Status',
    updatedAt: 'Updated',
  },
};

export default venues;
