import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { characterClasses, checkPassword } from './password-policy';

describe('checkPassword', () => {
  it.each([
    ['Nov-29-strong', 'alice', []],
    ['short1A', 'alice', ['too_short']],
    ['alllowercase', 'alice', ['too_few_classes']],
    ['lowerUPPER', 'alice', ['too_few_classes']],
    ['lower-UPPER', 'alice', []],
    ['xAlice-2026', 'alice', ['contains_username']],
    ['Password-2026', 'bob', ['too_common']],
    ['Shifan#2026x', 'bob', ['too_common']],
    ['ab', 'ab', ['too_short', 'too_few_classes']],
  ])('%s for user %s → %j', (password, user, expected) => {
    expect(checkPassword(password, user)).toEqual(expected);
  });

  it('accepts a 64-character password and never truncates: 129 characters are too long', () => {
    const p64 = 'Aa1-'.repeat(16);
    expect(checkPassword(p64, 'carol')).toEqual([]);
    expect(checkPassword(`${'Aa1-'.repeat(32)}x`, 'carol')).toEqual(['too_long']);
  });

  it('counts Chinese characters as symbols and lengths by code point', () => {
    expect(characterClasses('示范abc1')).toBe(3);
    expect(checkPassword('示范创建Ab12', 'dave')).toEqual([]);
    expect(checkPassword('示范创建Ab1', 'dave')).toEqual(['too_short']);
    expect(checkPassword('😀😀😀Ab1', 'dave')).toEqual(['too_short']);
  });

  it('accepts exactly the passwords with ≥ 8 code points, ≥ 3 classes and no username (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40 }), (p) => {
        const v = checkPassword(p, 'zz_user');
        const oracle = [...p].length >= 8 && characterClasses(p) >= 3 && !p.toLowerCase().includes('zz_user');
        const onlyCommon = v.length === 1 && v[0] === 'too_common';
        expect(v.length === 0 || onlyCommon ? oracle : !oracle || onlyCommon).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
