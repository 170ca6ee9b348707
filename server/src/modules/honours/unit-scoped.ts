import { honours } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';

/** An honour belongs to its organisation's unit (the honoured organisation, or the person's). */
export const unitScoped: UnitScoped[] = [
  { table: honours, unitColumn: honours.unitId, owner: { orgColumn: honours.organizationId } },
];
