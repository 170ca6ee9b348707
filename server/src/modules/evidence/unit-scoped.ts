import { applications, evidenceFiles } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';

/** Evidence files follow the application they belong to. */
export const unitScoped: UnitScoped[] = [
  {
    table: evidenceFiles,
    unitColumn: evidenceFiles.unitId,
    owner: {
      column: evidenceFiles.applicationId,
      idColumn: applications.id,
      orgColumn: applications.organizationId,
    },
  },
];
