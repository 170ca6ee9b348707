/**
 * The scoring sheet's rules (pure; the server enforces them, the web previews them): which fields a draft may hold, when a sheet is complete, and its score.
 * - `standard` rubric: points per criterion, 0..max in steps of 0.5, and a comment; the score is
 *   (regular points + bonus points capped at the bonus cap) / (total + bonus cap) × 100.
 * - `overall` rubric (presentations): one score 0–100 in steps of 0.5, which is the score.
 * - `gate` stages: pass/fail per veto item; no points and no score.
 * Complete (required to lock): every regular criterion with points (bonus items count as 0 when left
 * empty) for a scoring stage, the overall score for an overall rubric, every veto item for a gate.
 */
import type { FieldError } from '../errors';
import type { Rubric, StageMethod } from './stages';

/** Points for one criterion (0..max, step 0.5) and the reviewer's comment. */
export interface CriterionScore {
  points: number | null;
  comment?: string | null;
}

const fieldError = (field: string, code: string, zh: string, en: string): FieldError => ({
  field,
  code,
  zh,
  en,
});

export interface SheetCriterion {
  id: string;
  maxPoints: number;
  veto: boolean;
  bonus: boolean;
}

export interface SheetSpec {
  method: StageMethod;
  rubric: Rubric;
  criteria: readonly SheetCriterion[];
  totalPoints: number;
  bonusCap: number;
}

export interface SheetState {
  scores: Record<string, CriterionScore>;
  vetoes: Record<string, boolean>;
}

const halfStep = (n: number) => Number.isFinite(n) && Math.round(n * 2) === n * 2;

/** Whether this sheet has a points part (criteria or overall) and a veto part. */
export function sheetParts(spec: SheetSpec): { points: 'criteria' | 'overall' | null; vetoes: boolean } {
  if (spec.method === 'gate') return { points: null, vetoes: true };
  return { points: spec.rubric === 'overall' ? 'overall' : 'criteria', vetoes: false };
}

/** The key the overall score is kept under in `scores`. */
export const OVERALL = 'overall';

/** Field errors of a draft: unknown criteria, points out of range or off the 0.5 step, stray vetoes. */
export function draftErrors(spec: SheetSpec, state: SheetState): FieldError[] {
  const errors: FieldError[] = [];
  const parts = sheetParts(spec);
  const byId = new Map(spec.criteria.map((c) => [c.id, c]));
  for (const [id, s] of Object.entries(state.scores)) {
    const field = id === OVERALL ? 'overall' : `scores.${id}.points`;
    const max = parts.points === 'overall' && id === OVERALL ? 100 : byId.get(id)?.maxPoints;
    if (max === undefined || parts.points === null) {
      errors.push(
        fieldError(field, 'unknown_criterion', '该评分项不在本评分表中', 'Not an item of this sheet'),
      );
      continue;
    }
    if (s.points === null || s.points === undefined) continue;
    if (s.points < 0 || s.points > max)
      errors.push(
        fieldError(field, 'out_of_range', `分值须在 0–${max} 之间`, `Points must be between 0 and ${max}`),
      );
    else if (!halfStep(s.points))
      errors.push(fieldError(field, 'bad_step', '分值须为 0.5 的整数倍', 'Points must be a multiple of 0.5'));
  }
  for (const id of Object.keys(state.vetoes)) {
    const c = byId.get(id);
    if (!c?.veto)
      errors.push(
        fieldError(`vetoes.${id}`, 'not_veto', '该项不是一票否决项', 'Not a veto item of this sheet'),
      );
  }
  return errors;
}

/** What is still missing before the sheet can be locked (one field error per item). */
export function missing(spec: SheetSpec, state: SheetState): FieldError[] {
  const parts = sheetParts(spec);
  const out: FieldError[] = [];
  const has = (id: string) => typeof state.scores[id]?.points === 'number';
  if (parts.points === 'overall' && !has(OVERALL))
    out.push(fieldError('overall', 'required', '请填写评分', 'Enter the score'));
  if (parts.points === 'criteria')
    for (const c of spec.criteria)
      if (!c.bonus && !(c.veto && c.maxPoints === 0) && !has(c.id))
        out.push(fieldError(`scores.${c.id}.points`, 'required', '请为该项打分', 'Score this item'));
  if (parts.vetoes)
    for (const c of spec.criteria)
      if (c.veto && typeof state.vetoes[c.id] !== 'boolean')
        out.push(fieldError(`vetoes.${c.id}`, 'required', '请判定是否通过', 'Mark this item pass or fail'));
  return out;
}

/**
 * Raw points and the 0–100 score of a complete sheet (null for an incomplete one and for gates): regular
 * points plus bonus points capped at the bonus cap, over the total plus the cap.
 */
export function scoreOf(spec: SheetSpec, state: SheetState): { points: number | null; score: number | null } {
  const parts = sheetParts(spec);
  if (parts.points === null || missing(spec, state).length > 0) return { points: null, score: null };
  if (parts.points === 'overall') {
    const p = state.scores[OVERALL]!.points!;
    return { points: p, score: p };
  }
  let regular = 0;
  let bonus = 0;
  for (const c of spec.criteria) {
    const p = state.scores[c.id]?.points ?? 0;
    if (c.bonus) bonus += p;
    else regular += p;
  }
  const points = regular + Math.min(bonus, spec.bonusCap);
  const denominator = spec.totalPoints + spec.bonusCap;
  return { points, score: denominator > 0 ? (points / denominator) * 100 : null };
}

/** The veto items a gate review failed, sorted. */
export function failedVetoes(state: SheetState): string[] {
  return Object.entries(state.vetoes)
    .filter(([, passed]) => passed === false)
    .map(([id]) => id)
    .sort();
}
