import { useState } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { useApiError } from '../app/useApiError';
import { importOutcome, type ImportOutcome } from '../lib/import';

export type ImportPhase = 'choose' | 'checking' | 'checked' | 'importing' | 'done';

type Upload<R> = (file: File, dryRun: boolean, onProgress: (p: number) => void) => Promise<R>;

/**
 * The flow the import screens share (organisations, reviewers): a chosen file is checked at once (a dry
 * run, with upload progress), then imported on confirmation. A check answers the dry run's result
 * (`checked`) or, on a 422 `IMPORT_INVALID`, the rows' problems (`invalid`); the import answers its result
 * (`done`) and refreshes `queryKey`. Any other error is shown as usual and the flow steps back.
 */
export function useImportRun<R>(upload: Upload<R>, queryKey: QueryKey) {
  const onError = useApiError();
  const qc = useQueryClient();
  const [phase, setPhase] = useState<ImportPhase>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [checked, setChecked] = useState<R | null>(null);
  const [invalid, setInvalid] = useState<ImportOutcome | null>(null);
  const [done, setDone] = useState<R | null>(null);

  const run = async (dryRun: boolean, f: File) => {
    setProgress(0);
    setPhase(dryRun ? 'checking' : 'importing');
    try {
      const r = await upload(f, dryRun, setProgress);
      if (dryRun) {
        setChecked(r);
        setInvalid(null);
        setPhase('checked');
      } else {
        setDone(r);
        setPhase('done');
        await qc.invalidateQueries({ queryKey });
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IMPORT_INVALID') {
        setChecked(null);
        setInvalid(importOutcome(null, e));
        setPhase('checked');
        return;
      }
      onError(e);
      setPhase(dryRun ? 'choose' : 'checked');
    }
  };

  return {
    phase,
    file,
    progress,
    checked,
    invalid,
    done,
    /** Checks a chosen file (a dry run). */
    check: (f: File) => {
      setFile(f);
      setChecked(null);
      setInvalid(null);
      void run(true, f);
    },
    /** Imports the checked file. */
    confirm: () => (file ? run(false, file) : Promise.resolve()),
    /** Back to choosing a file. */
    reset: () => {
      setPhase('choose');
      setFile(null);
      setChecked(null);
      setInvalid(null);
      setDone(null);
    },
  };
}
