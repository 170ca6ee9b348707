import type { ReviewSheet } from '../../../shared/src/contracts/reviews';

type Criterion = ReviewSheet['criteria'][number];

/** Points for a criterion: 0..max in steps of 0.5 (the server checks the same). */
export function isValidPoints(points: number, max: number): boolean {
  return Number.isFinite(points) && points >= 0 && points <= max && Number.isInteger(points * 2);
}

export interface SheetDraft {
  points: Record<string, number | null>;
  comments: Record<string, string>;
  vetoes: Record<string, boolean | undefined>;
  overall: number | null;
  comment: string;
}

/** The sheet's current entries, taken from the stored review. */
export function draftOf(sheet: ReviewSheet): SheetDraft {
  const r = sheet.review;
  return {
    points: Object.fromEntries(Object.entries(r.scores).map(([id, s]) => [id, s.points])),
    comments: Object.fromEntries(Object.entries(r.scores).map(([id, s]) => [id, s.comment ?? ''])),
    vetoes: { ...r.vetoes },
    overall: sheet.stage.rubric === 'overall' ? (r.scores.overall?.points ?? null) : null,
    comment: r.comment ?? '',
  };
}

/** The parts of a sheet: a gate has only veto items; a scoring stage criteria or one overall score. */
export function sheetParts(sheet: ReviewSheet): { points: 'criteria' | 'overall' | null; vetoes: boolean } {
  if (sheet.stage.method === 'gate') return { points: null, vetoes: true };
  return { points: sheet.stage.rubric === 'overall' ? 'overall' : 'criteria', vetoes: false };
}

/** Items that carry points on a scoring sheet (not the veto items of a gate). */
export const pointItems = (sheet: ReviewSheet): Criterion[] =>
  sheet.criteria.filter((c) => !(c.veto && c.maxPoints === 0));

/**
 * What is still missing before the sheet can be locked, by the server's rule: every regular criterion
 * scored (bonus items may stay empty), the overall score, or every veto item of a gate decided.
 */
export function missingOf(
  sheet: ReviewSheet,
  d: SheetDraft,
): { criteria: Criterion[]; vetoes: Criterion[]; overall: boolean } {
  const parts = sheetParts(sheet);
  return {
    criteria:
      parts.points === 'criteria'
        ? pointItems(sheet).filter((c) => !c.bonus && (d.points[c.id] ?? null) === null)
        : [],
    vetoes: parts.vetoes ? sheet.criteria.filter((c) => c.veto && d.vetoes[c.id] === undefined) : [],
    overall: parts.points === 'overall' && d.overall === null,
  };
}

export const isComplete = (sheet: ReviewSheet, d: SheetDraft): boolean => {
  const m = missingOf(sheet, d);
  return m.criteria.length === 0 && m.vetoes.length === 0 && !m.overall;
};

/**
 * The score the sheet will give, as the server computes it at lock: (regular points + bonus points capped
 * at the bonus cap) ÷ (total + bonus cap) × 100, or the overall score; gates have none. Null while
 * incomplete; rounded to 2 decimals for display.
 */
export function previewScore(sheet: ReviewSheet, d: SheetDraft): { points: number; score: number | null } {
  const parts = sheetParts(sheet);
  if (parts.points === null) return { points: 0, score: null };
  if (parts.points === 'overall') return { points: d.overall ?? 0, score: d.overall };
  let regular = 0;
  let bonus = 0;
  for (const c of pointItems(sheet)) {
    const p = d.points[c.id] ?? 0;
    if (c.bonus) bonus += p;
    else regular += p;
  }
  const points = regular + Math.min(bonus, sheet.bonusCap);
  const denominator = sheet.totalPoints + sheet.bonusCap;
  const score =
    isComplete(sheet, d) && denominator > 0 ? Math.round((points / denominator) * 1e4) / 100 : null;
  return { points, score };
}

/** Time left before a deadline, in whole days and hours (never negative). */
export function timeLeft(closesAt: string, now: Date): { days: number; hours: number; over: boolean } {
  const ms = new Date(closesAt).getTime() - now.getTime();
  if (ms <= 0) return { days: 0, hours: 0, over: true };
  return { days: Math.floor(ms / 86_400_000), hours: Math.floor((ms % 86_400_000) / 3_600_000), over: false };
}
