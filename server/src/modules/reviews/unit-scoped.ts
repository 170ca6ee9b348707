import { reviews, reviewPhotos } from '../../db/schema';
import type { UnitScoped } from '../../core/unit-scoped';
import { ofApplication } from '../applications/unit-scoped';

/** Reviews and their on-site photos are of an application: they follow its organisation's unit. */
export const unitScoped: UnitScoped[] = [
  { table: reviews, unitColumn: reviews.unitId, owner: ofApplication(reviews.applicationId) },
  { table: reviewPhotos, unitColumn: reviewPhotos.unitId, owner: ofApplication(reviewPhotos.applicationId) },
];
