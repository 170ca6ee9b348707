import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createStage, patchStage, StageDetail, StageList } from '../../../shared/src/contracts/stages';
import type { StageTemplate } from '../../../shared/src/domain/stages';
import type { StageRemindAnswer } from '../../../shared/src/contracts/results';
import { api } from './client';

/** Every stage query starts with this key (a campaign's list and one stage alike). */
export const STAGES = ['stages'] as const;

export type CreateStageBody = z.input<typeof createStage>;
export type PatchStageBody = z.input<typeof patchStage>;

export function useStages(campaignId: string | null | undefined) {
  return useQuery({
    queryKey: [...STAGES, 'campaign', campaignId],
    queryFn: ({ signal }) => api.get<StageList>(`/api/campaigns/${campaignId}/stages`, undefined, signal),
    enabled: !!campaignId,
  });
}

/** One stage of a campaign, read from the campaign's list (which answers every setting). */
export function useStage(campaignId: string | null | undefined, id: string | null | undefined) {
  const list = useStages(campaignId);
  return { ...list, data: list.data?.items.find((s) => s.id === id) };
}

export const createStageReq = (campaignId: string, body: CreateStageBody) =>
  api.post<StageDetail>(`/api/campaigns/${campaignId}/stages`, body);
export const patchStageReq = (id: string, body: PatchStageBody) =>
  api.patch<StageDetail>(`/api/stages/${id}`, body);
export const deleteStageReq = (id: string) => api.delete<void>(`/api/stages/${id}`);
export const reorderStagesReq = (campaignId: string, ids: string[]) =>
  api.post<StageList>(`/api/campaigns/${campaignId}/stages/order`, { ids });
export const applyTemplateReq = (campaignId: string, template: StageTemplate) =>
  api.post<StageList>(`/api/campaigns/${campaignId}/stages/template`, { template });

/** 催办: reminds every expert of the open stage with reviews not locked (one inbox notice each). */
export const remindStageReq = (id: string) => api.post<StageRemindAnswer>(`/api/stages/${id}/remind`, {});

export type StageMove = 'open' | 'close' | 'reopen';
export const moveStageReq = (s: StageDetail, move: StageMove, reason?: string) =>
  api.post<StageDetail>(
    `/api/stages/${s.id}/${move}`,
    move === 'open' ? { version: s.version } : { reason, version: s.version },
  );
