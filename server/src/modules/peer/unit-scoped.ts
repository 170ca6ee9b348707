import { peerMembers, peerSheets } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';
import { ofApplication } from '../applications/unit-scoped';

/** A peer-group member and the sheet it rates with follow the member application's organisation. */
export const unitScoped: UnitScoped[] = [
  { table: peerMembers, unitColumn: peerMembers.unitId, owner: ofApplication(peerMembers.applicationId) },
  { table: peerSheets, unitColumn: peerSheets.unitId, owner: ofApplication(peerSheets.raterApplicationId) },
];
