import { users } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';

/** An account placed in an organisation belongs to its unit (accounts without one have none). */
export const unitScoped: UnitScoped[] = [
  { table: users, unitColumn: users.unitId, owner: { orgColumn: users.organizationId } },
];
