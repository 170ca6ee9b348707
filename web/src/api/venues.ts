import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createVenue, patchVenue, Venue } from '../../../shared/src/contracts/venues';
import { api } from './client';
import type { Page } from './organizations';

export interface VenueFilters {
  q?: string;
  organizationId?: string;
  active?: 'true' | 'false' | 'all';
  page?: number;
  pageSize?: number;
  sort?: string;
}

export const VENUES = ['venues'] as const;

export function useVenues(f: VenueFilters) {
  return useQuery({
    queryKey: [...VENUES, 'list', f],
    queryFn: ({ signal }) => api.get<Page<Venue>>('/api/venues', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export type CreateVenue = z.input<typeof createVenue>;
export type PatchVenue = z.input<typeof patchVenue>;

export const createVenueReq = (body: CreateVenue) => api.post<Venue>('/api/venues', body);
export const patchVenueReq = (id: string, body: PatchVenue) => api.patch<Venue>(`/api/venues/${id}`, body);
