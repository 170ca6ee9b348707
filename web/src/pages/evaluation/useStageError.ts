import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import { useCampaignError } from '../campaigns/useCampaignError';
import { STAGE_FIELD_OF } from './stage-model';

/**
 * Errors of the evaluation pages: as the campaign pages report them (a version conflict names who changed
 * what and offers a reload; refusals list their reasons), with the server's field names mapped onto the
 * stage form's (`opensAt` → the window, `weight` → the percentage).
 */
export function useStageError() {
  const onError = useCampaignError();
  return (
    error: unknown,
    opts: {
      form?: FormInstance;
      roots?: readonly string[];
      reload?: readonly (readonly unknown[])[];
      onConflict?: () => void;
    } = {},
  ) => {
    if (error instanceof ApiError && error.details.length) {
      const details = error.details.map((d) => {
        const [head, ...rest] = d.field.replace(/^body\./, '').split('.');
        const mapped = STAGE_FIELD_OF[head ?? ''];
        return mapped ? { ...d, field: [mapped, ...rest].join('.') } : d;
      });
      error = new ApiError(error.status, error.code, error.message, details, error.requestId, error.extra);
    }
    onError(error, opts);
  };
}
