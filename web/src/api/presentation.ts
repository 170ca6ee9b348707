import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateSessionBody,
  MySessions,
  PanelView,
  ScreenView,
  SessionView,
  sessionList,
} from '../../../shared/src/contracts/presentation';
import { api } from './client';

/** Live presentation sessions (现场讲述, docs/EVALUATION.md): the chair, the panel's phones, the room screen. */
export const SESSIONS = ['sessions'] as const;
export type SessionList = z.infer<typeof sessionList>;
export type SessionAction = 'start' | 'pause' | 'next' | 'finish';

/** How often the live views ask the server (the room screen's feed is meant for every 2 s). */
export const LIVE_MS = 2000;

export function useStageSessions(stageId: string | undefined) {
  return useQuery({
    queryKey: [...SESSIONS, 'stage', stageId],
    queryFn: ({ signal }) => api.get<SessionList>(`/api/stages/${stageId}/sessions`, undefined, signal),
    enabled: !!stageId,
  });
}

export const createSessionReq = (stageId: string, body: CreateSessionBody) =>
  api.post<SessionView>(`/api/stages/${stageId}/sessions`, body);

/** The chair's view, kept live (the panel's locks arrive while the chair watches). */
export function useChairSession(id: string) {
  return useQuery({
    queryKey: [...SESSIONS, 'chair', id],
    queryFn: ({ signal }) => api.get<SessionView>(`/api/sessions/${id}`, undefined, signal),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}

export const controlReq = (id: string, action: SessionAction) =>
  api.post<SessionView>(`/api/sessions/${id}/${action}`);
export const releaseReq = (id: string, applicationId: string) =>
  api.post<SessionView>(`/api/sessions/${id}/presenters/${applicationId}/release`);

/** The room screen's feed: polled, the last answer kept on screen while the next one comes. */
export function useScreen(id: string) {
  return useQuery({
    queryKey: [...SESSIONS, 'screen', id],
    queryFn: ({ signal }) => api.get<ScreenView>(`/api/sessions/${id}/screen`, undefined, signal),
    refetchInterval: LIVE_MS,
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
    retry: 3,
  });
}

export function usePanelView(id: string) {
  return useQuery({
    queryKey: [...SESSIONS, 'panel', id],
    queryFn: ({ signal }) => api.get<PanelView>(`/api/sessions/${id}/panel`, undefined, signal),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}

export const saveScoreReq = (id: string, applicationId: string, score: number) =>
  api.put<unknown>(`/api/sessions/${id}/presenters/${applicationId}/score`, { score });
export const lockScoreReq = (id: string, applicationId: string) =>
  api.post<unknown>(`/api/sessions/${id}/presenters/${applicationId}/score/lock`);

export function useMySessions(enabled = true) {
  return useQuery({
    queryKey: [...SESSIONS, 'mine'],
    queryFn: ({ signal }) => api.get<MySessions>('/api/me/sessions', undefined, signal),
    enabled,
  });
}
