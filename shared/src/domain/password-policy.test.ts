import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dictionary } from '@zxcvbn-ts/language-common';
import {
  characterClasses,
  checkPassword,
  DEFAULT_PASSWORD_POLICY,
  passwordForms,
  passwordViolationText,
  PASSWORD_VIOLATIONS,
  PASSWORD_VIOLATION_TEXT,
} from './password-policy';

const commonPasswords = new Set((dictionary as Record<string, string[]>)['passwords-common']!);
const check = (password: string, username = 'zz_user', more: object = {}) =>
  checkPassword(password, { username, commonPasswords, ...more });

describe('checkPassword', () => {
  it.each([
    ['Nov-29-strong', 'alice', []],
    ['short1A', 'alice', ['too_short']],
    ['alllowercase', 'alice', ['too_few_classes']],
    ['lowerUPPER', 'alice', ['too_few_classes']],
    ['lower-UPPER', 'alice', []],
    ['xAlice-2026', 'alice', ['contains_username']],
    ['Password-2026', 'bob', ['too_common']],
    ['Shifan#2026x', 'bob', ['context_word']],
    ['ab', 'ab', ['too_short', 'too_few_classes']],
  ])('%s for user %s → %j', (password, user, expected) => {
    expect(check(password, user)).toEqual(expected);
  });

  it.each([
    // Issue #9 §1.4: each example refused, for the right reason.
    ['Admin@123', 'zhangsan', ['too_common']],
    ['P@ssword1', 'zhangsan', ['too_common']],
    ['Qwerty123!', 'zhangsan', ['too_common']],
    ['党工委Abc123!', 'zhangsan', ['context_word']],
    ['天津示范Abc12', 'zhangsan', ['context_word']],
    ['Liu-Hongmei-2026', 'liuhongmei', ['contains_username']],
    ['xHONG-mei#2026', 'liuhongmei', ['contains_username']],
    // More of the same families: leet, trailing digits and symbols, pinyin, de-leeted context words.
    ['Passw0rd!', 'zhangsan', ['too_common']],
    ['Iloveyou2026!', 'zhangsan', ['too_common']],
    ['Dragon#2026', 'zhangsan', ['too_common']],
    ['1qaz@WSX', 'zhangsan', ['too_common']],
    ['Sh1fan-2026x', 'zhangsan', ['context_word']],
    ['Tianjin@2026', 'zhangsan', ['context_word']],
    ['机关Abcd1234', 'zhangsan', ['context_word']],
    ['Dangjian#2026', 'zhangsan', ['context_word']],
    ['党建Abcd12', 'zhangsan', ['context_word']],
    ['工委-Abcd12', 'zhangsan', ['context_word']],
  ])('%s (user %s) → %j', (password, user, expected) => {
    expect(check(password, user)).toEqual(expected);
  });

  it("refuses the organisation's name and short name", () => {
    const organizationNames = ['河西区委组织部', '河西组织部', null];
    expect(check('河西组织部-Abc1', 'zz_user', { organizationNames })).toEqual(['context_word']);
    expect(check('Ab1-河西区委组织部', 'zz_user', { organizationNames })).toEqual(['context_word']);
    expect(check('河东组织部-Abc1', 'zz_user', { organizationNames })).toEqual([]);
  });

  it('refuses any 4 characters of the username in a row, case-insensitively; a 3-character name whole', () => {
    expect(check('Xy-hong#2026', 'liuhongmei')).toEqual(['contains_username']);
    expect(check('Xy-hon#2026q', 'liuhongmei')).toEqual([]);
    expect(check('Bob-is-42x', 'bob')).toEqual(['contains_username']);
    expect(check('Bo-b-is-42x', 'bob')).toEqual([]);
  });

  it('asks 12 characters of the privileged roles, 8 of the others', () => {
    for (const role of ['committee_admin', 'unit_admin', 'security_admin', 'audit_admin'] as const) {
      expect(check('Kx7#mPq2-Lr', 'zz_user', { role }), role).toEqual(['too_short']);
      expect(check('Kx7#mPq2-Lrv', 'zz_user', { role }), role).toEqual([]);
    }
    for (const role of ['applicant', 'reviewer'] as const)
      expect(check('Kx7#mPq2', 'zz_user', { role })).toEqual([]);
    expect(passwordViolationText('too_short', DEFAULT_PASSWORD_POLICY, 'audit_admin').en).toBe(
      'The password is too short: at least 12 characters',
    );
    expect(passwordViolationText('too_short', DEFAULT_PASSWORD_POLICY, 'applicant').zh).toBe(
      '密码长度不足，至少 8 个字符',
    );
    expect(passwordViolationText('reused', DEFAULT_PASSWORD_POLICY).zh).toBe(
      '新密码不能与最近 5 次使用过的密码相同',
    );
  });

  it('normalises: lower case, substitutions undone, trailing digits and symbols off', () => {
    expect(passwordForms('P@ssw0rd1!')).toEqual(
      expect.arrayContaining(['p@ssw0rd1!', 'p@ssw0rd', 'password']),
    );
    expect(passwordForms('H3ll0!!')).toContain('hello');
    expect(passwordForms('Adm1n$')).toEqual(expect.arrayContaining(['admin', 'adm1n']));
  });

  it('accepts a 64-character password and never truncates: 129 characters are too long', () => {
    const p64 = 'Aa1-'.repeat(16);
    expect(check(p64, 'carol')).toEqual([]);
    expect(check(`${'Aa1-'.repeat(32)}x`, 'carol')).toEqual(['too_long']);
  });

  it('counts Chinese characters as symbols and lengths by code point', () => {
    expect(characterClasses('示例abc1')).toBe(3);
    expect(check('创建先锋Ab12', 'dave')).toEqual([]);
    expect(check('创建先锋Ab1', 'dave')).toEqual(['too_short']);
    expect(check('😀😀😀Ab1', 'dave')).toEqual(['too_short']);
  });

  it('has a text in both languages for every violation', () => {
    for (const v of PASSWORD_VIOLATIONS) {
      expect(PASSWORD_VIOLATION_TEXT[v].zh, v).toMatch(/[\u4e00-\u9fff]/);
      expect(PASSWORD_VIOLATION_TEXT[v].en, v).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('accepts strong random passwords of 12 to 32 characters for every role (property)', () => {
    const lower = 'abcdefghijkmnopqrstuvwxyz';
    const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const digits = '0123456789';
    const symbols = '-_#%+=@!?.,:;*';
    const char = (s: string) => fc.constantFrom(...s.split(''));
    const strong = fc
      .tuple(
        char(lower),
        char(upper),
        char(digits),
        char(symbols),
        fc.array(fc.oneof(char(lower), char(upper), char(digits), char(symbols)), {
          minLength: 8,
          maxLength: 28,
        }),
        fc.integer({ min: 0, max: 1_000_000 }),
      )
      .map(([a, b, c, d, rest, seed]) => {
        const cs = [a, b, c, d, ...rest];
        for (let i = cs.length - 1, s = seed; i > 0; i--, s = (s * 1103515245 + 12345) % 2147483648) {
          const j = s % (i + 1);
          [cs[i], cs[j]] = [cs[j]!, cs[i]!];
        }
        return cs.join('');
      });
    const role = fc.constantFrom(
      'committee_admin',
      'unit_admin',
      'applicant',
      'reviewer',
      'security_admin',
      'audit_admin',
    );
    fc.assert(
      fc.property(strong, role, (p, r) => {
        expect(check(p, '王小明', { role: r, organizationNames: ['河西区委', '河西'] })).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('refuses exactly what the composition rules refuse when there is no list (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40 }), (p) => {
        const v = checkPassword(p, '王小明');
        expect(v.includes('too_short')).toBe([...p].length < 8);
        expect(v.includes('too_few_classes')).toBe(characterClasses(p) < 3);
        expect(v.includes('too_common')).toBe(false);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);
});
