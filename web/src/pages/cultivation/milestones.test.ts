import { describe, expect, it } from 'vitest';
import { isOverdue, validScore } from './milestones';

describe('isOverdue', () => {
  it('is overdue only when open and due before today', () => {
    expect(isOverdue({ done: false, dueOn: '2026-11-28' }, '2026-11-29')).toBe(true);
    expect(isOverdue({ done: false, dueOn: '2026-11-29' }, '2026-11-29')).toBe(false);
    expect(isOverdue({ done: true, dueOn: '2026-01-01' }, '2026-11-29')).toBe(false);
    expect(isOverdue({ done: false, dueOn: null }, '2026-11-29')).toBe(false);
  });
});

describe('validScore', () => {
  it('accepts empty and half-point steps within the maximum', () => {
    expect(validScore(null, 10)).toBe(true);
    expect(validScore(0, 10)).toBe(true);
    expect(validScore(7.5, 10)).toBe(true);
    expect(validScore(10, 10)).toBe(true);
  });
  it('rejects negatives, values above the maximum and other fractions', () => {
    expect(validScore(-0.5, 10)).toBe(false);
    expect(validScore(10.5, 10)).toBe(false);
    expect(validScore(7.3, 10)).toBe(false);
  });
});
