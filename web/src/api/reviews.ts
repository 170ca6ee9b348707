import { useQuery } from '@tanstack/react-query';
import type {
  LockReview,
  ReviewPhoto,
  ReviewSheet,
  ReopenReview,
  SaveReview,
} from '../../../shared/src/contracts/reviews';
import type { z } from 'zod';
import type { myAssignmentList } from '../../../shared/src/contracts/assignments';
import { api, uploadFile } from './client';

export type MyAssignmentList = z.infer<typeof myAssignmentList>;
export type MyAssignment = MyAssignmentList['items'][number];

/** A reviewer's scoring: the sheet of one assignment, drafts, lock, on-site photos (docs/EVALUATION.md). */
export const REVIEWS = ['reviews'] as const;

export function useReviewSheet(id: string) {
  return useQuery({
    queryKey: [...REVIEWS, 'sheet', id],
    queryFn: ({ signal }) => api.get<ReviewSheet>(`/api/reviews/${id}`, undefined, signal),
  });
}

export const saveReviewReq = (id: string, body: SaveReview) =>
  api.put<ReviewSheet>(`/api/reviews/${id}`, body);
export const lockReviewReq = (id: string, body: LockReview) =>
  api.post<ReviewSheet>(`/api/reviews/${id}/lock`, body);
export const reopenReviewReq = (id: string, body: ReopenReview) =>
  api.post<ReviewSheet>(`/api/reviews/${id}/reopen`, body);

export const reviewPhotoUrl = (reviewId: string, photoId: string) =>
  `/api/reviews/${reviewId}/photos/${photoId}`;
export const reviewPhotoThumbUrl = (reviewId: string, photoId: string) =>
  `${reviewPhotoUrl(reviewId, photoId)}/thumbnail`;

/** Where and when the photo was taken: the device's position when it gives one (never required). */
export interface PhotoStamp {
  takenAt: string;
  latitude?: number;
  longitude?: number;
}

export function uploadReviewPhoto(
  reviewId: string,
  criterionId: string | null,
  file: File,
  stamp: PhotoStamp,
  onProgress: (percent: number) => void,
): Promise<ReviewPhoto> {
  const fields: Record<string, string> = { takenAt: stamp.takenAt };
  if (criterionId) fields.criterionId = criterionId;
  if (stamp.latitude !== undefined && stamp.longitude !== undefined) {
    fields.latitude = String(stamp.latitude);
    fields.longitude = String(stamp.longitude);
  }
  return uploadFile<ReviewPhoto>(
    `/api/reviews/${reviewId}/photos`,
    undefined,
    'file',
    file,
    onProgress,
    fields,
  );
}

export function useMyAssignments() {
  return useQuery({
    queryKey: [...REVIEWS, 'mine'],
    queryFn: ({ signal }) => api.get<MyAssignmentList>('/api/me/assignments', undefined, signal),
  });
}
