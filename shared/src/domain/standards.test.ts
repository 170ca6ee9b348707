import { describe, expect, it } from 'vitest';
import { checkStandard, describeStandardProblem, isValidScore } from './standards';
import { completeness } from './completeness';

const five = (points: number[]) =>
  points.map((p, i) => ({ titleZh: `指标${i}`, maxPoints: p, veto: false, bonus: false }));

describe('checkStandard', () => {
  it('accepts five items worth 100 plus a 10-point bonus', () => {
    expect(
      checkStandard([
        ...five([20, 20, 20, 20, 20]),
        { titleZh: '特色亮点创新点', maxPoints: 10, veto: false, bonus: true },
      ]),
    ).toEqual([]);
  });
  it('reports a wrong total, half-step violations, duplicates and a bonus over the cap', () => {
    expect(
      checkStandard([
        ...five([20, 20, 20, 20, 19.3]),
        { titleZh: '指标0', maxPoints: 0, veto: false, bonus: false },
        { titleZh: '加分', maxPoints: 12, veto: false, bonus: true },
      ]),
    ).toEqual([
      { code: 'bad_step', index: 4 },
      { code: 'not_positive', index: 5 },
      { code: 'duplicate_title', index: 5 },
      { code: 'total_mismatch', expected: 100, actual: 99.3 },
      { code: 'bonus_over_cap', cap: 10, actual: 12 },
    ]);
  });
  it('allows a 0-point veto item', () => {
    expect(
      checkStandard([
        ...five([20, 20, 20, 20, 20]),
        { titleZh: '一票否决', maxPoints: 0, veto: true, bonus: false },
      ]),
    ).toEqual([]);
  });
  it('refuses an empty standard', () => expect(checkStandard([])).toEqual([{ code: 'no_criteria' }]));
  it('needs both titles and known methods when they are given', () => {
    expect(
      checkStandard([
        {
          titleZh: '支部班子好',
          titleEn: 'Good committee',
          methods: ['汇报座谈', '问卷调查'],
          maxPoints: 50,
          veto: false,
          bonus: false,
        },
        { titleZh: ' ', titleEn: '', methods: ['查阅档案'], maxPoints: 25, veto: false, bonus: false },
        {
          titleZh: '群众反映好',
          titleEn: 'Good',
          methods: ['走访', '打电话'],
          maxPoints: 25,
          veto: false,
          bonus: false,
        },
      ]),
    ).toEqual([
      { code: 'empty_title', index: 1, field: 'titleZh' },
      { code: 'empty_title', index: 1, field: 'titleEn' },
      { code: 'bad_method', index: 2, method: '打电话' },
    ]);
  });
});

describe('describeStandardProblem', () => {
  it('names the criterion field and explains in both languages', () => {
    expect(describeStandardProblem({ code: 'bad_step', index: 3 })).toEqual({
      field: 'criteria.3.maxPoints',
      code: 'bad_step',
      zh: '分值须为 0.5 的整数倍',
      en: 'Points must be a multiple of 0.5',
    });
    expect(describeStandardProblem({ code: 'total_mismatch', expected: 100, actual: 95 })).toEqual({
      field: 'criteria',
      code: 'total_mismatch',
      zh: '常规指标分值合计为 95，应为 100',
      en: 'The regular items add up to 95, not 100',
    });
    expect(describeStandardProblem({ code: 'empty_title', index: 0, field: 'titleEn' }).field).toBe(
      'criteria.0.titleEn',
    );
    expect(describeStandardProblem({ code: 'bad_method', index: 2, method: '打电话' })).toMatchObject({
      field: 'criteria.2.methods',
      code: 'bad_method',
    });
  });
});

describe('isValidScore', () => {
  it.each([
    [0, 20, true],
    [19.5, 20, true],
    [20, 20, true],
    [20.5, 20, false],
    [-0.5, 20, false],
    [3.25, 20, false],
    [Number.NaN, 20, false],
  ])('%s of %s → %s', (s, m, ok) => expect(isValidScore(s, m)).toBe(ok));
});

describe('completeness', () => {
  const criteria = [
    { id: 'c1', maxPoints: 20, evidenceRequired: true },
    { id: 'c2', maxPoints: 20, evidenceRequired: false },
  ];
  it('lists every gap', () => {
    expect(
      completeness({
        fields: { brandName: ' ', summary: '概述' },
        criteria,
        selfAssessment: new Map([['c1', 18]]),
        evidenceCount: new Map(),
      }),
    ).toEqual([
      { kind: 'field', field: 'brandName' },
      { kind: 'evidence', criterionId: 'c1' },
      { kind: 'self_assessment', criterionId: 'c2' },
    ]);
  });
  it('is empty for a complete application', () => {
    expect(
      completeness({
        fields: { brandName: '红色水务', summary: '概述' },
        criteria,
        selfAssessment: new Map([
          ['c1', 18],
          ['c2', 19.5],
        ]),
        evidenceCount: new Map([['c1', 2]]),
      }),
    ).toEqual([]);
  });
});
