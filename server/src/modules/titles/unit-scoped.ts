import { titles } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';

/** A title belongs to its holder organisation's unit. */
export const unitScoped: UnitScoped[] = [
  { table: titles, unitColumn: titles.unitId, owner: { orgColumn: titles.organizationId } },
];
