import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EvaluationInput, StageSpec } from './evaluate';
import { CAMPAIGN } from './fixtures';
import {
  buildSnapshot,
  canonicalJson,
  recomputeFromSnapshot,
  snapshotDigest,
  verifySnapshot,
} from './snapshot';

const quotas = [
  { track: 'site', kind: 'branch', quota: 2 },
  { track: 'venue', kind: 'branch', quota: 1 },
];
const votes = { for: 5, against: 0, abstain: 0 };

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps arrays and numbers as they are', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 0.1, c: 86.66666666666667 }, 'x'], e: null })).toBe(
      '{"a":[{"c":86.66666666666667,"d":0.1},"x"],"b":1,"e":null}',
    );
    expect(canonicalJson({ z: undefined, y: Number.NaN, x: -0, w: new Date(0) })).toBe(
      '{"w":"1970-01-01T00:00:00.000Z","x":0,"y":null}',
    );
    expect(canonicalJson([undefined, true, '引号"'])).toBe('[null,true,"引号\\""]');
    expect(canonicalJson(1e21)).toBe('1e+21');
  });

  it('gives equal text for equal data whatever the key order, and reads back to equal data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
      }),
    );
  });
});

describe('decision snapshot', () => {
  const lines = ['a1', 'a2', 'a3', 'a4', 'a5', 'v1'].map((applicationId) => ({
    applicationId,
    selected: ['a1', 'a2', 'v1'].includes(applicationId),
    votes,
    reason: null,
  }));
  const snapshot = buildSnapshot({ input: CAMPAIGN, quotas, basis: 'standardised', lines });

  it('holds the raw data, every figure, the proposal and the decision', () => {
    expect(snapshot.version).toBe(1);
    expect(snapshot.tieRule).toEqual([
      'final_score',
      'last_stage_score',
      'counted_reviews',
      'submitted_at',
      'application_id',
    ]);
    expect(snapshot.result.totals.find((t) => t.applicationId === 'a1')!.final).toBe(85);
    expect(snapshot.proposal.filter((l) => l.proposed).map((l) => l.applicationId)).toEqual([
      'a1',
      'a2',
      'v1',
    ]);
    expect(snapshot.decision.lines).toBe(lines);
  });

  it('recomputes to the same digits, also after being stored as JSON', () => {
    const stored = JSON.parse(snapshotDigest(snapshot)) as typeof snapshot;
    expect(verifySnapshot(stored)).toEqual({ ok: true, differing: [] });
    expect(canonicalJson(recomputeFromSnapshot(stored).result)).toBe(canonicalJson(snapshot.result));
    expect(snapshotDigest(stored)).toBe(snapshotDigest(snapshot));
  });

  it('finds a figure that was changed, and a raw score that was changed', () => {
    const stored = JSON.parse(snapshotDigest(snapshot)) as typeof snapshot;
    stored.result.totals[0]!.final += 1e-9;
    expect(verifySnapshot(stored)).toEqual({ ok: false, differing: ['totals'] });
    const tampered = JSON.parse(snapshotDigest(snapshot)) as typeof snapshot;
    const review = tampered.input.reviews.find((r) => r.stageId === 's2' && r.reviewerId === 'R1')!;
    review.score = review.score! + 0.5;
    expect(verifySnapshot(tampered).differing).toEqual([
      'stage_results',
      'standardisation',
      'totals',
      'ranking',
    ]);
  });

  const METHODS = ['criteria_scoring', 'presentation', 'peer', 'gate'] as const;
  const campaign: fc.Arbitrary<EvaluationInput> = fc
    .record({
      stages: fc.array(
        fc.record({
          method: fc.constantFrom(...METHODS),
          weight: fc.double({ min: 0, max: 1, noNaN: true }),
          aggregation: fc.constantFrom('trimmed_mean', 'mean', 'median'),
          standardise: fc.boolean(),
          peerMode: fc.constantFrom('rank', 'score'),
          vetoRule: fc.constantFrom('majority', 'any'),
          siteOnly: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      apps: fc.array(
        fc.record({
          venue: fc.boolean(),
          kind: fc.constantFrom('branch', 'general_branch'),
          day: fc.integer({ min: 1, max: 3 }),
        }),
        {
          maxLength: 8,
        },
      ),
      marks: fc.array(
        fc.record({
          stage: fc.nat(3),
          app: fc.nat(7),
          other: fc.nat(7),
          reviewer: fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5', 'R6'),
          score: fc.double({ min: 0, max: 100, noNaN: true }),
          veto: fc.constantFrom([], ['x'], ['y'], ['x', 'y']),
        }),
        { maxLength: 80 },
      ),
    })
    .map(({ stages, apps, marks }) => {
      const specs: StageSpec[] = stages.map((s, i) => ({
        id: `s${i}`,
        position: i + 1,
        method: s.method,
        weight: s.weight,
        aggregation: s.aggregation,
        standardise: s.standardise,
        minReviews: 2,
        tracks: s.siteOnly ? ['site'] : [],
        peerMode: s.method === 'peer' ? s.peerMode : null,
        vetoRule: s.vetoRule,
      }));
      const applications = apps.map((a, i) => ({
        id: `app${i}`,
        track: a.venue ? 'venue' : 'site',
        kind: a.kind,
        submittedAt: `2026-03-0${a.day}T08:00:00.000Z`,
      }));
      const valid = marks.filter(
        (m) => m.stage < specs.length && m.app < applications.length && m.other < applications.length,
      );
      const entrants = [...new Set(valid.map((m) => `${m.stage}|${m.app}`))].map((key) => {
        const [s, a] = key.split('|').map(Number);
        return { stageId: `s${s}`, applicationId: `app${a}` };
      });
      const method = (m: (typeof valid)[number]) => specs[m.stage]!.method;
      return {
        stages: specs,
        applications,
        entrants,
        reviews: valid
          .filter((m) => method(m) !== 'peer')
          .map((m) => ({
            stageId: `s${m.stage}`,
            applicationId: `app${m.app}`,
            reviewerId: m.reviewer,
            score: method(m) === 'gate' ? null : m.score,
            failedVetoes: method(m) === 'gate' ? m.veto : [],
          })),
        peerMarks: valid
          .filter((m) => method(m) === 'peer' && m.app !== m.other)
          .map((m) => ({
            stageId: `s${m.stage}`,
            raterId: `app${m.other}`,
            targetId: `app${m.app}`,
            value: specs[m.stage]!.peerMode === 'rank' ? Math.floor(m.score / 10) + 1 : m.score,
          })),
      };
    });

  it('recomputes any campaign from its snapshot to the last digit', () => {
    fc.assert(
      fc.property(campaign, fc.constantFrom('raw' as const, 'standardised' as const), (input, basis) => {
        const built = buildSnapshot({ input, quotas, basis, lines: [] });
        const stored = JSON.parse(JSON.stringify(built)) as typeof built;
        expect(verifySnapshot(stored)).toEqual({ ok: true, differing: [] });
        expect(snapshotDigest(stored)).toBe(snapshotDigest(built));
        // and the stored figures themselves equal the recomputation exactly
        expect(recomputeFromSnapshot(stored).result).toEqual(built.result);
      }),
    );
  });
});
