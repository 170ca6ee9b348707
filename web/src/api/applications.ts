import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ApplicationDetail,
  ApplicationListItem,
  CreateApplication,
  PatchApplication,
  ReorderRanks,
  SelfAssessmentBody,
  TransitionResult,
} from '../../../shared/src/contracts/applications';
import type { CampaignDetail } from '../../../shared/src/contracts/campaigns';
import type { ApplicationAction, ApplicationStatus } from '../../../shared/src/domain/application-workflow';
import { announce, api, ApiError, CLIENT_CODES, download, requestHeaders, toApiError } from './client';
import type { Page } from './organizations';

export const APPLICATIONS = ['applications'] as const;
export const CURRENT_CAMPAIGNS = ['campaigns', 'current'] as const;

export interface ApplicationFilters {
  campaignId?: string;
  trackCode?: string;
  status?: ApplicationStatus[];
  q?: string;
  /** Submitted from / to these days (YYYY-MM-DD, Beijing time, both included). */
  submittedFrom?: string;
  submittedTo?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

/** The open campaign(s) of this year, with tracks and the timeline. */
export function useCurrentCampaigns() {
  return useQuery({
    queryKey: CURRENT_CAMPAIGNS,
    queryFn: () => api.get<Page<CampaignDetail>>('/api/campaigns/current'),
    staleTime: 60_000,
  });
}

export const listApplications = (f: ApplicationFilters, signal?: AbortSignal) =>
  api.get<Page<ApplicationListItem>>(
    '/api/applications',
    { ...f, status: f.status?.length ? f.status.join(',') : undefined },
    signal,
  );

export function useApplications(f: ApplicationFilters, enabled = true) {
  return useQuery({
    queryKey: [...APPLICATIONS, 'list', f],
    queryFn: ({ signal }) => listApplications(f, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const getApplication = (id: string) => api.get<ApplicationDetail>(`/api/applications/${id}`);

export function useApplication(id: string | null | undefined) {
  return useQuery({
    queryKey: [...APPLICATIONS, 'detail', id],
    queryFn: () => getApplication(id!),
    enabled: !!id,
  });
}

export const createApplicationReq = (body: CreateApplication) =>
  api.post<ApplicationDetail>('/api/applications', body);
export const patchApplicationReq = (id: string, body: PatchApplication) =>
  api.patch<ApplicationDetail>(`/api/applications/${id}`, body);
export const selfAssessReq = (id: string, body: SelfAssessmentBody) =>
  api.put<ApplicationDetail>(`/api/applications/${id}/self-assessment`, body);
export const reorderRanksReq = (body: ReorderRanks) =>
  api.post<{ items: { id: string; unitRank: number }[] }>('/api/applications/ranks', body);

export interface TransitionBody {
  version?: number;
  opinion?: string;
  rank?: number;
  reason?: string | null;
}

/**
 * One workflow step. Submit carries an `Idempotency-Key` (one per click, reused when the same click is
 * retried), so a retried request never submits twice.
 */
export async function transitionReq(
  id: string,
  action: ApplicationAction,
  body: TransitionBody,
  idempotencyKey?: string,
): Promise<TransitionResult> {
  const headers = requestHeaders('POST', true);
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/applications/${id}/${action}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, CLIENT_CODES.network, '');
  }
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const err = toApiError(res.status, parsed);
    announce(err);
    throw err;
  }
  return parsed as TransitionResult;
}

export const dossierUrl = (id: string) => `/api/applications/${id}/dossier.pdf`;

export const exportApplications = (f: ApplicationFilters, fallbackName: string) =>
  download(
    '/api/applications/export.xlsx',
    { ...f, status: f.status?.length ? f.status.join(',') : undefined, page: undefined, pageSize: undefined },
    fallbackName,
  );
