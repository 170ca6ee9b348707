import { declaredConflicts, conflictOverrides } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';
import { ofApplication } from '../applications/unit-scoped';

/** Declared conflicts and waivers name an application: they follow its organisation's unit. */
export const unitScoped: UnitScoped[] = [
  {
    table: declaredConflicts,
    unitColumn: declaredConflicts.unitId,
    owner: ofApplication(declaredConflicts.applicationId),
  },
  {
    table: conflictOverrides,
    unitColumn: conflictOverrides.unitId,
    owner: ofApplication(conflictOverrides.applicationId),
  },
];
