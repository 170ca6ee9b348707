import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReviewSheet, SaveReview } from '../../../../shared/src/contracts/reviews';
import { REVIEWS, saveReviewReq } from '../../api/reviews';
import { ApiError } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import type { SheetDraft } from '../../lib/reviews';

export const AUTOSAVE_MS = 1200;

export interface ReviewSaverState {
  saving: boolean;
  savedAt: string | null;
  /** The sheet was saved elsewhere (another device): saving stops until a reload. */
  conflict: boolean;
}

/** The body of a save: every entry of the sheet as it stands (the server keeps what it is sent). */
export function saveBody(sheet: ReviewSheet, d: SheetDraft, version: number): SaveReview {
  const body: SaveReview = { version, comment: d.comment.trim() ? d.comment : null };
  if (sheet.stage.method === 'gate') {
    body.vetoes = Object.fromEntries(
      Object.entries(d.vetoes).filter((e): e is [string, boolean] => e[1] !== undefined),
    );
  } else if (sheet.stage.rubric === 'overall') {
    body.overall = d.overall;
  } else {
    body.scores = Object.fromEntries(
      sheet.criteria.map((c) => [
        c.id,
        { points: d.points[c.id] ?? null, comment: d.comments[c.id]?.trim() ? d.comments[c.id] : null },
      ]),
    );
  }
  return body;
}

/**
 * Autosave of one review sheet: debounced, one save at a time, with the version this page last saw. A
 * VERSION_CONFLICT stops saving (shown as a banner with a reload); nothing is overwritten.
 */
export function useReviewSaver(id: string) {
  const qc = useQueryClient();
  const onError = useApiError();
  const version = useRef<number | null>(null);
  const pending = useRef<(() => SaveReview) | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const [state, setState] = useState<ReviewSaverState>({ saving: false, savedAt: null, conflict: false });

  const adopt = useCallback((s: ReviewSheet) => {
    version.current = s.review.version;
    setState((x) => (x.conflict ? { ...x, conflict: false } : x));
  }, []);

  const saveNow = useCallback(async () => {
    const make = pending.current;
    pending.current = null;
    if (!make || version.current === null) return;
    setState((x) => ({ ...x, saving: true }));
    try {
      const next = await saveReviewReq(id, make());
      version.current = next.review.version;
      qc.setQueryData([...REVIEWS, 'sheet', id], next);
      setState((x) => ({ ...x, saving: false, savedAt: new Date().toISOString() }));
    } catch (e) {
      setState((x) => ({ ...x, saving: false }));
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        version.current = null;
        setState((x) => ({ ...x, conflict: true }));
      } else onError(e);
    }
  }, [id, qc, onError]);

  /** Queues a save of the sheet built by `make` (called with the version at save time). */
  const schedule = useCallback(
    (build: (version: number) => SaveReview) => {
      pending.current = () => build(version.current ?? 0);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        chain.current = chain.current.then(saveNow);
      }, AUTOSAVE_MS);
    },
    [saveNow],
  );

  /** Saves what is queued now and waits for it (before locking). Resolves with the current version. */
  const flush = useCallback(async (): Promise<number | null> => {
    if (timer.current) clearTimeout(timer.current);
    chain.current = chain.current.then(saveNow);
    await chain.current;
    return version.current;
  }, [saveNow]);

  return { state, adopt, schedule, flush };
}
export type ReviewSaver = ReturnType<typeof useReviewSaver>;
