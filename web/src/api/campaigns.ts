import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CampaignDashboard,
  CampaignDetail,
  CampaignSummary,
  CopyCampaign,
  createCampaign,
  patchCampaign,
} from '../../../shared/src/contracts/campaigns';
import type { CampaignStatus } from '../../../shared/src/domain/application-workflow';
import { api } from './client';
import type { Page } from './organizations';

export const CAMPAIGNS = ['campaigns'] as const;

export interface CampaignFilters {
  year?: number;
  status?: CampaignStatus;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export type CreateCampaignBody = z.input<typeof createCampaign>;
export type PatchCampaignBody = z.input<typeof patchCampaign>;

export function useCampaigns(f: CampaignFilters, enabled = true) {
  return useQuery({
    queryKey: [...CAMPAIGNS, 'list', f],
    queryFn: ({ signal }) => api.get<Page<CampaignSummary>>('/api/campaigns', { ...f }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCampaign(id: string | null | undefined) {
  return useQuery({
    queryKey: [...CAMPAIGNS, 'detail', id],
    queryFn: () => api.get<CampaignDetail>(`/api/campaigns/${id}`),
    enabled: !!id,
  });
}

export function useCampaignDashboard(id: string | null | undefined) {
  return useQuery({
    queryKey: [...CAMPAIGNS, 'dashboard', id],
    queryFn: () => api.get<CampaignDashboard>(`/api/campaigns/${id}/dashboard`),
    enabled: !!id,
  });
}

export const createCampaignReq = (body: CreateCampaignBody) =>
  api.post<CampaignDetail>('/api/campaigns', body);
export const patchCampaignReq = (id: string, body: PatchCampaignBody) =>
  api.patch<CampaignDetail>(`/api/campaigns/${id}`, body);
export const copyCampaignReq = (id: string, body: CopyCampaign) =>
  api.post<CampaignDetail>(`/api/campaigns/${id}/copy`, body);
/** 立即截止申报 (issue #7.17). */
export const closeIntakeReq = (id: string, version: number) =>
  api.post<CampaignDetail>(`/api/campaigns/${id}/close-intake`, { version });

export const transitionCampaignReq = (id: string, to: CampaignStatus, version: number) =>
  api.post<CampaignDetail>(`/api/campaigns/${id}/transition`, { to, version });
