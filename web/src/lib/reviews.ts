import type { ReviewSheet } from '../../../shared/src/contracts/reviews';
import {
  missing,
  OVERALL,
  scoreOf,
  sheetParts as parts,
  type SheetSpec,
  type SheetState,
} from '../../../shared/src/domain/review-sheet';

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

/** The sheet as the shared rules see it (the server's own rules: a preview never disagrees with a lock). */
function specOf(sheet: ReviewSheet): SheetSpec {
  return {
    method: sheet.stage.method,
    rubric: sheet.stage.rubric,
    criteria: sheet.criteria,
    totalPoints: sheet.totalPoints,
    bonusCap: sheet.bonusCap,
  };
}

function stateOf(d: SheetDraft): SheetState {
  const scores: SheetState['scores'] = {};
  for (const [id, points] of Object.entries(d.points)) scores[id] = { points };
  if (d.overall !== null) scores[OVERALL] = { points: d.overall };
  const vetoes: SheetState['vetoes'] = {};
  for (const [id, v] of Object.entries(d.vetoes)) if (v !== undefined) vetoes[id] = v;
  return { scores, vetoes };
}

/** The parts of a sheet: a gate has only veto items; a scoring stage criteria or one overall score. */
export const sheetParts = (sheet: ReviewSheet) => parts(specOf(sheet));

/**
 * What is still missing before the sheet can be locked, by the server's rule: every regular criterion
 * scored (bonus items may stay empty), the overall score, or every veto item of a gate decided.
 */
export function missingOf(
  sheet: ReviewSheet,
  d: SheetDraft,
): { criteria: Criterion[]; vetoes: Criterion[]; overall: boolean } {
  const fields = new Set(missing(specOf(sheet), stateOf(d)).map((e) => e.field));
  return {
    criteria: sheet.criteria.filter((c) => fields.has(`scores.${c.id}.points`)),
    vetoes: sheet.criteria.filter((c) => fields.has(`vetoes.${c.id}`)),
    overall: fields.has('overall'),
  };
}

export const isComplete = (sheet: ReviewSheet, d: SheetDraft): boolean =>
  missing(specOf(sheet), stateOf(d)).length === 0;

/**
 * The score the sheet will give, as the server computes it at lock (the shared `scoreOf`), with the points
 * so far while it is incomplete; rounded to 2 decimals for display. Gates have none.
 */
export function previewScore(sheet: ReviewSheet, d: SheetDraft): { points: number; score: number | null } {
  const spec = specOf(sheet);
  const p = parts(spec);
  if (p.points === null) return { points: 0, score: null };
  const complete = scoreOf(spec, stateOf(d));
  if (complete.score !== null)
    return { points: complete.points ?? 0, score: Math.round(complete.score * 100) / 100 };
  const filled = scoreOf(spec, stateOf({ ...d, points: fillEmpty(spec, d.points), overall: d.overall ?? 0 }));
  return { points: filled.points ?? 0, score: null };
}

/** Empty regular items as 0, to show the points so far. */
function fillEmpty(spec: SheetSpec, points: SheetDraft['points']): SheetDraft['points'] {
  const out = { ...points };
  for (const c of spec.criteria) if (!c.bonus && (out[c.id] ?? null) === null) out[c.id] = 0;
  return out;
}

/** Time left before a deadline, in whole days and hours (never negative). */
export function timeLeft(closesAt: string, now: Date): { days: number; hours: number; over: boolean } {
  const ms = new Date(closesAt).getTime() - now.getTime();
  if (ms <= 0) return { days: 0, hours: 0, over: true };
  return { days: Math.floor(ms / 86_400_000), hours: Math.floor((ms % 86_400_000) / 3_600_000), over: false };
}
