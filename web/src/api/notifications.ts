import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Notification } from '../../../shared/src/contracts/notifications';
import { api } from './client';
import type { Page } from './organizations';

export const NOTIFICATIONS = ['notifications'] as const;
/** The bell asks for the unread count this often. */
export const UNREAD_POLL_MS = 60_000;

export interface NotificationFilters {
  unread?: 'true' | 'false';
  page?: number;
  pageSize?: number;
}

export function useNotifications(f: NotificationFilters, enabled = true) {
  return useQuery({
    queryKey: [...NOTIFICATIONS, 'list', f],
    queryFn: ({ signal }) =>
      api.get<Page<Notification>>('/api/notifications', { ...f, sort: '-createdAt' }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS, 'unread'],
    queryFn: () => api.get<{ count: number }>('/api/notifications/unread-count'),
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

export const markReadReq = (id: string) => api.post<Notification>(`/api/notifications/${id}/read`);
export const markAllReadReq = () => api.post<{ updated: number }>('/api/notifications/read-all');
