import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawGroups, drawOrder, isSeed, randomSource, sample, SEED_MAX, shuffle } from './draw';

const TEN = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

/** The algorithm exactly as the header of draw.ts writes it, without the library. */
function documentedShuffle(ids: readonly string[], seed: number): string[] {
  let [s01, s00, s11, s10] = [-1, ~seed, seed | 0, 0];
  const next = () => {
    const out = (s00 + s10) | 0;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    const [o00, o01] = [s00, s01];
    s00 = (o00 << 24) ^ (o01 >>> 8) ^ a0 ^ (a0 << 16);
    s01 = (o01 << 24) ^ (o00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s10 = (a1 << 5) ^ (a0 >>> 27);
    s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  };
  const uniform = (i: number) => {
    const r = i + 1;
    const limit = r > 2 ? Math.floor(2 ** 32 / r) * r : 2 ** 32;
    let v = next() + 2 ** 31;
    while (v >= limit) v = next() + 2 ** 31;
    return v % r;
  };
  const out = [...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniform(i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('shuffle', () => {
  it('gives a fixed order for a known seed', () => {
    // Seed 42: the first output is ~42 = −43, so v = 2³¹ − 43 = 2147483605 and j = v mod 10 = 5: the
    // last place goes to the sixth id, 'f'. The rest follows the same way (checked against the
    // library-free implementation above); these arrays must never change, or recorded draws break.
    expect(shuffle(TEN, 42)).toEqual(['j', 'b', 'i', 'a', 'g', 'c', 'e', 'h', 'd', 'f']);
    expect(shuffle(TEN, 0)).toEqual(['b', 'e', 'i', 'c', 'g', 'f', 'j', 'a', 'd', 'h']);
    expect(shuffle(TEN, SEED_MAX)).toEqual(['f', 'j', 'a', 'g', 'b', 'e', 'd', 'h', 'c', 'i']);
  });

  it('is the algorithm written in the file header', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { maxLength: 40 }),
        fc.integer({ min: 0, max: SEED_MAX }),
        (ids, seed) => {
          expect(shuffle(ids, seed)).toEqual(documentedShuffle(ids, seed));
        },
      ),
    );
  });

  it('depends only on the set of ids and the seed', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.string(), { maxLength: 30 })
          .chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }))),
        fc.integer({ min: 0, max: SEED_MAX }),
        ([ids, reordered], seed) => {
          const out = shuffle(ids, seed);
          expect(shuffle(reordered, seed)).toEqual(out);
          expect([...out].sort()).toEqual([...ids].sort());
        },
      ),
    );
  });

  it('gives different orders for different seeds', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `app-${String(i).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SEED_MAX }), fc.integer({ min: 0, max: SEED_MAX }), (s, t) => {
        fc.pre(s !== t);
        expect(shuffle(ids, s)).not.toEqual(shuffle(ids, t));
      }),
    );
    const seen = new Set(Array.from({ length: 200 }, (_, seed) => shuffle(ids, seed).join(',')));
    expect(seen.size).toBe(200);
  });

  it('shuffles objects by their id', () => {
    const items = TEN.map((id) => ({ id, name: id.toUpperCase() }));
    expect(shuffle(items, 42, (x) => x.id).map((x) => x.id)).toEqual(shuffle(TEN, 42));
  });

  it('handles empty and single lists', () => {
    expect(shuffle([], 7)).toEqual([]);
    expect(shuffle(['only'], 7)).toEqual(['only']);
  });

  it('puts each id first about equally often', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 4000; seed++) {
      const first = shuffle(['a', 'b', 'c', 'd'], seed)[0]!;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    // 1000 expected each; 4 SD of a binomial(4000, 1/4) is about 110
    for (const id of ['a', 'b', 'c', 'd']) expect(Math.abs(counts.get(id)! - 1000)).toBeLessThan(110);
  });
});

describe('seeds', () => {
  it('accepts unsigned 32-bit integers only', () => {
    expect(isSeed(0)).toBe(true);
    expect(isSeed(SEED_MAX)).toBe(true);
    expect(isSeed(SEED_MAX + 1)).toBe(false);
    expect(isSeed(-1)).toBe(false);
    expect(isSeed(1.5)).toBe(false);
    expect(isSeed('42')).toBe(false);
    expect(() => randomSource(-1)).toThrow(RangeError);
  });
});

describe('drawOrder and sample', () => {
  it('numbers the drawn order from 1', () => {
    expect(drawOrder(['x', 'y', 'z'], 42)).toEqual(
      shuffle(['x', 'y', 'z'], 42).map((applicationId, i) => ({ applicationId, position: i + 1 })),
    );
    expect(drawOrder([], 42)).toEqual([]);
  });

  it('samples the head of the shuffle, clamped to the list', () => {
    expect(sample(TEN, 3, 42)).toEqual(['j', 'b', 'i']);
    expect(sample(TEN, 0, 42)).toEqual([]);
    expect(sample(TEN, 99, 42)).toEqual(shuffle(TEN, 42));
    expect(sample(TEN, -2, 42)).toEqual([]);
    expect(
      sample(
        TEN.map((id) => ({ id })),
        2,
        42,
        (x) => x.id,
      ),
    ).toEqual([{ id: 'j' }, { id: 'b' }]);
  });

  it('gives a uniform integer in range', () => {
    const rng = randomSource(9);
    for (let i = 0; i < 200; i++) {
      const v = rng.int(6);
      expect(Number.isInteger(v) && v >= 0 && v <= 6).toBe(true);
    }
  });
});

describe('drawGroups', () => {
  it('cuts the drawn order into the fewest groups of at most the size, sizes within one', () => {
    expect(drawGroups(TEN, 4, 42)).toEqual([
      ['j', 'b', 'i', 'a'],
      ['g', 'c', 'e'],
      ['h', 'd', 'f'],
    ]);
    expect(drawGroups(TEN, 10, 42)).toEqual([shuffle(TEN, 42)]);
    expect(drawGroups(TEN, 0, 42)).toEqual([shuffle(TEN, 42)]);
    expect(drawGroups([], 4, 42)).toEqual([]);
  });

  it('keeps every member exactly once and the sizes even', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: SEED_MAX }),
        (ids, size, seed) => {
          const groups = drawGroups(ids, size, seed);
          expect(groups.flat()).toEqual(shuffle(ids, seed));
          expect(groups.length).toBe(Math.ceil(ids.length / size));
          const sizes = groups.map((g) => g.length);
          if (sizes.length > 0) {
            expect(Math.max(...sizes)).toBeLessThanOrEqual(size);
            expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
