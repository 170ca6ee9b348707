import { z } from 'zod';
import { line, listOf, listQuery, optionalLine, optionalText, searchText } from './common';

export const venue = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  unitId: z.uuid().nullable(),
  name: z.string(),
  address: z.string().nullable(),
  areaM2: z.number().nullable(),
  capacity: z.number().int().nullable(),
  facilities: z.string().nullable(),
  openedYear: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type Venue = z.infer<typeof venue>;

export const venueSortKeys = ['name', 'openedYear', 'areaM2', 'updatedAt'] as const;
export const venueListQuery = listQuery(venueSortKeys)
  .extend({
    q: searchText(),
    organizationId: z.uuid().optional(),
    unitId: z.uuid().optional(),
    active: z.enum(['true', 'false', 'all']).default('true'),
  })
  .strict();
export type VenueListQuery = z.infer<typeof venueListQuery>;
export const venueList = listOf(venue);

const venueFields = {
  name: line(100),
  address: optionalLine(200),
  areaM2: z.number().min(0).max(1000000).nullable().optional(),
  capacity: z.number().int().min(0).max(100000).nullable().optional(),
  facilities: optionalText(1000),
  openedYear: z.number().int().min(1921).max(2100).nullable().optional(),
};
export const createVenue = z.object({ organizationId: z.uuid(), ...venueFields }).strict();
export const patchVenue = z
  .object({ ...venueFields, active: z.boolean() })
  .partial()
  .extend({ version: z.number().int() })
  .strict();
export type CreateVenue = z.infer<typeof createVenue>;
export type PatchVenue = z.infer<typeof patchVenue>;
