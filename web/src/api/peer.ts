import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { mySheets, PeerSheet, SavePeerSheetBody } from '../../../shared/src/contracts/peer';
import { api } from './client';

export type MyPeerSheets = z.infer<typeof mySheets>;

/** A rater's peer sheets (互比互评, docs/EVALUATION.md): its organisation's sheet in each peer stage. */
export const PEER = ['peer'] as const;

export function useMyPeerSheets(enabled = true) {
  return useQuery({
    queryKey: [...PEER, 'mine'],
    queryFn: ({ signal }) => api.get<MyPeerSheets>('/api/peer/sheets/mine', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

export const savePeerSheetReq = (id: string, body: SavePeerSheetBody) =>
  api.put<PeerSheet>(`/api/peer/sheets/${id}`, body);
export const submitPeerSheetReq = (id: string, version: number) =>
  api.post<PeerSheet>(`/api/peer/sheets/${id}/submit`, { version });
