/**
 * Generated scoring sheets for the demo's closed years (pure, deterministic with a `Prng`): each sheet is
 * one the reviews service would accept and lock — checked with the same rules (`draftErrors`, `missing`)
 * and scored by the same `scoreOf` of `shared/src/domain/review-sheet.ts`. Two score bands, apart: every
 * sheet of an application the demo selects scores at least `BANDS.selected.min`, every other at most
 * `BANDS.other.max`, so any aggregation of a stage (trimmed mean, mean, median) ranks the selected first.
 *
 * `campaign-evaluation.ts` enters them as the experts' locked sheets of the closed years' 实地考察; see
 * docs/EVALUATION.md "In the demo".
 */
import {
  draftErrors,
  missing,
  OVERALL,
  scoreOf,
  type SheetSpec,
  type SheetState,
} from '../../../shared/src/domain/review-sheet';
import type { Prng } from './prng';

export type Band = 'selected' | 'other';

/** The share of each item's maximum a reviewer gives, per band; and the scores (0–100) that result. */
export const BANDS: Record<Band, { from: number; to: number; min: number; max: number }> = {
  selected: { from: 0.86, to: 0.96, min: 84, max: 98 },
  other: { from: 0.6, to: 0.76, min: 58, max: 78 },
};

const half = (n: number) => Math.round(n * 2) / 2;

export interface GeneratedSheet {
  state: SheetState;
  points: number | null;
  score: number | null;
}

/** One reviewer's complete sheet for an application of `band` (a scoring or overall rubric). */
export function generatedSheet(spec: SheetSpec, band: Band, r: Prng): GeneratedSheet {
  const b = BANDS[band];
  const share = () => b.from + r.next() * (b.to - b.from);
  const state: SheetState = { scores: {}, vetoes: {} };
  if (spec.method === 'gate') throw new Error('demo sheets: gates are not generated');
  if (spec.rubric === 'overall') state.scores[OVERALL] = { points: half(100 * share()) };
  else {
    let bonusRoom = spec.bonusCap;
    for (const c of spec.criteria) {
      if (c.veto && c.maxPoints === 0) continue;
      const room = c.bonus ? Math.min(c.maxPoints, bonusRoom) : c.maxPoints;
      const points = Math.min(room, half(room * share()));
      if (c.bonus) bonusRoom -= points;
      state.scores[c.id] = { points };
    }
  }
  const problems = [...draftErrors(spec, state), ...missing(spec, state)];
  if (problems.length) throw new Error(`demo sheets: ${problems.map((p) => p.field).join(', ')}`);
  return { state, ...scoreOf(spec, state) };
}
