import { describe, expect, it } from 'vitest';
import { honourProblems, poolTitlesOf, reservoirReport, type HonourFact, type TitleSpan } from './honours';

const title = (organizationId: string, over: Partial<TitleSpan> = {}): TitleSpan => ({
  organizationId,
  trackCode: 'site',
  orgKind: 'branch',
  validFrom: '2024-12-20',
  endsOn: '2027-12-20',
  ...over,
});
const honour = (organizationId: string, over: Partial<HonourFact> = {}): HonourFact => ({
  year: 2025,
  kindCode: 'advanced_org',
  subject: 'organization',
  organizationId,
  unitId: 'U',
  awardedOn: '2025-06-28',
  ...over,
});

describe('poolTitlesOf', () => {
  const byOrg = new Map([
    ['A1', [title('A1')]],
    ['U', [title('U', { trackCode: 'venue', orgKind: 'party_committee' })]],
  ]);
  it('counts the organisation’s and its unit’s titles for an organisation honour', () => {
    expect(poolTitlesOf(honour('A1'), byOrg).map((t) => t.organizationId)).toEqual(['A1', 'U']);
  });
  it('counts only the person’s organisation for a person honour', () => {
    expect(poolTitlesOf(honour('A2', { subject: 'person' }), byOrg)).toEqual([]);
    expect(poolTitlesOf(honour('A1', { subject: 'person' }), byOrg)).toHaveLength(1);
  });
  it('needs the title standing on the honour’s date (from inclusive, end exclusive)', () => {
    const m = new Map([['A1', [title('A1', { validFrom: '2025-06-28', endsOn: '2025-07-01' })]]]);
    expect(poolTitlesOf(honour('A1', { unitId: 'A1', awardedOn: '2025-06-27' }), m)).toHaveLength(0);
    expect(poolTitlesOf(honour('A1', { unitId: 'A1', awardedOn: '2025-06-28' }), m)).toHaveLength(1);
    expect(poolTitlesOf(honour('A1', { unitId: 'A1', awardedOn: '2025-07-01' }), m)).toHaveLength(0);
  });
});

describe('reservoirReport', () => {
  it('gives per year the total, those from the pool, the share, per kind and per track', () => {
    const titles = [
      title('A1'),
      title('A1', { trackCode: 'venue', orgKind: 'branch' }),
      title('B1', { validFrom: '2025-12-01' }),
    ];
    const honours = [
      honour('A1'),
      honour('B1', { unitId: 'B' }),
      honour('A1', { subject: 'person', kindCode: 'outstanding_member' }),
      honour('C1', { subject: 'person', kindCode: 'outstanding_member', unitId: 'C' }),
      honour('B1', { year: 2026, unitId: 'B', awardedOn: '2026-06-30' }),
    ];
    expect(reservoirReport(honours, titles)).toEqual([
      {
        year: 2025,
        total: 4,
        fromPool: 2,
        share: 0.5,
        byKind: [
          { kindCode: 'advanced_org', total: 2, fromPool: 1, share: 0.5 },
          { kindCode: 'outstanding_member', total: 2, fromPool: 1, share: 0.5 },
        ],
        byTrack: [
          { trackCode: 'site', orgKind: 'branch', honours: 2 },
          { trackCode: 'venue', orgKind: 'branch', honours: 2 },
        ],
      },
      {
        year: 2026,
        total: 1,
        fromPool: 1,
        share: 1,
        byKind: [{ kindCode: 'advanced_org', total: 1, fromPool: 1, share: 1 }],
        byTrack: [{ trackCode: 'site', orgKind: 'branch', honours: 1 }],
      },
    ]);
  });
  it('answers nothing without honours, and a share of 4 decimals', () => {
    expect(reservoirReport([], [title('A1')])).toEqual([]);
    const three = [
      honour('A1', { unitId: 'A1' }),
      honour('X', { unitId: 'X' }),
      honour('Y', { unitId: 'Y' }),
    ];
    expect(reservoirReport(three, [title('A1')])[0]!.share).toBe(0.3333);
  });
});

describe('honourProblems', () => {
  const base = { year: 2025, subject: 'person' as const, personName: '张三明', awardedOn: '2025-06-28' };
  it.each([
    [base, []],
    [{ ...base, personName: ' ' }, ['person_required']],
    [{ ...base, subject: 'organization' as const }, ['person_not_allowed']],
    [
      { ...base, subject: 'organization' as const, personName: null, personPosition: '书记' },
      ['person_not_allowed'],
    ],
    [{ ...base, awardedOn: '2025-02-30' }, ['bad_date']],
    [{ ...base, awardedOn: '2026-01-15' }, []],
    [{ ...base, awardedOn: '2027-01-15' }, ['date_out_of_year']],
    [{ ...base, awardedOn: '2024-12-31' }, ['date_out_of_year']],
  ])('%j → %j', (input, problems) => expect(honourProblems(input)).toEqual(problems));
});
