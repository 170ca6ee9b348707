import { applicationEvents, applications, selfAssessments } from '../../db/schema';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { UnitOwner, UnitScoped } from '../../core/unit-scoped';

/**
 * A row that belongs to an application follows the application's organisation: other modules' evaluation
 * rows (assignments, reviews, results, decision lines …) register with this owner.
 */
export const ofApplication = (column: PgColumn): UnitOwner => ({
  column,
  idColumn: applications.id,
  orgColumn: applications.organizationId,
});

/**
 * Applications follow their organisation (the new unit's admins see, and are responsible for, them),
 * and so do their self-assessments and history.
 */
export const unitScoped: UnitScoped[] = [
  {
    table: selfAssessments,
    unitColumn: selfAssessments.unitId,
    owner: ofApplication(selfAssessments.applicationId),
  },
  {
    table: applicationEvents,
    unitColumn: applicationEvents.unitId,
    owner: ofApplication(applicationEvents.applicationId),
  },
  { table: applications, unitColumn: applications.unitId, owner: { orgColumn: applications.organizationId } },
];
