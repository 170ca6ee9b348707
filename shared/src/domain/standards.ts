/**
 * Standards (创建标准): validation of a criteria set (pure). Points are in steps of 0.5; the regular items
 * add up to the standard's total (100 by default); bonus items (特色亮点创新点) are extra, up to a cap.
 */
export interface CriterionDraft {
  titleZh: string;
  maxPoints: number;
  veto: boolean;
  bonus: boolean;
}

export type StandardProblem =
  | { code: 'no_criteria' }
  | { code: 'bad_step'; index: number }
  | { code: 'not_positive'; index: number }
  | { code: 'total_mismatch'; expected: number; actual: number }
  | { code: 'bonus_over_cap'; cap: number; actual: number }
  | { code: 'duplicate_title'; index: number };

export function isHalfStep(n: number): boolean {
  return Number.isFinite(n) && Math.round(n * 2) === n * 2;
}

export function checkStandard(
  criteria: readonly CriterionDraft[],
  total = 100,
  bonusCap = 10,
): StandardProblem[] {
  const out: StandardProblem[] = [];
  if (criteria.length === 0) return [{ code: 'no_criteria' }];
  const seen = new Set<string>();
  let regular = 0;
  let bonus = 0;
  criteria.forEach((c, index) => {
    if (!isHalfStep(c.maxPoints)) out.push({ code: 'bad_step', index });
    // A veto item may carry 0 points (pass/fail); every other item is worth something.
    if (c.maxPoints < 0 || (c.maxPoints === 0 && !c.veto)) out.push({ code: 'not_positive', index });
    const key = c.titleZh.trim();
    if (seen.has(key)) out.push({ code: 'duplicate_title', index });
    seen.add(key);
    if (c.bonus) bonus += c.maxPoints;
    else regular += c.maxPoints;
  });
  if (regular !== total) out.push({ code: 'total_mismatch', expected: total, actual: regular });
  if (bonus > bonusCap) out.push({ code: 'bonus_over_cap', cap: bonusCap, actual: bonus });
  return out;
}

/** A score a reviewer or applicant gives one criterion: 0..max in steps of 0.5. */
export function isValidScore(score: number, maxPoints: number): boolean {
  return isHalfStep(score) && score >= 0 && score <= maxPoints;
}
