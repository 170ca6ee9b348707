/**
 * Venues (阵地) owned by organisations: the subjects of venue tracks.
 */
import { boolean, index, integer, pgTable, real, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { organizations } from './organizations';

export const venues = pgTable(
  'venues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    unitId: uuid('unit_id'),
    name: text('name').notNull(),
    address: text('address'),
    areaM2: real('area_m2'),
    capacity: integer('capacity'),
    facilities: text('facilities'),
    openedYear: integer('opened_year'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('venues_org_idx').on(t.organizationId), index('venues_unit_idx').on(t.unitId)],
);
