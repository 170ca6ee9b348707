import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, authProblemOf, CLIENT_CODES } from '../api/client';
import { conflictInfo } from '../lib/applications';
import { formatDateTime } from '../lib/format';
import { splitFieldProblems } from '../lib/form-errors';

interface Options {
  /** The form whose fields show field errors. */
  form?: FormInstance;
  /** Field names of that form (server errors on other fields go to the notification). */
  fields?: readonly string[];
  /** Query keys to reload after a version conflict. */
  reload?: readonly (readonly unknown[])[];
  /** Called after a version conflict (e.g. to close the stale form). */
  onConflict?: () => void;
}

/**
 * The one way pages report a failed request: field errors on the form, a version conflict as a warning
 * (naming who changed the record and when, if the server says) and a reload, the rest as a notification
 * with the server's message (already in the UI language).
 */
export function useApiError() {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const qc = useQueryClient();

  return (error: unknown, opts: Options = {}): void => {
    if (!(error instanceof ApiError)) {
      notification.error({ title: t('errors.title'), description: t('errors.unknown') });
      return;
    }
    if (authProblemOf(error)) return; // the app redirects
    if (error.code === 'VERSION_CONFLICT') {
      const { name, at } = conflictInfo(error.extra, formatDateTime);
      notification.warning({
        title: t('errors.conflictTitle'),
        description: name && at ? t('errors.conflictByAt', { name, at }) : t('errors.conflict'),
      });
      for (const key of opts.reload ?? []) void qc.invalidateQueries({ queryKey: [...key] });
      opts.onConflict?.();
      return;
    }
    let rest = error.details;
    if (opts.form && error.details.length) {
      const split = splitFieldProblems(error.details, opts.fields ?? []);
      opts.form.setFields(split.fields);
      rest = split.rest;
      if (split.fields.length && !rest.length) return;
    }
    const description =
      error.code === CLIENT_CODES.network ? t('errors.network') : error.message || t('errors.unknown');
    notification.error({
      title: t('errors.title'),
      description: rest.length
        ? t('errors.withDetails', {
            message: description,
            details: rest.map((d) => d.message).join(t('common.listSeparator')),
          })
        : description,
    });
  };
}
