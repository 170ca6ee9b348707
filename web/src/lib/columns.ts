/**
 * Column settings of a list (issue #7 §4): which columns a user hid and the widths they dragged, kept
 * per user and list in the browser's storage. Pure: the page applies the preference to its columns.
 */
export interface ColumnPref {
  /** Keys of the columns the user hid. */
  hidden: string[];
  /** Keys of the columns hidden by default that the user chose to show. */
  shown: string[];
  /** Widths the user chose, by column key (px). */
  widths: Record<string, number>;
}

export const EMPTY_PREF: ColumnPref = Object.freeze({ hidden: [], shown: [], widths: {} }) as ColumnPref;
export const MIN_WIDTH = 60;
export const MAX_WIDTH = 640;

const clampWidth = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

/** The storage key of a user's settings for a list. */
export function prefKey(userId: string, listId: string): string {
  return `shifan.columns.${userId}.${listId}`;
}

/** A stored preference read back; anything malformed counts as none. */
export function parsePref(raw: string | null): ColumnPref {
  if (!raw) return EMPTY_PREF;
  try {
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== 'object') return EMPTY_PREF;
    const o = v as { hidden?: unknown; widths?: unknown };
    const keys = (x: unknown) => [
      ...new Set(Array.isArray(x) ? x.filter((k): k is string => typeof k === 'string') : []),
    ];
    const o2 = v as { shown?: unknown };
    const widths: Record<string, number> = {};
    if (o.widths && typeof o.widths === 'object') {
      for (const [k, w] of Object.entries(o.widths as Record<string, unknown>)) {
        if (typeof w === 'number' && Number.isFinite(w)) widths[k] = clampWidth(w);
      }
    }
    return { hidden: keys(o.hidden), shown: keys(o2.shown), widths };
  } catch {
    return EMPTY_PREF;
  }
}

/** A column as the settings see it: antd's key, and whether it may be hidden. */
export interface SettingsColumn {
  key?: unknown;
  width?: number | string;
  /** Always shown (the column that names the row, the row's actions). */
  locked?: boolean;
  /** Left out until the user shows it (a column of interest to some offices only). */
  defaultHidden?: boolean;
}

const keyOf = (c: SettingsColumn): string | undefined =>
  typeof c.key === 'string' || typeof c.key === 'number' ? String(c.key) : undefined;

/** Whether a column is hidden under the preference (a locked one never is). */
export function isHidden(c: SettingsColumn, pref: ColumnPref): boolean {
  const k = keyOf(c);
  if (c.locked || k === undefined) return false;
  return pref.hidden.includes(k) || (!!c.defaultHidden && !pref.shown.includes(k));
}

/**
 * The columns with the preference applied: hidden ones left out (never a locked one, never all of
 * them), chosen widths in place of the page's. Keys the page no longer has are ignored.
 */
export function applyPref<C extends SettingsColumn>(columns: readonly C[], pref: ColumnPref): C[] {
  const shown = columns.filter((c) => !isHidden(c, pref));
  const out = shown.length ? shown : [...columns];
  return out.map((c) => {
    const k = keyOf(c);
    const w = k === undefined ? undefined : pref.widths[k];
    return w === undefined || typeof c.width !== 'number' ? c : { ...c, width: w };
  });
}

/** Shows or hides one column. */
export function setHidden(pref: ColumnPref, key: string, hide: boolean): ColumnPref {
  const hidden = pref.hidden.filter((k) => k !== key);
  const shown = pref.shown.filter((k) => k !== key);
  return hide ? { ...pref, hidden: [...hidden, key], shown } : { ...pref, hidden, shown: [...shown, key] };
}

/** Keeps the width a user dragged a column to (within MIN_WIDTH…MAX_WIDTH). */
export function setWidth(pref: ColumnPref, key: string, width: number): ColumnPref {
  return { ...pref, widths: { ...pref.widths, [key]: clampWidth(width) } };
}

/** Whether the preference changes nothing (the reset button is then off). */
export function isDefault(pref: ColumnPref): boolean {
  return pref.hidden.length === 0 && pref.shown.length === 0 && Object.keys(pref.widths).length === 0;
}
