import { describe, expect, it } from 'vitest';
import { clock, remainingNow } from './presentation';

describe('the presentation timer', () => {
  it('counts down from the server answer while running, and stands still when paused', () => {
    const running = { seconds: 480, remaining: 300, running: true, overtime: false };
    expect(remainingNow(running, 10_000, 10_000)).toBe(300);
    expect(remainingNow(running, 10_000, 12_999)).toBe(298);
    expect(remainingNow(running, 10_000, 9_000)).toBe(300);
    expect(remainingNow(running, 10_000, 10_000 + 301_000)).toBe(-1);
    expect(remainingNow({ ...running, running: false }, 10_000, 99_000)).toBe(300);
  });

  it('shows minutes and seconds, overtime with a plus', () => {
    expect([480, 65, 5, 0, -72].map(clock)).toEqual(['8:00', '1:05', '0:05', '0:00', '+1:12']);
  });
});
