import { stageResults, evaluationTotals } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';
import { ofApplication } from '../applications/unit-scoped';

/** Stage results and totals are per application: they follow its organisation's unit (who may read them). */
export const unitScoped: UnitScoped[] = [
  { table: stageResults, unitColumn: stageResults.unitId, owner: ofApplication(stageResults.applicationId) },
  {
    table: evaluationTotals,
    unitColumn: evaluationTotals.unitId,
    owner: ofApplication(evaluationTotals.applicationId),
  },
];
