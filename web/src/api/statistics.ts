import { useQuery } from '@tanstack/react-query';
import type { CampaignStatistics } from '../../../shared/src/contracts/campaign-statistics';
import type { StageStatistics } from '../../../shared/src/contracts/results';
import { api } from './client';
import { STAGE_WORK } from './assignments';

/** A stage's statistics (distribution, ICC, leniency, spread flags); refreshed with the stage's work. */
export function useStageStatistics(stageId: string | null | undefined) {
  return useQuery({
    queryKey: [...STAGE_WORK, 'statistics', stageId],
    queryFn: ({ signal }) => api.get<StageStatistics>(`/api/stages/${stageId}/statistics`, undefined, signal),
    enabled: !!stageId,
  });
}

/** A campaign's statistics for its charts (funnel, units, quotas, years). */
export function useCampaignStatistics(campaignId: string | null | undefined) {
  return useQuery({
    queryKey: ['campaigns', 'statistics', campaignId],
    queryFn: ({ signal }) =>
      api.get<CampaignStatistics>(`/api/campaigns/${campaignId}/statistics`, undefined, signal),
    enabled: !!campaignId,
  });
}
