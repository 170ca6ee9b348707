import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the URL (issue #7 §4), so a list can be bookmarked, shared and opened filtered
 * from a work desk's count. Each key says how it is written: a `string`, a `number` or a `list` (comma
 * separated). Values equal to the default are left out of the URL.
 */
export type FilterKind = 'string' | 'number' | 'list';
/** Per filter key: its kind, or its kind and the URL parameter's name when it differs (`campaignId` → `campaign`). */
export type FilterSpec<F> = { [K in keyof F]-?: FilterKind | readonly [FilterKind, string] };

function entries(spec: object): [string, FilterKind, string][] {
  return Object.entries(spec).map(([key, v]: [string, FilterKind | readonly [FilterKind, string]]) =>
    typeof v === 'string' ? [key, v, key] : [key, v[0], v[1]],
  );
}

export function readFilters<F extends object>(
  params: URLSearchParams,
  spec: FilterSpec<F>,
  defaults: Partial<F>,
): F {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, kind, param] of entries(spec)) {
    const raw = params.get(param);
    if (raw === null || raw === '') continue;
    if (kind === 'number') {
      const n = Number(raw);
      if (Number.isInteger(n) && n > 0) out[key] = n;
    } else if (kind === 'list') out[key] = raw.split(',').filter(Boolean);
    else out[key] = raw;
  }
  return out as F;
}

export function writeFilters<F extends object>(
  filters: F,
  spec: FilterSpec<F>,
  defaults: Partial<F>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, kind, param] of entries(spec)) {
    const v = (filters as Record<string, unknown>)[key];
    if (v === undefined || v === null || v === '') continue;
    const text = kind === 'list' ? (v as string[]).join(',') : String(v);
    const def = (defaults as Record<string, unknown>)[key];
    const defText =
      def === undefined ? undefined : kind === 'list' ? (def as string[]).join(',') : String(def);
    if (text !== '' && text !== defText) out[param] = text;
  }
  return out;
}

/** The filters from the URL, and a setter that writes them back (replacing the history entry). */
export function useUrlFilters<F extends object>(
  spec: FilterSpec<F>,
  defaults: Partial<F>,
): [F, (update: F | ((f: F) => F)) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- spec and defaults are constants of the page
  const filters = useMemo(() => readFilters(new URLSearchParams(key), spec, defaults), [key]);
  const set = useCallback(
    (update: F | ((f: F) => F)) =>
      setParams(
        (prev) => {
          const current = readFilters(prev, spec, defaults);
          const next = typeof update === 'function' ? (update as (f: F) => F)(current) : update;
          const kept = new URLSearchParams(prev);
          for (const [, , param] of entries(spec)) kept.delete(param);
          for (const [k, v] of Object.entries(writeFilters(next, spec, defaults))) kept.set(k, v);
          return kept;
        },
        { replace: true },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- spec and defaults are constants of the page
    [setParams],
  );
  return [filters, set];
}
