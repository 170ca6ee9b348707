/**
 * The cultivation readiness self-check (培育自评, pure): a unit scores its candidate against the current
 * standard before it applies. Regular items add up to the standard's total; bonus items (特色亮点创新点)
 * count up to the bonus cap; the percentage is the total over the standard's total points, capped at 100.
 */
import { isValidScore } from './standards';

export interface ReadinessCriterion {
  id: string;
  maxPoints: number;
  bonus: boolean;
}

export interface ReadinessEntry {
  score: number | null;
  gap: string | null;
}

export interface ReadinessTotals {
  /** Criteria with a score. */
  scored: number;
  criteriaCount: number;
  /** Points of the regular items. */
  regular: number;
  /** Points of the bonus items, capped at the bonus cap. */
  bonus: number;
  total: number;
  /** The standard's total points (the regular items' sum). */
  max: number;
  /** total / max × 100, one decimal, at most 100. */
  percentage: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function readinessTotals(
  criteria: readonly ReadinessCriterion[],
  entries: Readonly<Record<string, ReadinessEntry>> | null,
  totalPoints: number,
  bonusCap: number,
): ReadinessTotals {
  let scored = 0;
  let regular = 0;
  let bonus = 0;
  for (const c of criteria) {
    const score = entries?.[c.id]?.score;
    if (score === undefined || score === null) continue;
    scored++;
    if (c.bonus) bonus += score;
    else regular += score;
  }
  bonus = Math.min(bonus, bonusCap);
  const total = round1(regular + bonus);
  const percentage = totalPoints > 0 ? Math.min(100, round1((total / totalPoints) * 100)) : 0;
  return {
    scored,
    criteriaCount: criteria.length,
    regular: round1(regular),
    bonus: round1(bonus),
    total,
    max: totalPoints,
    percentage,
  };
}

export type ReadinessProblemCode = 'unknown_criterion' | 'duplicate_criterion' | 'invalid_score';

export interface ReadinessProblem {
  index: number;
  field: 'criterionId' | 'score';
  code: ReadinessProblemCode;
}

/** Every item must name a criterion of the standard version once, with a score of 0..max in steps of 0.5. */
export function checkReadinessItems(
  criteria: readonly { id: string; maxPoints: number }[],
  items: readonly { criterionId: string; score: number | null }[],
): ReadinessProblem[] {
  const max = new Map(criteria.map((c) => [c.id, c.maxPoints]));
  const seen = new Set<string>();
  const out: ReadinessProblem[] = [];
  items.forEach((item, index) => {
    const maxPoints = max.get(item.criterionId);
    if (maxPoints === undefined) {
      out.push({ index, field: 'criterionId', code: 'unknown_criterion' });
      return;
    }
    if (seen.has(item.criterionId)) out.push({ index, field: 'criterionId', code: 'duplicate_criterion' });
    seen.add(item.criterionId);
    if (item.score !== null && !isValidScore(item.score, maxPoints))
      out.push({ index, field: 'score', code: 'invalid_score' });
  });
  return out;
}

export const READINESS_PROBLEM_TEXT: Record<ReadinessProblemCode, { zh: string; en: string }> = {
  unknown_criterion: {
    zh: '该指标不属于当前创建标准',
    en: 'This criterion is not part of the current standard',
  },
  duplicate_criterion: { zh: '同一指标重复填写', en: 'The criterion appears more than once' },
  invalid_score: {
    zh: '分值应在 0 到该指标满分之间，且为 0.5 的整数倍',
    en: "The score must be between 0 and the criterion's maximum, in steps of 0.5",
  },
};
