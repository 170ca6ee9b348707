import type { EvidenceFile } from '../../../shared/src/contracts/evidence';
import { announce, api, ApiError, CLIENT_CODES, requestHeaders, toApiError } from './client';

export const evidenceUrl = (id: string) => `/api/evidence/${id}`;
export const thumbnailUrl = (id: string) => `/api/evidence/${id}/thumbnail`;

export const deleteEvidenceReq = (id: string) => api.delete<{ ok: true }>(`/api/evidence/${id}`);

/**
 * Uploads one evidence file for a criterion (multipart `criterionId` + `file`) through XMLHttpRequest,
 * for its progress events. Rejects with ApiError like the other requests; `abort` cancels.
 */
export function uploadEvidence(
  applicationId: string,
  criterionId: string | null,
  file: File,
  onProgress: (percent: number) => void,
): { promise: Promise<EvidenceFile>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<EvidenceFile>((resolve, reject) => {
    xhr.open('POST', `/api/applications/${applicationId}/evidence`);
    for (const [k, v] of Object.entries(requestHeaders('POST', false))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, CLIENT_CODES.network, ''));
    xhr.onabort = () => reject(new ApiError(0, CLIENT_CODES.network, ''));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as EvidenceFile);
        return;
      }
      const err = toApiError(xhr.status, body);
      announce(err);
      reject(err);
    };
    const form = new FormData();
    if (criterionId) form.append('criterionId', criterionId);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
