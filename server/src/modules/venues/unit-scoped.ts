import { venues } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';

/** A venue belongs to its organisation's unit. */
export const unitScoped: UnitScoped[] = [
  { table: venues, unitColumn: venues.unitId, owner: { orgColumn: venues.organizationId } },
];
