import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ApplicationDetail,
  BatchTransitionBody,
  BatchTransitionResult,
  ApplicationListItem,
  TransitionResult,
} from '../../../shared/src/contracts/applications';
import type { ApplicationStatus } from '../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../shared/src/enums';
import { api, download } from './client';
import type { Page } from './organizations';

/** The committee's intake queue (申报受理): the applications list with the committee's filters. */
export const INTAKE = ['applications'] as const;

export interface IntakeFilters {
  campaignId?: string;
  trackCode?: string;
  orgKind?: OrgKind;
  unitId?: string;
  status?: ApplicationStatus;
  q?: string;
  /** Submitted on or after / on or before these Beijing days (`YYYY-MM-DD`). */
  submittedFrom?: string;
  submittedTo?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export function useIntakeList(f: IntakeFilters, enabled = true) {
  return useQuery({
    queryKey: [...INTAKE, 'list', f],
    queryFn: ({ signal }) => api.get<Page<ApplicationListItem>>('/api/applications', { ...f }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useApplicationDetail(id: string | null | undefined) {
  return useQuery({
    queryKey: [...INTAKE, 'detail', id],
    queryFn: () => api.get<ApplicationDetail>(`/api/applications/${id}`),
    enabled: !!id,
  });
}

export const acceptReq = (id: string) => api.post<TransitionResult>(`/api/applications/${id}/accept`, {});
export const returnReq = (id: string, reason: string) =>
  api.post<TransitionResult>(`/api/applications/${id}/return`, { reason });

/** Accept or return several at once: all or nothing (409 BATCH_REFUSED names the items that cannot move). */
export const batchReq = (body: BatchTransitionBody) =>
  api.post<BatchTransitionResult>('/api/applications/batch', body);

export const exportIntake = (f: IntakeFilters, fallbackName: string) =>
  download('/api/applications/export.xlsx', { ...f, page: undefined, pageSize: undefined }, fallbackName);

/** The dossiers of several applications as one .zip (申报书 PDF and evidence per folder, a manifest). */
export const downloadDossiers = (ids: string[], fallbackName: string) =>
  download('/api/applications/dossiers.zip', { ids: ids.join(',') }, fallbackName);

export const dossierUrl = (id: string) => `/api/applications/${id}/dossier.pdf`;
export const evidenceUrl = (id: string) => `/api/evidence/${id}`;
