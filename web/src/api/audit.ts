import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEvent, AUDIT_OUTCOMES } from '../../../shared/src/contracts/audit';
import { api, download } from './client';
import type { Page } from './organizations';

export interface AuditFilters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: (typeof AUDIT_OUTCOMES)[number];
  page?: number;
  pageSize?: number;
  sort?: string;
}

export function useAuditEvents(f: AuditFilters) {
  return useQuery({
    queryKey: ['audit', 'list', f],
    queryFn: ({ signal }) => api.get<Page<AuditEvent>>('/api/audit-events', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The export takes the filters only (no paging or sort: it is newest first). */
export const exportAudit = (f: AuditFilters, fallbackName: string) =>
  download(
    '/api/audit-events/export.xlsx',
    { ...f, page: undefined, pageSize: undefined, sort: undefined },
    fallbackName,
  );
