import { describe, expect, it } from 'vitest';
import { createOrganization } from '../../../shared/src/contracts/organizations';
import { createAccount } from '../../../shared/src/contracts/accounts';
import { createVenue } from '../../../shared/src/contracts/venues';
import { checkField, emptyToNull, issueMessage, normaliseInput, zodRule } from './validation';

const O = createOrganization.shape;

describe('checkField against the contracts', () => {
  it('asks for required text and passes optional text left empty', () => {
    expect(checkField(O.name, undefined)).toEqual({ key: 'required' });
    expect(checkField(O.name, '   ')).toEqual({ key: 'required' });
    expect(checkField(O.name, '市水务局机关党委')).toBeNull();
    expect(checkField(O.shortName, '')).toBeNull();
    expect(checkField(O.contactPhone, '')).toBeNull();
  });

  it('says how long text may be', () => {
    expect(checkField(O.name, 'x'.repeat(101))).toEqual({ key: 'maxLength', values: { max: 100 } });
    expect(checkField(createAccount.shape.username, 'ab')).toEqual({ key: 'minLength', values: { min: 3 } });
  });

  it('refuses a malformed code or phone and passes good ones', () => {
    // Codes and phones state their rule (issue 7 §1.10).
    expect(checkField(O.code, 'TJ 01')).toEqual({ key: 'format_orgCode' });
    expect(checkField(O.code, 'TJJGGW-18.001_a')).toBeNull();
    expect(checkField(O.contactPhone, '138-abc')).toEqual({ key: 'format_phone' });
    expect(checkField(O.contactPhone, '022-23456789')).toBeNull();
  });

  it('checks number ranges and whole numbers', () => {
    expect(checkField(O.memberCount, -1)).toEqual({ key: 'min', values: { min: 0 } });
    expect(checkField(O.memberCount, 1.5)).toEqual({ key: 'integer' });
    expect(checkField(O.memberCount, null)).toBeNull();
    expect(checkField(createVenue.shape.openedYear, 1900)).toEqual({ key: 'min', values: { min: 1921 } });
    expect(checkField(createVenue.shape.openedYear, 2200)).toEqual({ key: 'max', values: { max: 2100 } });
  });

  it('refuses control characters as the server does: none in a name, tab and line breaks in notes', () => {
    expect(checkField(O.name, '市水务局\u0000机关党委')).toEqual({ key: 'control' });
    expect(checkField(O.name, '市水务局\n机关党委')).toEqual({ key: 'control' });
    expect(checkField(createVenue.shape.facilities, '投影仪\n音响\t20 座')).toBeNull();
    expect(checkField(createVenue.shape.facilities, '投影仪\u0000')).toEqual({ key: 'control' });
  });

  it('folds a full-width username as the server does', () => {
    expect(checkField(createAccount.shape.username, 'ＵＡＤＭＩＮ')).toBeNull();
    expect(checkField(createAccount.shape.username, 'wang jian')).toEqual({ key: 'format' });
  });
});

describe('issueMessage', () => {
  it('maps the Zod 4 issue codes to catalogue keys', () => {
    expect(issueMessage({ code: 'invalid_type', input: undefined, expected: 'string' })).toEqual({
      key: 'required',
    });
    expect(issueMessage({ code: 'invalid_type', input: 'x', expected: 'number' })).toEqual({ key: 'number' });
    expect(issueMessage({ code: 'too_big', maximum: 5, origin: 'number' })).toEqual({
      key: 'max',
      values: { max: 5 },
    });
    expect(issueMessage({ code: 'invalid_value' })).toEqual({ key: 'invalid' });
  });
});

describe('zodRule', () => {
  it('marks required fields and rejects with the translated message', async () => {
    const rule = zodRule(O.name, (m) => `msg:${m.key}`);
    expect(rule.required).toBe(true);
    await expect(rule.validator(null, '')).rejects.toThrow('msg:required');
    await expect(rule.validator(null, '党委')).resolves.toBeUndefined();
    expect(zodRule(O.secretary, (m) => m.key).required).toBe(false);
  });
});

describe('input helpers', () => {
  it('treats empty input as absent', () => {
    expect([
      normaliseInput(''),
      normaliseInput(null),
      normaliseInput('  '),
      normaliseInput(0),
      normaliseInput('a'),
    ]).toEqual([undefined, undefined, undefined, 0, 'a']);
  });

  it('turns empty text into null and trims the rest, leaving other values alone', () => {
    expect(emptyToNull({ a: '', b: ' x ', c: 3, d: undefined, e: null })).toEqual({
      a: null,
      b: 'x',
      c: 3,
      d: undefined,
      e: null,
    });
  });
});
