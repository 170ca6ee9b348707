import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CreateRound,
  FollowUpBody,
  OutcomeBody,
  RoundDetail,
  RoundList,
  TitleFiguresView,
} from '../../../shared/src/contracts/rereviews';
import { api } from './client';

/** Every re-review query starts with this key. */
export const REREVIEWS = ['rereviews'] as const;

export function useRounds(q: { page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...REREVIEWS, 'list', q],
    queryFn: ({ signal }) => api.get<RoundList>('/api/rereview-rounds', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: [...REREVIEWS, 'one', id],
    queryFn: ({ signal }) => api.get<RoundDetail>(`/api/rereview-rounds/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The 优进劣出 figures (committee only). */
export function useTitleFigures() {
  return useQuery({
    queryKey: [...REREVIEWS, 'figures'],
    queryFn: ({ signal }) => api.get<TitleFiguresView>('/api/titles/figures', undefined, signal),
  });
}

export const createRoundReq = (body: CreateRound) => api.post<RoundDetail>('/api/rereview-rounds', body);

export const outcomeReq = (roundId: string, titleId: string, body: OutcomeBody) =>
  api.post<RoundDetail>(`/api/rereview-rounds/${roundId}/titles/${titleId}/outcome`, body);

export const followUpReq = (roundId: string, titleId: string, body: FollowUpBody) =>
  api.post<RoundDetail>(`/api/rereview-rounds/${roundId}/titles/${titleId}/follow-up`, body);
