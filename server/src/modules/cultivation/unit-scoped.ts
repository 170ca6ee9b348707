import { cultivations } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';

/** A cultivation candidate follows its organisation: the new unit's admins take it over. */
export const unitScoped: UnitScoped[] = [
  { table: cultivations, unitColumn: cultivations.unitId, owner: { orgColumn: cultivations.organizationId } },
];
