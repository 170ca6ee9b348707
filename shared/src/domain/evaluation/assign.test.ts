import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignReviewers, type AssignInput, type AssignResult } from './assign';
import { conflictKey } from './conflicts';

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

function loadsOf(result: AssignResult): number[] {
  return result.loads.map((l) => l.load);
}
function spreadOf(result: AssignResult): number {
  const loads = loadsOf(result);
  return loads.length === 0 ? 0 : Math.max(...loads) - Math.min(...loads);
}
function reviewersOf(result: AssignResult, applicationId: string): string[] {
  return result.assignments.filter((p) => p.applicationId === applicationId).map((p) => p.reviewerId);
}

/** Random instances: up to 12 applications, 9 reviewers in 4 units (or external), some conflicts. */
const instance = fc
  .record({
    apps: fc.integer({ min: 0, max: 12 }),
    reviewers: fc.array(
      fc.record({
        unit: fc.constantFrom('u1', 'u2', 'u3', 'u4', null),
        load: fc.integer({ min: 0, max: 3 }),
      }),
      {
        maxLength: 9,
      },
    ),
    k: fc.integer({ min: 0, max: 5 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    conflictBits: fc.array(fc.boolean(), { minLength: 12 * 9, maxLength: 12 * 9 }),
    conflictRate: fc.constantFrom(0, 0.2, 0.6),
  })
  .map(({ apps, reviewers, k, seed, conflictBits, conflictRate }): AssignInput => {
    const applications = ids('a', apps).map((id) => ({ id }));
    const revs = reviewers.map((r, i) => ({ id: ids('r', 9)[i]!, unitId: r.unit, load: r.load }));
    const conflicts = new Set<string>();
    applications.forEach((a, i) =>
      revs.forEach((r, j) => {
        if (conflictRate > 0 && conflictBits[i * 9 + j] && (i + j) % Math.round(1 / conflictRate) === 0) {
          conflicts.add(conflictKey(r.id, a.id));
        }
      }),
    );
    return { applications, reviewers: revs, conflicts, k, seed };
  });

describe('assignReviewers: hand examples', () => {
  const reviewers = [
    { id: 'ra1', unitId: 'A', load: 0 },
    { id: 'ra2', unitId: 'A', load: 0 },
    { id: 'rb1', unitId: 'B', load: 0 },
    { id: 'rb2', unitId: 'B', load: 0 },
    { id: 'rx', unitId: null, load: 0 },
    { id: 'ry', unitId: null, load: 0 },
  ];

  it('gives each application k reviewers of different units with an even load', () => {
    const result = assignReviewers({
      applications: ids('a', 4).map((id) => ({ id })),
      reviewers,
      conflicts: new Set(),
      k: 3,
      seed: 7,
    });
    expect(result.assignments).toHaveLength(12);
    expect(result.shortfalls).toEqual([]);
    expect(loadsOf(result)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(result.sharedUnits).toEqual([]);
    for (const a of ids('a', 4)) expect(reviewersOf(result, a)).toHaveLength(3);
  });

  it('never assigns a conflicted pair and reports the shortfall with its reason', () => {
    const conflicts = new Set(['ra1', 'ra2', 'rb1', 'rb2'].map((r) => conflictKey(r, 'a00')));
    const result = assignReviewers({ applications: [{ id: 'a00' }], reviewers, conflicts, k: 3, seed: 1 });
    expect(reviewersOf(result, 'a00').sort()).toEqual(['rx', 'ry']);
    expect(result.shortfalls).toEqual([
      { applicationId: 'a00', assigned: 2, missing: 1, reason: 'conflicts' },
    ]);
    const few = assignReviewers({
      applications: [{ id: 'a00' }],
      reviewers: reviewers.slice(0, 2),
      conflicts: new Set(),
      k: 3,
      seed: 1,
    });
    expect(few.shortfalls).toEqual([
      { applicationId: 'a00', assigned: 2, missing: 1, reason: 'too_few_reviewers' },
    ]);
  });

  it('tops up the existing assignments to k and gives work to the least loaded', () => {
    const result = assignReviewers({
      applications: [{ id: 'a00' }],
      reviewers: reviewers.map((r) => ({ ...r, load: r.id === 'ra1' ? 1 : r.id === 'rx' ? 0 : 5 })),
      conflicts: new Set(),
      existing: [{ reviewerId: 'ra1', applicationId: 'a00' }],
      k: 2,
      seed: 3,
    });
    expect(result.assignments).toEqual([{ applicationId: 'a00', reviewerId: 'rx' }]);
    expect(result.loads.find((l) => l.reviewerId === 'rx')!.load).toBe(1);
  });

  it('moves load along a chain when conflicts block the direct move', () => {
    // a00 may have only r0 or r1, a01 only r1 or r2: a greedy start that gives both to r1 must be
    // repaired by moving a00 to r0 (or a01 to r2).
    const conflicts = new Set([conflictKey('r2', 'a00'), conflictKey('r0', 'a01')]);
    const three = ['r0', 'r1', 'r2'].map((id) => ({ id, unitId: null, load: 0 }));
    for (let seed = 0; seed < 20; seed++) {
      const result = assignReviewers({
        applications: [{ id: 'a00' }, { id: 'a01' }],
        reviewers: three,
        conflicts,
        k: 1,
        seed,
      });
      expect(Math.max(...loadsOf(result))).toBe(1);
    }
  });

  it('keeps shared units only when the conflicts leave no other choice', () => {
    const conflicts = new Set(['rb1', 'rb2', 'rx', 'ry'].map((r) => conflictKey(r, 'a00')));
    const result = assignReviewers({ applications: [{ id: 'a00' }], reviewers, conflicts, k: 2, seed: 5 });
    expect(reviewersOf(result, 'a00')).toEqual(['ra1', 'ra2']);
    expect(result.sharedUnits).toEqual([{ applicationId: 'a00', unitId: 'A' }]);
  });

  it('is total on empty inputs', () => {
    expect(assignReviewers({ applications: [], reviewers: [], conflicts: new Set(), k: 3, seed: 0 })).toEqual(
      {
        assignments: [],
        shortfalls: [],
        loads: [],
        sharedUnits: [],
      },
    );
    expect(
      assignReviewers({ applications: [{ id: 'a' }], reviewers: [], conflicts: new Set(), k: 1, seed: 0 })
        .shortfalls,
    ).toEqual([{ applicationId: 'a', assigned: 0, missing: 1, reason: 'too_few_reviewers' }]);
  });
});

describe('assignReviewers: properties', () => {
  it('never assigns a conflicted or duplicate pair, nor more than k, and reports every shortfall', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const result = assignReviewers(input);
        const keys = result.assignments.map((p) => conflictKey(p.reviewerId, p.applicationId));
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(input.conflicts.has(key)).toBe(false);
        for (const app of input.applications) {
          const n = reviewersOf(result, app.id).length;
          const eligible = input.reviewers.filter(
            (r) => !input.conflicts.has(conflictKey(r.id, app.id)),
          ).length;
          expect(n).toBe(Math.min(input.k, eligible));
          const shortfall = result.shortfalls.find((s) => s.applicationId === app.id);
          expect(shortfall?.missing ?? 0).toBe(input.k - n);
        }
        const given = new Map(input.reviewers.map((r) => [r.id, r.load]));
        for (const l of result.loads) {
          expect(l.load).toBe(
            given.get(l.reviewerId)! + result.assignments.filter((p) => p.reviewerId === l.reviewerId).length,
          );
        }
      }),
    );
  });

  it('gives the same result for the same inputs and seed, in any input order', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const again = assignReviewers({
          ...input,
          applications: [...input.applications].reverse(),
          reviewers: [...input.reviewers].reverse(),
        });
        expect(again).toEqual(assignReviewers(input));
      }),
    );
  });

  it('keeps max − min load ≤ 1 without conflicts when there are at least k reviewers', () => {
    fc.assert(
      fc.property(instance, fc.integer({ min: 0, max: 4 }), (input, base) => {
        fc.pre(input.reviewers.length >= input.k);
        const balanced = input.reviewers.map((r, i) => ({ ...r, load: base + (i % 2) }));
        const result = assignReviewers({ ...input, reviewers: balanced, conflicts: new Set() });
        expect(spreadOf(result)).toBeLessThanOrEqual(1);
        expect(result.shortfalls).toEqual([]);
      }),
    );
  });
});

/** Every way to give each application min(k, eligible) distinct eligible reviewers. */
function* allAssignments(input: AssignInput): Generator<Map<string, string[]>> {
  const choices = input.applications.map((app) => {
    const eligible = input.reviewers
      .map((r) => r.id)
      .filter((r) => !input.conflicts.has(conflictKey(r, app.id)));
    const size = Math.min(input.k, eligible.length);
    const subsets: string[][] = [];
    const pick = (from: number, acc: string[]) => {
      if (acc.length === size) return void subsets.push(acc);
      for (let i = from; i < eligible.length; i++) pick(i + 1, [...acc, eligible[i]!]);
    };
    pick(0, []);
    return subsets;
  });
  const walk = function* (i: number, acc: Map<string, string[]>): Generator<Map<string, string[]>> {
    if (i === choices.length) return yield new Map(acc);
    for (const subset of choices[i]!) {
      acc.set(input.applications[i]!.id, subset);
      yield* walk(i + 1, acc);
    }
  };
  yield* walk(0, new Map());
}

describe('assignReviewers against exhaustive search', () => {
  const small = instance.map((input) => ({
    ...input,
    applications: input.applications.slice(0, 3),
    reviewers: input.reviewers.slice(0, 5),
    k: Math.min(input.k, 3),
  }));

  it('reaches the most even loads possible (the decreasing load vector is minimal), then the most distinct units', () => {
    fc.assert(
      fc.property(small, (input) => {
        const unitOf = new Map(input.reviewers.map((r) => [r.id, r.unitId ?? `external:${r.id}`]));
        const descending = (loads: number[]) => [...loads].sort((x, y) => y - x);
        const lexLess = (x: number[], y: number[]) => {
          for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
          return false;
        };
        let bestLoads: number[] | null = null;
        let bestUnits = -1;
        for (const choice of allAssignments(input)) {
          const loads = descending(
            input.reviewers.map((r) => r.load + [...choice.values()].filter((s) => s.includes(r.id)).length),
          );
          const units = [...choice.values()].reduce(
            (n, s) => n + new Set(s.map((r) => unitOf.get(r))).size,
            0,
          );
          if (bestLoads === null || lexLess(loads, bestLoads)) [bestLoads, bestUnits] = [loads, units];
          else if (loads.join() === bestLoads.join()) bestUnits = Math.max(bestUnits, units);
        }
        const result = assignReviewers(input);
        expect(descending(loadsOf(result))).toEqual(bestLoads);
        const units = input.applications.reduce(
          (n, a) => n + new Set(reviewersOf(result, a.id).map((r) => unitOf.get(r))).size,
          0,
        );
        expect(units).toBe(bestUnits);
      }),
      { numRuns: 300 },
    );
  });
});
