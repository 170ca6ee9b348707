import { applicationEvents, applications, selfAssessments } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';

const ofApplication = (
  column: typeof selfAssessments.applicationId | typeof applicationEvents.applicationId,
) => ({
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
