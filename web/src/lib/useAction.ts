import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useApiError } from '../app/useApiError';

export interface ActionOptions<V, R> {
  /** The success message (already translated), or one built from the answer; none when left out. */
  success?: string | ((result: R, vars: V) => string);
  /** Query keys to reload after success (the list's and the record's). */
  invalidate?: readonly QueryKey[];
  /** The form whose fields show the server's field errors, and its field names. */
  form?: FormInstance;
  fields?: readonly string[];
  /** Query keys to reload after a version conflict, and what to do then (close the stale form). */
  reload?: readonly QueryKey[];
  onConflict?: () => void;
  /** After success (and after the message): close a modal, navigate. */
  onSuccess?: (result: R, vars: V) => void;
}

/**
 * One mutation of a page (issue #7 §4): runs `fn` through react-query's `useMutation`, says `busy` while
 * it runs and the list's queries reload, then shows the success message, and reports a failure the one way
 * pages do (`useApiError`: field errors on the form, a version conflict as a warning and a reload, the
 * rest as a notification in the UI language). `run` never throws.
 */
export function useAction<V = void, R = unknown>(
  fn: (vars: V) => Promise<R>,
  opts: ActionOptions<V, R> = {},
) {
  const { message } = App.useApp();
  const report = useApiError();
  const qc = useQueryClient();
  const m = useMutation<R, unknown, V>({
    mutationFn: fn,
    // Busy until the lists shown are reloaded, so the form closes onto fresh rows.
    onSuccess: async (result, vars) => {
      await Promise.all((opts.invalidate ?? []).map((key) => qc.invalidateQueries({ queryKey: [...key] })));
      const text = typeof opts.success === 'function' ? opts.success(result, vars) : opts.success;
      if (text) void message.success(text);
      opts.onSuccess?.(result, vars);
    },
    onError: (error) =>
      report(error, {
        form: opts.form,
        fields: opts.fields,
        reload: opts.reload,
        onConflict: opts.onConflict,
      }),
  });
  return {
    /** Starts the action; failures are reported, never thrown. */
    run: (vars: V) => m.mutate(vars),
    busy: m.isPending,
    /** What the running call was given (to show which row is busy); undefined when idle. */
    running: m.isPending ? m.variables : undefined,
  };
}
