import { assignments } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';
import { ofApplication } from '../applications/unit-scoped';

/** An assignment is of an application: it follows its organisation's unit. */
export const unitScoped: UnitScoped[] = [
  { table: assignments, unitColumn: assignments.unitId, owner: ofApplication(assignments.applicationId) },
];
