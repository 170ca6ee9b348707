import type { Milestone } from '../../../../shared/src/contracts/cultivation';

/** True when a milestone is not done and its due date (YYYY-MM-DD) is before `today` (YYYY-MM-DD). */
export function isOverdue(m: Pick<Milestone, 'done' | 'dueOn'>, today: string): boolean {
  return !m.done && !!m.dueOn && m.dueOn < today;
}

/** Readiness scores step by 0.5 from 0 to the criterion's maximum. */
export function validScore(score: number | null, max: number): boolean {
  if (score === null) return true;
  return score >= 0 && score <= max && Number.isInteger(score * 2);
}
