import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createOrganization,
  ImportResult,
  Organization,
  patchOrganization,
} from '../../../shared/src/contracts/organizations';
import type { OrgKind } from '../../../shared/src/enums';
import type { Venue } from '../../../shared/src/contracts/venues';
import { api, download, uploadFile } from './client';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface OrgFilters {
  q?: string;
  kind?: OrgKind;
  parentId?: string;
  unitId?: string;
  roots?: 'true';
  active?: 'true' | 'false' | 'all';
  page?: number;
  pageSize?: number;
  sort?: string;
}

export const ORGS = ['organizations'] as const;
/** Children lists of the tree are capped: beyond this the user searches. */
export const TREE_PAGE = 200;

export const listOrganizations = (f: OrgFilters, signal?: AbortSignal) =>
  api.get<Page<Organization>>('/api/organizations', { ...f }, signal);

export function useOrganizations(f: OrgFilters, enabled = true) {
  return useQuery({
    queryKey: [...ORGS, 'list', f],
    queryFn: ({ signal }) => listOrganizations(f, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const getOrganization = (id: string) => api.get<Organization>(`/api/organizations/${id}`);

export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: [...ORGS, 'detail', id],
    queryFn: () => getOrganization(id!),
    enabled: !!id,
  });
}

/** The chain from the top of the user's visible tree down to the organisation itself. */
export async function getAncestors(id: string): Promise<Organization[]> {
  const r = await api.get<{ items: Organization[] }>(`/api/organizations/${id}/ancestors`);
  return r.items;
}

export function useAncestors(id: string | null | undefined) {
  return useQuery({ queryKey: [...ORGS, 'ancestors', id], queryFn: () => getAncestors(id!), enabled: !!id });
}

export function useOrgVenues(orgId: string | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['venues', 'list', { organizationId: orgId, active: 'all', pageSize: 100 }],
    queryFn: () =>
      api.get<Page<Venue>>('/api/venues', { organizationId: orgId, active: 'all', pageSize: 100 }),
    enabled: enabled && !!orgId,
  });
}

export type CreateOrganization = z.input<typeof createOrganization>;
export type PatchOrganization = z.input<typeof patchOrganization>;

export const createOrg = (body: CreateOrganization) => api.post<Organization>('/api/organizations', body);
export const patchOrg = (id: string, body: PatchOrganization) =>
  api.patch<Organization>(`/api/organizations/${id}`, body);
export const moveOrg = (id: string, parentId: string, version: number) =>
  api.post<Organization>(`/api/organizations/${id}/move`, { parentId, version });
export const setOrgActive = (id: string, active: boolean, version: number) =>
  api.post<Organization>(`/api/organizations/${id}/${active ? 'activate' : 'deactivate'}`, { version });

/** `purpose`: why the file is exported, required where it shows phone numbers unmasked (PI-02). */
export const exportOrganizations = (f: OrgFilters & { purpose?: string }, fallbackName: string) =>
  download('/api/organizations/export.xlsx', { ...f, page: undefined, pageSize: undefined }, fallbackName);

export const downloadImportTemplate = (fallbackName: string) =>
  download('/api/organizations/import/template', undefined, fallbackName);

export const uploadImport = (file: File, dryRun: boolean, onProgress: (p: number) => void) =>
  uploadFile<ImportResult>('/api/organizations/import', { dryRun }, 'file', file, onProgress);
