/**
 * Standards (创建标准): validation of a criteria set (pure). Points are in steps of 0.5; the regular items
 * add up to the standard's total (100 by default); bonus items (特色亮点创新点) are extra, up to a cap.
 */
/** The evaluation methods a criterion may name (主要做法: 实地考察、集体评审、互比互评、现场考核 …). */
export const CRITERION_METHODS = [
  '汇报座谈',
  '查阅档案',
  '实地查看',
  '民主测评',
  '走访',
  '现场考核',
  '问卷调查',
] as const;
export type CriterionMethod = (typeof CRITERION_METHODS)[number];

export interface CriterionDraft {
  titleZh: string;
  /** Checked when given: both titles must be non-empty. */
  titleEn?: string;
  /** Checked when given: each one from `CRITERION_METHODS`. */
  methods?: readonly string[];
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
  | { code: 'duplicate_title'; index: number }
  | { code: 'empty_title'; index: number; field: 'titleZh' | 'titleEn' }
  | { code: 'bad_method'; index: number; method: string };

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
    if (!c.titleZh.trim()) out.push({ code: 'empty_title', index, field: 'titleZh' });
    if (c.titleEn !== undefined && !c.titleEn.trim())
      out.push({ code: 'empty_title', index, field: 'titleEn' });
    if (!isHalfStep(c.maxPoints)) out.push({ code: 'bad_step', index });
    // A veto item may carry 0 points (pass/fail); every other item is worth something.
    if (c.maxPoints < 0 || (c.maxPoints === 0 && !c.veto)) out.push({ code: 'not_positive', index });
    const bad = (c.methods ?? []).find((m) => !(CRITERION_METHODS as readonly string[]).includes(m));
    if (bad !== undefined) out.push({ code: 'bad_method', index, method: bad });
    const key = c.titleZh.trim();
    if (key && seen.has(key)) out.push({ code: 'duplicate_title', index });
    seen.add(key);
    if (c.bonus) bonus += c.maxPoints;
    else regular += c.maxPoints;
  });
  if (regular !== total) out.push({ code: 'total_mismatch', expected: total, actual: regular });
  if (bonus > bonusCap) out.push({ code: 'bonus_over_cap', cap: bonusCap, actual: bonus });
  return out;
}

/**
 * A problem as a field error: the field it names (`criteria.3.maxPoints`, dotted like request paths), a code
 * and a message in both languages.
 */
export function describeStandardProblem(p: StandardProblem): {
  field: string;
  code: string;
  zh: string;
  en: string;
} {
  const at = (i: number, f: string) => `criteria.${i}.${f}`;
  switch (p.code) {
    case 'no_criteria':
      return {
        field: 'criteria',
        code: p.code,
        zh: '至少需要一项指标',
        en: 'At least one criterion is needed',
      };
    case 'bad_step':
      return {
        field: at(p.index, 'maxPoints'),
        code: p.code,
        zh: '分值须为 0.5 的整数倍',
        en: 'Points must be a multiple of 0.5',
      };
    case 'not_positive':
      return {
        field: at(p.index, 'maxPoints'),
        code: p.code,
        zh: '分值须大于 0（一票否决项可为 0）',
        en: 'Points must be above 0 (0 only for a veto item)',
      };
    case 'total_mismatch':
      return {
        field: 'criteria',
        code: p.code,
        zh: `常规指标分值合计为 ${p.actual}，应为 ${p.expected}`,
        en: `The regular items add up to ${p.actual}, not ${p.expected}`,
      };
    case 'bonus_over_cap':
      return {
        field: 'criteria',
        code: p.code,
        zh: `加分项合计 ${p.actual}，超过上限 ${p.cap}`,
        en: `The bonus items add up to ${p.actual}, above the cap of ${p.cap}`,
      };
    case 'duplicate_title':
      return {
        field: at(p.index, 'titleZh'),
        code: p.code,
        zh: '指标名称重复',
        en: 'Another criterion has the same title',
      };
    case 'empty_title':
      return {
        field: at(p.index, p.field),
        code: p.code,
        zh: '指标名称不能为空',
        en: 'The title is required',
      };
    case 'bad_method':
      return {
        field: at(p.index, 'methods'),
        code: p.code,
        zh: `考核方式“${p.method}”无效，可选：${CRITERION_METHODS.join('、')}`,
        en: `Unknown method "${p.method}"; allowed: ${CRITERION_METHODS.join(', ')}`,
      };
  }
}

/** A score a reviewer or applicant gives one criterion: 0..max in steps of 0.5. */
export function isValidScore(score: number, maxPoints: number): boolean {
  return isHalfStep(score) && score >= 0 && score <= maxPoints;
}
