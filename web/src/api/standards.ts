import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CreateStandard,
  StandardDetail,
  StandardSummary,
  Track,
  UpdateStandard,
} from '../../../shared/src/contracts/standards';
import { api } from './client';
import type { Page } from './organizations';

export const STANDARDS = ['standards'] as const;
export const TRACKS = ['tracks'] as const;

export interface StandardFilters {
  track?: string;
  orgKind?: string;
  active?: 'true' | 'false' | 'all';
  page?: number;
  pageSize?: number;
  sort?: string;
}

export function useTracks() {
  return useQuery({
    queryKey: [...TRACKS],
    queryFn: () => api.get<Page<Track>>('/api/tracks', { pageSize: 200, sort: 'position' }),
    staleTime: 60_000,
  });
}

export function useStandards(f: StandardFilters, enabled = true) {
  return useQuery({
    queryKey: [...STANDARDS, 'list', f],
    queryFn: ({ signal }) => api.get<Page<StandardSummary>>('/api/standards', { ...f }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One standard with the content of `version` (the latest when omitted). */
export function useStandard(id: string | null | undefined, version?: number | null) {
  return useQuery({
    queryKey: [...STANDARDS, 'detail', id, version ?? 'latest'],
    queryFn: () =>
      api.get<StandardDetail>(version ? `/api/standards/${id}/versions/${version}` : `/api/standards/${id}`),
    enabled: !!id,
  });
}

export const createStandardReq = (body: CreateStandard) => api.post<StandardDetail>('/api/standards', body);
export const updateStandardReq = (id: string, body: UpdateStandard) =>
  api.put<StandardDetail>(`/api/standards/${id}`, body);
export const deactivateStandardReq = (id: string) =>
  api.post<StandardDetail>(`/api/standards/${id}/deactivate`, {});
