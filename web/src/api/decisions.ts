import { useQuery } from '@tanstack/react-query';
import type {
  ApplicationResult,
  DecisionDetail,
  PatchDecisionLine,
  VotesBody,
} from '../../../shared/src/contracts/decisions';
import type { Ranking } from '../../../shared/src/contracts/results';
import { api } from './client';

/** Every decision query starts with this key. */
export const DECISIONS = ['decisions'] as const;

/** The campaign's decision; 404 (an ApiError) while none has been drafted. */
export function useCampaignDecision(campaignId: string | null | undefined) {
  return useQuery({
    queryKey: [...DECISIONS, 'campaign', campaignId],
    queryFn: ({ signal }) =>
      api.get<DecisionDetail>(`/api/campaigns/${campaignId}/decision`, undefined, signal),
    enabled: !!campaignId,
    retry: false,
  });
}

export const createDecisionReq = (campaignId: string) =>
  api.post<DecisionDetail>(`/api/campaigns/${campaignId}/decision`, {});
export const patchDecisionLineReq = (id: string, applicationId: string, body: PatchDecisionLine) =>
  api.patch<DecisionDetail>(`/api/decisions/${id}/lines/${applicationId}`, body);
export const acceptProposalReq = (d: DecisionDetail, votes?: VotesBody) =>
  api.post<DecisionDetail>(`/api/decisions/${d.id}/accept-proposal`, { version: d.version, votes });
export const confirmDecisionReq = (d: DecisionDetail) =>
  api.post<DecisionDetail>(`/api/decisions/${d.id}/confirm`, { version: d.version });
export const releaseDecisionReq = (d: DecisionDetail) =>
  api.post<DecisionDetail>(`/api/decisions/${d.id}/release`, { version: d.version });

/** The ranking of one track × kind (top `limit`), raw or standardised, with the rows a switch would change. */
export function useRanking(
  campaignId: string,
  q: { track: string; kind: string | null; mode: 'raw' | 'standardised' },
) {
  return useQuery({
    queryKey: [...DECISIONS, 'ranking', campaignId, q.track, q.kind, q.mode],
    queryFn: ({ signal }) =>
      api.get<Ranking>(
        `/api/campaigns/${campaignId}/ranking`,
        { track: q.track, kind: q.kind ?? undefined, mode: q.mode, limit: 50 },
        signal,
      ),
  });
}

/**
 * One application's own stage scores and outcome (`GET /api/applications/:id/results`); 404 (an ApiError)
 * for the applicant and its unit until the committee releases the results.
 */
export function useApplicationResults(applicationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...DECISIONS, 'application-results', applicationId],
    queryFn: ({ signal }) =>
      api.get<ApplicationResult>(`/api/applications/${applicationId}/results`, undefined, signal),
    enabled,
    retry: false,
  });
}
