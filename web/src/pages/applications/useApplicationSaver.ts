import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ApplicationDetail, NarrativeField } from '../../../../shared/src/contracts/applications';
import { APPLICATIONS, patchApplicationReq, selfAssessReq } from '../../api/applications';
import { ApiError } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { conflictInfo, type ConflictInfo } from '../../lib/applications';
import { formatDateTime } from '../../lib/format';

/** Autosave waits this long after the last keystroke. */
export const AUTOSAVE_MS = 1200;

export interface ScoreEntry {
  score: number | null;
  note: string | null;
}

export interface SaverState {
  saving: boolean;
  /** When the last save of this page succeeded (ISO). */
  savedAt: string | null;
  /** Someone else saved a newer version: autosave stops until the page reloads. */
  conflict: ConflictInfo | null;
  /** Criteria whose typed self-score breaks its rule: not saved until corrected. */
  invalidScores: string[];
}

/**
 * Autosave of one application: narrative fields (PATCH) and self-assessment (PUT), debounced and run one
 * after the other with the version this page last saw. A VERSION_CONFLICT stops saving and is shown with
 * who and when; nothing is overwritten until the user reloads.
 */
export function useApplicationSaver(id: string) {
  const qc = useQueryClient();
  const onError = useApiError();
  const version = useRef<number | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const narrative = useRef<Partial<Record<NarrativeField, string | null>>>({});
  const scores = useRef(new Map<string, ScoreEntry>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const conflicted = useRef(false);
  const [state, setState] = useState<SaverState>({
    saving: false,
    savedAt: null,
    conflict: null,
    invalidScores: [],
  });
  const key = [...APPLICATIONS, 'detail', id];

  /** Takes the version of a freshly loaded record (first load, reload, after a workflow step). */
  const adopt = useCallback((d: ApplicationDetail) => {
    version.current = d.version;
    conflicted.current = false;
    narrative.current = {};
    scores.current.clear();
    setState((s) => (s.conflict ? { ...s, conflict: null } : s));
  }, []);

  const saved = (d: ApplicationDetail) => {
    version.current = d.version;
    qc.setQueryData(key, d);
    setState((s) => ({ ...s, savedAt: new Date().toISOString() }));
  };

  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
      conflicted.current = true;
      setState((s) => ({ ...s, conflict: conflictInfo(e.extra, formatDateTime) }));
      return;
    }
    onError(e);
  };

  const saveNow = async () => {
    if (conflicted.current || version.current === null) return;
    const fields = narrative.current;
    const items = [...scores.current].map(([criterionId, v]) => ({ criterionId, ...v }));
    narrative.current = {};
    scores.current.clear();
    if (!Object.keys(fields).length && !items.length) return;
    setState((s) => ({ ...s, saving: true }));
    try {
      if (Object.keys(fields).length)
        saved(await patchApplicationReq(id, { version: version.current, ...fields }));
      if (items.length && !conflicted.current)
        saved(await selfAssessReq(id, { version: version.current, items }));
    } catch (e) {
      failed(e);
    } finally {
      setState((s) => ({ ...s, saving: false }));
    }
  };

  /** Saves whatever is pending now; resolves when every earlier save has finished too. */
  const flush = (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    chain.current = chain.current.then(saveNow);
    return chain.current;
  };

  const schedule = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  const setField = (field: NarrativeField, value: string | null) => {
    narrative.current[field] = value;
    schedule();
  };
  const setScore = (criterionId: string, entry: ScoreEntry) => {
    markScore(criterionId, true);
    scores.current.set(criterionId, entry);
    schedule();
  };
  /** A typed score that breaks its rule: nothing is saved for it, and the page says so. */
  const markScore = (criterionId: string, valid: boolean) =>
    setState((s) => {
      const listed = s.invalidScores.includes(criterionId);
      if (valid === !listed) return s;
      const invalidScores = valid
        ? s.invalidScores.filter((x) => x !== criterionId)
        : [...s.invalidScores, criterionId];
      return { ...s, invalidScores };
    });
  const rejectScore = (criterionId: string) => {
    scores.current.delete(criterionId);
    markScore(criterionId, false);
  };

  // Leaving the page saves what is pending.
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  useEffect(() => () => void flushRef.current(), []);

  return {
    state,
    adopt,
    flush,
    setField,
    setScore,
    rejectScore,
    version: () => version.current,
    hasConflict: () => conflicted.current,
  };
}
export type ApplicationSaver = ReturnType<typeof useApplicationSaver>;
