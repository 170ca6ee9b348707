import { useQuery } from '@tanstack/react-query';
import type { Desk } from '../../../shared/src/contracts/desk';
import { api } from './client';

export const DESK = ['desk'] as const;

/** The caller's work desk (工作台): its role's counts, refreshed every minute while open. */
export function useDesk() {
  return useQuery({
    queryKey: DESK,
    queryFn: ({ signal }) => api.get<Desk>('/api/me/desk', undefined, signal),
    refetchInterval: 60_000,
  });
}
