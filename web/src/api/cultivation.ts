import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AppliedCultivation,
  CreateCultivation,
  CreateMilestone,
  CreateNote,
  Cultivation,
  CultivationDetail,
  CultivationStatus,
  Milestone,
  Note,
  PatchCultivation,
  PatchMilestone,
  PutReadiness,
  Readiness,
} from '../../../shared/src/contracts/cultivation';
import { api, download } from './client';
import type { Page } from './organizations';

export const CULTIVATIONS = ['cultivations'] as const;

export interface CultivationFilters {
  trackCode?: string;
  status?: CultivationStatus;
  q?: string;
  unitId?: string;
  milestones?: 'due' | 'overdue';
  page?: number;
  pageSize?: number;
  sort?: string;
}

export const listCultivations = (f: CultivationFilters, signal?: AbortSignal) =>
  api.get<Page<Cultivation>>('/api/cultivations', { ...f }, signal);

export function useCultivations(f: CultivationFilters) {
  return useQuery({
    queryKey: [...CULTIVATIONS, 'list', f],
    queryFn: ({ signal }) => listCultivations(f, signal),
    placeholderData: keepPreviousData,
  });
}

export const cultivationKey = (id: string | null | undefined) => [...CULTIVATIONS, 'detail', id] as const;

export function useCultivation(id: string | null | undefined) {
  return useQuery({
    queryKey: cultivationKey(id),
    queryFn: () => api.get<CultivationDetail>(`/api/cultivations/${id}`),
    enabled: !!id,
  });
}

export const createCultivationReq = (body: CreateCultivation) =>
  api.post<CultivationDetail>('/api/cultivations', body);
export const patchCultivationReq = (id: string, body: PatchCultivation) =>
  api.patch<CultivationDetail>(`/api/cultivations/${id}`, body);
export const addMilestoneReq = (id: string, body: CreateMilestone) =>
  api.post<Milestone>(`/api/cultivations/${id}/milestones`, body);
export const patchMilestoneReq = (id: string, mid: string, body: PatchMilestone) =>
  api.patch<Milestone>(`/api/cultivations/${id}/milestones/${mid}`, body);
export const deleteMilestoneReq = (id: string, mid: string) =>
  api.delete<null>(`/api/cultivations/${id}/milestones/${mid}`);
export const addNoteReq = (id: string, body: CreateNote) =>
  api.post<Note>(`/api/cultivations/${id}/notes`, body);
export const putReadinessReq = (id: string, body: PutReadiness) =>
  api.put<Readiness>(`/api/cultivations/${id}/readiness`, body);
export const applyCultivationReq = (id: string, campaignId: string) =>
  api.post<AppliedCultivation>(`/api/cultivations/${id}/apply`, { campaignId });

export const exportCultivations = (f: CultivationFilters, fallbackName: string) =>
  download('/api/cultivations/export.xlsx', { ...f, page: undefined, pageSize: undefined }, fallbackName);
