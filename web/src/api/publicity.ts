import { useQuery } from '@tanstack/react-query';
import type {
  FileObjection,
  ObjectionDetail,
  ObjectionSummary,
  PublicityDetail,
  PublicObjectionStatus,
  PublicPublicity,
  PublishBody,
} from '../../../shared/src/contracts/publicity';
import type { PublicVerification } from '../../../shared/src/contracts/titles';

export type PublicitySummary = Omit<PublicityDetail, 'items'>;
import { api } from './client';

/** Every publicity query starts with this key. */
export const PUBLICITY = ['publicity'] as const;

/** A publicity as the public reads it (no login). */
export function usePublicPublicity(id: string | undefined) {
  return useQuery({
    queryKey: [...PUBLICITY, 'public', id],
    queryFn: ({ signal }) => api.get<PublicPublicity>(`/api/public/publicity/${id}`, undefined, signal),
    enabled: !!id,
    retry: false,
  });
}

export const fileObjectionReq = (publicityId: string, body: FileObjection) =>
  api.post<{ receiptCode: string; filedAt: string }>(`/api/public/publicity/${publicityId}/objections`, body);

export const receiptReq = (code: string) =>
  api.get<PublicObjectionStatus>(`/api/public/objections/${encodeURIComponent(code)}`);

export function useCampaignPublicities(campaignId: string) {
  return useQuery({
    queryKey: [...PUBLICITY, 'campaign', campaignId],
    queryFn: ({ signal }) =>
      api.get<{ items: PublicitySummary[] }>(`/api/campaigns/${campaignId}/publicities`, undefined, signal),
  });
}

export function usePublicity(id: string | null) {
  return useQuery({
    queryKey: [...PUBLICITY, 'one', id],
    queryFn: ({ signal }) => api.get<PublicityDetail>(`/api/publicities/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useObjections(publicityId: string | null) {
  return useQuery({
    queryKey: [...PUBLICITY, 'objections', publicityId],
    queryFn: ({ signal }) =>
      api.get<{ items: ObjectionSummary[] }>(`/api/publicities/${publicityId}/objections`, undefined, signal),
    enabled: !!publicityId,
  });
}

export function useObjection(id: string | null) {
  return useQuery({
    queryKey: [...PUBLICITY, 'objection', id],
    queryFn: ({ signal }) => api.get<ObjectionDetail>(`/api/objections/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export const publishReq = (campaignId: string, body: PublishBody) =>
  api.post<PublicityDetail>(`/api/campaigns/${campaignId}/publicity`, body);
export const objectionActionReq = (
  id: string,
  action: 'accept' | 'reassign' | 'dismiss' | 'notes' | 'close',
  body: Record<string, unknown>,
) => api.post<ObjectionDetail>(`/api/objections/${id}/${action}`, body);

/** A certificate's public verification (the QR code's page). */
export function useVerification(token: string | undefined) {
  return useQuery({
    queryKey: [...PUBLICITY, 'verify', token],
    queryFn: ({ signal }) => api.get<PublicVerification>(`/api/public/verify/${token}`, undefined, signal),
    enabled: !!token,
    retry: false,
  });
}
