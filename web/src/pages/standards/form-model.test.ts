import { describe, expect, it } from 'vitest';
import type { StandardDetail } from '../../../../shared/src/contracts/standards';
import { emptyStandard, fromDetail, toCreateBody, toUpdateBody } from './form-model';

const detail: StandardDetail = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'SITE-BRANCH',
  track: 'site',
  orgKinds: ['branch'],
  nameZh: '党支部标准',
  nameEn: 'Branch standard',
  active: true,
  latestVersion: 3,
  latestVersionId: '00000000-0000-4000-8000-000000000002',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: {
    id: '00000000-0000-4000-8000-000000000002',
    version: 3,
    totalPoints: 100,
    bonusCap: 10,
    note: '旧说明',
    createdAt: '2026-01-01T00:00:00.000Z',
    criteria: [
      {
        id: '00000000-0000-4000-8000-000000000004',
        position: 2,
        titleZh: '乙',
        titleEn: 'B',
        description: null,
        maxPoints: 40,
        evidence: null,
        evidenceRequired: false,
        methods: [],
        veto: false,
        bonus: false,
      },
      {
        id: '00000000-0000-4000-8000-000000000003',
        position: 1,
        titleZh: '甲',
        titleEn: 'A',
        description: '说明',
        maxPoints: 60,
        evidence: '台账',
        evidenceRequired: true,
        methods: ['查阅档案'],
        veto: true,
        bonus: false,
      },
    ],
  },
};

describe('standard form model', () => {
  it('starts the editor from the latest content with criteria in position order and an empty note', () => {
    const v = fromDetail(detail);
    expect(v.criteria.map((c) => c.titleZh)).toEqual(['甲', '乙']);
    expect(v.note).toBeNull();
    expect(v.criteria[0]).toEqual({
      titleZh: '甲',
      titleEn: 'A',
      description: '说明',
      maxPoints: 60,
      evidence: '台账',
      evidenceRequired: true,
      methods: ['查阅档案'],
      veto: true,
      bonus: false,
    });
  });

  it('writes an update body against the version the editor started from, trimming and nulling blanks', () => {
    const v = fromDetail(detail);
    v.nameZh = '  新名称 ';
    v.note = '  ';
    v.criteria[1]!.evidence = '   ';
    const body = toUpdateBody(v, 3);
    expect(body.latestVersion).toBe(3);
    expect(body.nameZh).toBe('新名称');
    expect(body.note).toBeNull();
    expect(body.criteria[1]).toEqual({
      titleZh: '乙',
      titleEn: 'B',
      description: null,
      maxPoints: 40,
      evidence: null,
      evidenceRequired: false,
      methods: [],
      veto: false,
      bonus: false,
    });
  });

  it('creates with code and track, one blank criterion counting as 0 points', () => {
    const v = emptyStandard('venue');
    v.code = ' NEW-1 ';
    v.nameZh = '新标准';
    v.nameEn = 'New';
    const body = toCreateBody(v);
    expect(body).toMatchObject({
      code: 'NEW-1',
      track: 'venue',
      orgKinds: [],
      totalPoints: 100,
      bonusCap: 10,
    });
    expect(body.criteria).toHaveLength(1);
    expect(body.criteria[0]!.maxPoints).toBe(0);
  });
});
