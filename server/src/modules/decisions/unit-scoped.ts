import { decisionLines } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';
import { ofApplication } from '../applications/unit-scoped';

/** A decision line is per application: its unit (who may read the released outcome) follows the organisation; the frozen snapshot keeps the figures as decided. */
export const unitScoped: UnitScoped[] = [
  {
    table: decisionLines,
    unitColumn: decisionLines.unitId,
    owner: ofApplication(decisionLines.applicationId),
  },
];
