import { useQuery } from '@tanstack/react-query';
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
