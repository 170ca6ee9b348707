import { sessionPresenters } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';
import { ofApplication } from '../applications/unit-scoped';

/** A presenter of a session is an application: it follows its organisation's unit. */
export const unitScoped: UnitScoped[] = [
  {
    table: sessionPresenters,
    unitColumn: sessionPresenters.unitId,
    owner: ofApplication(sessionPresenters.applicationId),
  },
];
