import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conflictKey, conflictReason, conflictSet, derivedConflicts } from './conflicts';

// root R; unit A with branch A1 (and A1's sub-branch A1x) and A2; unit B with B1
const P = {
  R: '/R/',
  A: '/R/A/',
  A1: '/R/A/A1/',
  A1x: '/R/A/A1/A1x/',
  A2: '/R/A/A2/',
  B: '/R/B/',
  B1: '/R/B/B1/',
};

describe('conflictReason', () => {
  it('names the relation of the reviewer’s organisation to the applicant', () => {
    expect(conflictReason(P.A1, P.A1)).toBe('same_unit');
    expect(conflictReason(P.A, P.A1)).toBe('superior');
    expect(conflictReason(P.A1, P.A1x)).toBe('superior');
    expect(conflictReason(P.A1x, P.A1)).toBe('subordinate');
    expect(conflictReason(P.A1, P.A)).toBe('subordinate');
    expect(conflictReason(P.A2, P.A1)).toBe('same_unit');
    expect(conflictReason(P.A1x, P.A2)).toBe('same_unit');
  });

  it('finds none across units, for external reviewers, or for the working committee', () => {
    expect(conflictReason(P.B1, P.A1)).toBeNull();
    expect(conflictReason(P.B, P.A)).toBeNull();
    expect(conflictReason(null, P.A1)).toBeNull();
    expect(conflictReason(P.R, P.A1)).toBeNull();
  });

  it('does not mistake a sibling whose id starts the same for a superior', () => {
    expect(conflictReason('/R/A/A1/', '/R/A/A10/')).toBe('same_unit');
    expect(conflictReason('/R/A/', '/R/A0/')).toBeNull();
  });
});

describe('derivedConflicts', () => {
  it('lists every conflicted pair with its reason, sorted', () => {
    const reviewers = [
      { id: 'r-ext', orgPath: null },
      { id: 'r-a1', orgPath: P.A1 },
      { id: 'r-b', orgPath: P.B },
      { id: 'r-root', orgPath: P.R },
    ];
    const applications = [
      { id: 'app-a2', orgPath: P.A2 },
      { id: 'app-a1x', orgPath: P.A1x },
      { id: 'app-b1', orgPath: P.B1 },
      { id: 'app-a1', orgPath: P.A1 },
    ];
    expect(derivedConflicts(reviewers, applications)).toEqual([
      { reviewerId: 'r-a1', applicationId: 'app-a1', reason: 'same_unit' },
      { reviewerId: 'r-a1', applicationId: 'app-a1x', reason: 'superior' },
      { reviewerId: 'r-a1', applicationId: 'app-a2', reason: 'same_unit' },
      { reviewerId: 'r-b', applicationId: 'app-b1', reason: 'superior' },
    ]);
    expect(derivedConflicts([], applications)).toEqual([]);
  });

  it('agrees with checking every pair', () => {
    const path = fc
      .array(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 4 })
      .map((ids) => `/R/${ids.map((id, i) => `${id}${i}`).join('/')}/`);
    fc.assert(
      fc.property(
        fc.array(fc.option(path, { nil: null }), { maxLength: 6 }),
        fc.array(path, { maxLength: 6 }),
        (rs, as) => {
          const reviewers = rs.map((orgPath, i) => ({ id: `r${i}`, orgPath }));
          const applications = as.map((orgPath, i) => ({ id: `a${i}`, orgPath }));
          const expected = reviewers.flatMap((r) =>
            applications.flatMap((a) => {
              const reason = conflictReason(r.orgPath, a.orgPath!);
              return reason ? [{ reviewerId: r.id, applicationId: a.id, reason }] : [];
            }),
          );
          expect(derivedConflicts(reviewers, applications)).toEqual(expected);
        },
      ),
    );
  });
});

describe('conflictSet', () => {
  it('is derived minus overridden plus declared', () => {
    const set = conflictSet(
      [
        { reviewerId: 'r1', applicationId: 'a1' },
        { reviewerId: 'r1', applicationId: 'a2' },
      ],
      [{ reviewerId: 'r2', applicationId: 'a3' }],
      [
        { reviewerId: 'r1', applicationId: 'a2' },
        { reviewerId: 'r2', applicationId: 'a3' },
      ],
    );
    expect([...set].sort()).toEqual([conflictKey('r1', 'a1'), conflictKey('r2', 'a3')]);
    expect(conflictSet([])).toEqual(new Set());
  });
});
