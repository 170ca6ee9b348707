import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  assignmentList,
  autoAssignResult,
  panelDrawResult,
  panelList,
} from '../../../shared/src/contracts/assignments';
import type { conflictList } from '../../../shared/src/contracts/reviewers';
import { api } from './client';

/** Every query of a stage's panel, assignments and conflicts starts with this key. */
export const STAGE_WORK = ['stage-work'] as const;

export type PanelList = z.infer<typeof panelList>;
export type PanelDrawResult = z.infer<typeof panelDrawResult>;
export type AssignmentList = z.infer<typeof assignmentList>;
export type AutoAssignResult = z.infer<typeof autoAssignResult>;
export type ConflictList = z.infer<typeof conflictList>;

export function usePanel(stageId: string | undefined) {
  return useQuery({
    queryKey: [...STAGE_WORK, 'panel', stageId],
    queryFn: ({ signal }) => api.get<PanelList>(`/api/stages/${stageId}/panel`, undefined, signal),
    enabled: !!stageId,
  });
}

export function useAssignments(stageId: string | undefined) {
  return useQuery({
    queryKey: [...STAGE_WORK, 'assignments', stageId],
    queryFn: ({ signal }) => api.get<AssignmentList>(`/api/stages/${stageId}/assignments`, undefined, signal),
    enabled: !!stageId,
  });
}

export function useConflicts(stageId: string | undefined) {
  return useQuery({
    queryKey: [...STAGE_WORK, 'conflicts', stageId],
    queryFn: ({ signal }) => api.get<ConflictList>(`/api/stages/${stageId}/conflicts`, undefined, signal),
    enabled: !!stageId,
  });
}

export const addPanelReq = (stageId: string, reviewerId: string) =>
  api.post<unknown>(`/api/stages/${stageId}/panel`, { reviewerId });
export const removePanelReq = (stageId: string, reviewerId: string) =>
  api.delete<void>(`/api/stages/${stageId}/panel/${reviewerId}`);
export const drawPanelReq = (
  stageId: string,
  body: { count: number; seed?: number; tags?: string[]; preview: boolean },
) => api.post<PanelDrawResult>(`/api/stages/${stageId}/panel/draw`, body);

export const autoAssignReq = (
  stageId: string,
  body: { perApplication: number; seed?: number; preview: boolean },
) => api.post<AutoAssignResult>(`/api/stages/${stageId}/assignments/auto`, body);
export const addAssignmentReq = (stageId: string, applicationId: string, reviewerId: string) =>
  api.post<unknown>(`/api/stages/${stageId}/assignments`, { applicationId, reviewerId });
export const removeAssignmentReq = (id: string) => api.delete<void>(`/api/assignments/${id}`);

export const overrideConflictReq = (reviewerId: string, applicationId: string, reason: string) =>
  api.post<unknown>('/api/conflicts/overrides', { reviewerId, applicationId, reason });
