import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CertifyBody,
  CertifyResult,
  PutTemplate,
  TemplateView,
  TitleSettings,
  TitleDetail,
  TitleList,
} from '../../../shared/src/contracts/titles';
import type { TemplateKind } from '../../../shared/src/domain/certificates';
import { api, download, uploadFile } from './client';

/** Every title query starts with this key. */
export const TITLES = ['titles'] as const;

/** The registry's filters (the list query's without paging). */
export interface TitleFilters {
  year?: number;
  track?: string;
  orgKind?: string;
  unitId?: string;
  status?: string;
  campaignId?: string;
  q?: string;
  /** Certified from / to these days (YYYY-MM-DD, Beijing time, both included). */
  certifiedFrom?: string;
  certifiedTo?: string;
}

export function useTitles(f: TitleFilters & { page?: number; pageSize?: number; sort?: string }) {
  return useQuery({
    queryKey: [...TITLES, 'list', f],
    queryFn: ({ signal }) => api.get<TitleList>('/api/titles', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTitle(id: string | null) {
  return useQuery({
    queryKey: [...TITLES, 'one', id],
    queryFn: ({ signal }) => api.get<TitleDetail>(`/api/titles/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The filtered registry as Excel (the export takes the filters, no paging). */
export const exportTitles = (f: TitleFilters, fallbackName: string) =>
  download('/api/titles/export.xlsx', { ...f }, fallbackName);

/** One title's certificate (or plaque) as a PDF download. */
export const printTitle = (id: string, kind: 'certificate' | 'plaque', fallbackName: string) =>
  download(`/api/titles/${id}/certificate.pdf`, { kind }, fallbackName);

/** A year's (or a campaign's) certificates or plaques as one PDF. */
export const printBatch = (
  q: { year?: number; campaignId?: string; kind: 'certificate' | 'plaque' },
  fallbackName: string,
) => download('/api/titles/print.pdf', q, fallbackName);

/** A campaign's naming decision (命名决定) as a PDF. */
export const printDecision = (campaignId: string, fallbackName: string) =>
  download(`/api/campaigns/${campaignId}/naming-decision.pdf`, undefined, fallbackName);

export const certifyReq = (publicityId: string, body: CertifyBody) =>
  api.post<CertifyResult>(`/api/publicities/${publicityId}/certify`, body);

/** The configured default validity the certify form starts from. */
export function useTitleSettings() {
  return useQuery({
    queryKey: [...TITLES, 'settings'],
    queryFn: ({ signal }) => api.get<TitleSettings>('/api/titles/settings', undefined, signal),
    staleTime: Infinity,
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: [...TITLES, 'templates'],
    queryFn: ({ signal }) =>
      api.get<{ items: TemplateView[] }>('/api/certificate-templates', undefined, signal),
  });
}

export const saveTemplateReq = (kind: TemplateKind, body: PutTemplate) =>
  api.put<TemplateView>(`/api/certificate-templates/${kind}`, body);

export const uploadSealReq = (kind: TemplateKind, file: File, onProgress: (p: number) => void) =>
  uploadFile<TemplateView>(`/api/certificate-templates/${kind}/seal`, undefined, 'file', file, onProgress);
