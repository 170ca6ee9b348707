import { App, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { conflictOf, splitPathProblems } from '../../lib/campaigns';
import { formatDateTime } from '../../lib/format';

interface Options {
  /** The form that shows field errors, and the top-level names it owns (`timeline`, `criteria`, …). */
  form?: FormInstance;
  roots?: readonly string[];
  /** Query keys to reload when the user accepts the reload after a version conflict. */
  reload?: readonly (readonly unknown[])[];
  onConflict?: () => void;
}

/**
 * Errors of the committee's pages: a version conflict says who changed the record and when and offers a
 * reload (never overwrites); a refused step lists the server's reasons; field errors go on nested fields
 * (`timeline.reviewStartsAt`, `criteria.3.maxPoints`); everything else as `useApiError` does.
 */
export function useCampaignError() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fallback = useApiError();

  return (error: unknown, opts: Options = {}): void => {
    if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
      const { by, at } = conflictOf(error.extra);
      modal.warning({
        title: t('conflict.title'),
        content: t('conflict.byAt', { by: by ?? t('conflict.someone'), at: formatDateTime(at) }),
        okText: t('conflict.reload'),
        onOk: async () => {
          for (const key of opts.reload ?? []) await qc.invalidateQueries({ queryKey: [...key] });
          opts.onConflict?.();
        },
      });
      return;
    }
    // A refused step, or a refused batch (each refused item named in a line of its own).
    if (
      error instanceof ApiError &&
      (error.code === 'TRANSITION_REFUSED' || error.code === 'BATCH_REFUSED')
    ) {
      modal.error({
        title: error.message || t('errors.refused'),
        content: (
          <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="refusal-reasons">
            {error.details.map((d, i) => (
              <li key={i}>
                <Typography.Text>{d.message}</Typography.Text>
              </li>
            ))}
          </ul>
        ),
      });
      return;
    }
    if (error instanceof ApiError && opts.form && error.details.length) {
      const split = splitPathProblems(error.details, opts.roots ?? []);
      if (split.fields.length) {
        opts.form.setFields(split.fields);
        if (!split.rest.length) return;
        fallback(
          new ApiError(error.status, error.code, error.message, split.rest, error.requestId, error.extra),
        );
        return;
      }
    }
    fallback(error, { reload: opts.reload, onConflict: opts.onConflict });
  };
}
