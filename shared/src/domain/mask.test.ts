import { describe, expect, it } from 'vitest';
import { maskPersonName, maskPhone } from './mask';

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['022-23456789', '022****6789'],
    ['12345', '1****2345'],
    ['1234', '****'],
    ['', ''],
  ])('%s → %s', (input, out) => expect(maskPhone(input)).toBe(out));
  it('keeps null', () => expect(maskPhone(null)).toBeNull());
});

describe('maskPersonName', () => {
  it.each([
    ['张三明', '张*明'],
    ['欧阳小明', '欧**明'],
    ['李四', '李*'],
    ['王', '*'],
    ['', ''],
  ])('%s → %s', (input, out) => expect(maskPersonName(input)).toBe(out));
  it('keeps null', () => expect(maskPersonName(null)).toBeNull());
});
