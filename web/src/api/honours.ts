import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CreateHonour,
  HonourDetail,
  HonourImportResult,
  HonourKindView,
  HonourList,
  PoolView,
  ReservoirReportView,
} from '../../../shared/src/contracts/honours';
import { api, download, uploadFile } from './client';

/** Every honours query starts with this key. */
export const HONOURS = ['honours'] as const;

export interface HonourFilters {
  year?: number;
  kindCode?: string;
  subject?: string;
  q?: string;
}

export function useHonours(f: HonourFilters & { page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...HONOURS, 'list', f],
    queryFn: ({ signal }) => api.get<HonourList>('/api/honours', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHonourKinds() {
  return useQuery({
    queryKey: [...HONOURS, 'kinds'],
    queryFn: ({ signal }) => api.get<{ items: HonourKindView[] }>('/api/honour-kinds', undefined, signal),
  });
}

/** The 蓄水池 report (committee only). */
export function useReservoir() {
  return useQuery({
    queryKey: [...HONOURS, 'reservoir'],
    queryFn: ({ signal }) => api.get<ReservoirReportView>('/api/honours/reservoir', undefined, signal),
  });
}

export const createHonourReq = (body: CreateHonour) => api.post<HonourDetail>('/api/honours', body);
export const deleteHonourReq = (id: string) => api.delete<{ ok: true }>(`/api/honours/${id}`);

export const importHonoursReq = (file: File, dryRun: boolean) =>
  uploadFile<HonourImportResult>('/api/honours/import', { dryRun: String(dryRun) }, 'file', file, () => {});

/** The pool's candidates for an honours round of `year` (committee only). */
export function useHonourPool(year: number) {
  return useQuery({
    queryKey: [...HONOURS, 'pool', year],
    queryFn: ({ signal }) => api.get<PoolView>('/api/honours/pool', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One honour: the committee sees the person's name whole here, everyone else masked. */
export function useHonour(id: string | null) {
  return useQuery({
    queryKey: [...HONOURS, 'one', id],
    queryFn: ({ signal }) => api.get<HonourDetail>(`/api/honours/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export const downloadHonourTemplate = () =>
  download('/api/honours/import/template', undefined, '表彰导入模板.xlsx');
