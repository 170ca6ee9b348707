import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  applyEffects,
  decide,
  noteOf,
  policiesOf,
  routeActions,
  routePolicy,
  ruleFor,
  TRANSITIONS,
  type ApplicationAction,
  type ApplicationStatus,
  type EffectInput,
  type TransitionInput,
} from './application-workflow';
import { scopeFor } from './permissions';
import { ROLES, type Role } from '../enums';

const campaign = {
  status: 'open' as const,
  applicationOpensAt: new Date('2026-09-01T00:00:00Z'),
  applicationClosesAt: new Date('2026-12-15T16:00:00Z'),
  recommendationDeadline: new Date('2026-12-25T16:00:00Z'),
};
const base = (
  action: ApplicationAction,
  status: ApplicationStatus,
  role: Role,
  extra: Partial<TransitionInput> = {},
): TransitionInput => ({
  action,
  status,
  role,
  now: new Date('2026-11-29T08:00:00Z'),
  campaign,
  reason: 'x',
  ...extra,
});

describe('the transition table', () => {
  const allowed: [ApplicationAction, ApplicationStatus, Role, ApplicationStatus][] = [
    ['submit', 'draft', 'applicant', 'submitted'],
    ['submit', 'returned', 'applicant', 'submitted'],
    ['submit', 'draft', 'unit_admin', 'submitted'],
    ['recommend', 'submitted', 'unit_admin', 'recommended'],
    ['accept', 'recommended', 'committee_admin', 'accepted'],
    ['return', 'submitted', 'unit_admin', 'returned'],
    ['return', 'recommended', 'committee_admin', 'returned'],
    ['submit', 'returned', 'unit_admin', 'submitted'],
    ...(['draft', 'submitted', 'recommended', 'returned'] as const).flatMap((s) =>
      (['applicant', 'unit_admin'] as const).map(
        (r) =>
          ['withdraw', s, r, 'withdrawn'] as [ApplicationAction, ApplicationStatus, Role, ApplicationStatus],
      ),
    ),
  ];

  it('allows exactly the listed (action, status, role) triples', () => {
    const key = (a: string, s: string, r: string) => `${a}|${s}|${r}`;
    const expected = new Map(allowed.map(([a, s, r, to]) => [key(a, s, r), to]));
    for (const a of APPLICATION_ACTIONS)
      for (const s of APPLICATION_STATUSES)
        for (const r of ROLES) {
          const d = decide(base(a, s, r));
          const want = expected.get(key(a, s, r));
          expect(d.ok ? d.to : null, key(a, s, r)).toBe(want ?? null);
        }
  });

  it('never lets anyone withdraw after acceptance', () => {
    expect(decide(base('withdraw', 'accepted', 'applicant'))).toEqual({ ok: false, refusal: 'wrong_status' });
  });

  it('lets the unit return only what it holds and the committee only what it holds', () => {
    expect(decide(base('return', 'recommended', 'unit_admin'))).toEqual({
      ok: false,
      refusal: 'role_not_allowed',
    });
    expect(decide(base('return', 'submitted', 'committee_admin'))).toEqual({
      ok: false,
      refusal: 'role_not_allowed',
    });
  });
});

describe('guards', () => {
  it('refuses a submission after the deadline, before opening, when incomplete or when the campaign is not open', () => {
    expect(decide(base('submit', 'draft', 'applicant', { now: new Date('2026-12-15T16:00:01Z') }))).toEqual({
      ok: false,
      refusal: 'deadline_passed',
    });
    expect(decide(base('submit', 'draft', 'applicant', { now: new Date('2026-08-31T23:59:59Z') }))).toEqual({
      ok: false,
      refusal: 'before_opening',
    });
    expect(decide(base('submit', 'draft', 'applicant', { gaps: ['summary'] }))).toEqual({
      ok: false,
      refusal: 'incomplete',
    });
    expect(
      decide(base('submit', 'draft', 'applicant', { campaign: { ...campaign, status: 'reviewing' } })),
    ).toEqual({
      ok: false,
      refusal: 'campaign_not_open',
    });
    expect(decide(base('submit', 'draft', 'applicant', { now: new Date('2026-12-15T16:00:00Z') }))).toEqual({
      ok: true,
      to: 'submitted',
    });
  });

  it('requires a reason to return', () => {
    expect(decide(base('return', 'submitted', 'unit_admin', { reason: '  ' }))).toEqual({
      ok: false,
      refusal: 'reason_required',
    });
  });

  it('refuses a recommendation after the unit deadline', () => {
    expect(
      decide(base('recommend', 'submitted', 'unit_admin', { now: new Date('2026-12-26T00:00:00Z') })),
    ).toEqual({
      ok: false,
      refusal: 'deadline_passed',
    });
  });

  it('refuses a rank another of the unit’s recommended applications already holds', () => {
    const recommended = { count: 2, cap: 5, rank: 2, takenRanks: [1, 2] };
    expect(decide(base('recommend', 'submitted', 'unit_admin', { recommended }))).toEqual({
      ok: false,
      refusal: 'rank_taken',
    });
    expect(
      decide(base('recommend', 'submitted', 'unit_admin', { recommended: { ...recommended, rank: 3 } })),
    ).toEqual({ ok: true, to: 'recommended' });
  });

  it('never recommends more than the cap, and ranks stay within 1..cap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.integer({ min: 0, max: 20 })),
        fc.option(fc.integer({ min: -2, max: 25 })),
        (count, cap, rank) => {
          const d = decide(
            base('recommend', 'submitted', 'unit_admin', { recommended: { count, cap, rank } }),
          );
          const capOk = cap === null || count < cap;
          const rankOk = rank === null || (rank >= 1 && (cap === null || rank <= cap));
          expect(d.ok).toBe(capOk && rankOk);
          if (!capOk) expect(d).toEqual({ ok: false, refusal: 'cap_reached' });
        },
      ),
      { numRuns: 3000 },
    );
  });
});

const SYSTEM_CAMPAIGN_STATUSES = ['draft', 'open', 'reviewing', 'deciding', 'publicity', 'closed'] as const;

describe('the campaign’s evaluation rows (system)', () => {
  const at = (status: 'open' | 'reviewing' | 'deciding') => ({ campaign: { ...campaign, status } });
  it.each([
    ['start_review', 'accepted', 'committee_admin', 'reviewing', { ok: true, to: 'in_review' }],
    ['start_review', 'accepted', 'committee_admin', 'open', { ok: false, refusal: 'campaign_not_open' }],
    ['start_review', 'accepted', 'unit_admin', 'reviewing', { ok: false, refusal: 'role_not_allowed' }],
    ['start_review', 'recommended', 'committee_admin', 'reviewing', { ok: false, refusal: 'wrong_status' }],
    ['shortlist', 'in_review', 'committee_admin', 'deciding', { ok: true, to: 'shortlisted' }],
    ['shortlist', 'in_review', 'committee_admin', 'reviewing', { ok: false, refusal: 'campaign_not_open' }],
    ['not_select', 'in_review', 'committee_admin', 'deciding', { ok: true, to: 'not_selected' }],
    ['not_select', 'shortlisted', 'committee_admin', 'deciding', { ok: false, refusal: 'wrong_status' }],
  ] as const)('%s from %s by %s while %s', (action, status, role, campaignStatus, want) => {
    expect(decide(base(action, status, role, at(campaignStatus)))).toEqual(want);
  });
  it('have no route', () => {
    expect(routeActions()).not.toContain('start_review');
    expect(ruleFor('shortlist', 'in_review')?.system).toBe(true);
  });
});

describe('the committee’s decision rows (system)', () => {
  it('move a shortlisted application to proposed or not selected, by the committee, while deciding', () => {
    const deciding = { campaign: { ...campaign, status: 'deciding' as const } };
    expect(decide(base('propose', 'shortlisted', 'committee_admin', deciding))).toEqual({
      ok: true,
      to: 'proposed',
    });
    expect(decide(base('decline', 'shortlisted', 'committee_admin', deciding))).toEqual({
      ok: true,
      to: 'not_selected',
    });
    expect(decide(base('propose', 'shortlisted', 'committee_admin'))).toEqual({
      ok: false,
      refusal: 'campaign_not_open',
    });
    expect(decide(base('propose', 'in_review', 'committee_admin', deciding))).toEqual({
      ok: false,
      refusal: 'wrong_status',
    });
    expect(decide(base('decline', 'shortlisted', 'unit_admin', deciding))).toEqual({
      ok: false,
      refusal: 'role_not_allowed',
    });
  });
});

describe('the table’s rows', () => {
  it('go between valid statuses, and no two share an action and a from-status', () => {
    const valid = (s: string) => (APPLICATION_STATUSES as readonly string[]).includes(s);
    const bad = TRANSITIONS.filter((r) => r.from.length === 0 || !r.from.every(valid) || !valid(r.to));
    expect(bad).toEqual([]);
    const keys = TRANSITIONS.flatMap((r) => r.from.map((f) => `${r.action}|${f}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(TRANSITIONS.map((r) => r.action))).toEqual(new Set(APPLICATION_ACTIONS));
  });

  it('give each row roles that hold its permission, so the scope lookup and the row agree', () => {
    const bad = TRANSITIONS.flatMap((r) =>
      r.roles.filter((role) => scopeFor(role, r.policy) === null).map((role) => `${r.action} ${role}`),
    );
    expect(bad).toEqual([]);
  });

  it('give the routes their policies: one permission, or reading when it depends on the status held', () => {
    expect(routeActions()).toEqual(['submit', 'recommend', 'accept', 'return', 'withdraw']);
    expect(Object.fromEntries(routeActions().map((a) => [a, routePolicy(a)]))).toEqual({
      submit: 'applications.write',
      recommend: 'applications.recommend',
      accept: 'applications.intake',
      return: 'applications.read',
      withdraw: 'applications.write',
    });
    expect(policiesOf('return')).toEqual(['applications.recommend', 'applications.intake']);
    expect(ruleFor('return', 'submitted')?.roles).toEqual(['unit_admin']);
    expect(ruleFor('return', 'recommended')?.roles).toEqual(['committee_admin']);
  });

  it('write the status decide() gives (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRANSITIONS), fc.nat(), (row, i) => {
        const from = row.from[i % row.from.length]!;
        const role = row.roles[i % row.roles.length]!;
        // A system row is applied by a service at its campaign step; try it at each.
        const d = row.system
          ? (SYSTEM_CAMPAIGN_STATUSES.map((status) =>
              decide(base(row.action, from, role, { gaps: [], campaign: { ...campaign, status } })),
            ).find((x) => x.ok) ?? { ok: false })
          : decide(base(row.action, from, role, { gaps: [] }));
        expect(d).toEqual({ ok: true, to: row.to });
        expect(applyEffects(row, {}, new Date(0)).status).toBe(row.to);
      }),
    );
  });
});

describe('applyEffects', () => {
  const now = new Date('2026-11-29T08:00:00Z');
  const full: EffectInput = { opinion: '同意推荐', rank: 2, reason: '请补充佐证材料' };
  const cases: [ApplicationAction, ApplicationStatus, EffectInput, Record<string, unknown>, string | null][] =
    [
      ['submit', 'draft', {}, { status: 'submitted', submittedAt: now, returnedReason: null }, null],
      [
        'submit',
        'returned',
        full,
        { status: 'submitted', submittedAt: now, returnedReason: null },
        full.reason!,
      ],
      [
        'recommend',
        'submitted',
        full,
        { status: 'recommended', recommendedAt: now, unitOpinion: '同意推荐', unitRank: 2 },
        '同意推荐',
      ],
      [
        'recommend',
        'submitted',
        {},
        { status: 'recommended', recommendedAt: now, unitOpinion: null, unitRank: null },
        null,
      ],
      ['accept', 'recommended', full, { status: 'accepted', acceptedAt: now }, full.reason!],
      [
        'return',
        'submitted',
        { reason: '材料不全' },
        { status: 'returned', returnedReason: '材料不全', unitRank: null },
        '材料不全',
      ],
      [
        'return',
        'recommended',
        full,
        { status: 'returned', returnedReason: '请补充佐证材料', unitRank: null },
        '请补充佐证材料',
      ],
      ...(['draft', 'submitted', 'recommended', 'returned'] as const).map(
        (s): [ApplicationAction, ApplicationStatus, EffectInput, Record<string, unknown>, string | null] => [
          'withdraw',
          s,
          { reason: '不再申报' },
          { status: 'withdrawn', unitRank: null },
          '不再申报',
        ],
      ),
      ['withdraw', 'draft', {}, { status: 'withdrawn', unitRank: null }, null],
    ];

  it.each(cases)('%s from %s with %o writes exactly the row’s fields', (action, from, input, want, note) => {
    const row = ruleFor(action, from)!;
    expect(applyEffects(row, input, now)).toStrictEqual(want);
    expect(noteOf(row, input)).toBe(note);
  });
});

describe('the publicity rows (公示)', () => {
  const at = (status: 'deciding' | 'publicity' | 'closed') => ({ campaign: { ...campaign, status } });
  it.each<[ApplicationAction, ApplicationStatus, 'deciding' | 'publicity' | 'closed', string | null, string]>(
    [
      ['publish', 'proposed', 'deciding', null, 'in_publicity'],
      ['publish', 'proposed', 'publicity', null, 'in_publicity'],
      ['publish', 'proposed', 'closed', null, 'campaign_not_open'],
      ['publish', 'shortlisted', 'deciding', null, 'wrong_status'],
      ['strike', 'in_publicity', 'publicity', '举报属实', 'withdrawn'],
      ['strike', 'in_publicity', 'publicity', ' ', 'reason_required'],
      ['substitute', 'not_selected', 'publicity', '依次递补', 'in_publicity'],
      ['substitute', 'not_selected', 'publicity', null, 'reason_required'],
      ['substitute', 'withdrawn', 'publicity', '依次递补', 'wrong_status'],
    ],
  )('%s from %s in a %s campaign (reason %s) → %s', (action, status, cs, reason, want) => {
    const d = decide(base(action, status, 'committee_admin', { ...at(cs), reason }));
    expect(d.ok ? d.to : d.refusal).toBe(want);
  });
  it('is the committee’s only', () => {
    expect(decide(base('publish', 'proposed', 'unit_admin', at('deciding')))).toEqual({
      ok: false,
      refusal: 'role_not_allowed',
    });
  });
});
