import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createReviewer,
  patchReviewer,
  Reviewer,
  ReviewerImportResult,
} from '../../../shared/src/contracts/reviewers';
import { api, download, uploadFile } from './client';
import type { Page } from './organizations';

export const REVIEWERS = ['reviewers'] as const;

export interface ReviewerFilters {
  q?: string;
  tag?: string;
  available?: 'true' | 'false';
  page?: number;
  pageSize?: number;
  sort?: string;
}

export type CreateReviewerBody = z.input<typeof createReviewer>;
export type PatchReviewerBody = z.input<typeof patchReviewer>;
export interface CreatedReviewer {
  reviewer: Reviewer;
  oneTimePassword: string;
}

export function useReviewers(f: ReviewerFilters, enabled = true) {
  return useQuery({
    queryKey: [...REVIEWERS, 'list', f],
    queryFn: ({ signal }) => api.get<Page<Reviewer>>('/api/reviewers', { ...f }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const createReviewerReq = (body: CreateReviewerBody) =>
  api.post<CreatedReviewer>('/api/reviewers', body);
export const patchReviewerReq = (id: string, body: PatchReviewerBody) =>
  api.patch<Reviewer>(`/api/reviewers/${id}`, body);

export const downloadReviewerTemplate = (fallbackName: string) =>
  download('/api/reviewers/import/template', undefined, fallbackName);
export const uploadReviewers = (file: File, dryRun: boolean, onProgress: (p: number) => void) =>
  uploadFile<ReviewerImportResult>('/api/reviewers/import', { dryRun }, 'file', file, onProgress);
