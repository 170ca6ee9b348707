import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { shouldRetry } from './query';

describe('shouldRetry', () => {
  it('never retries a client error: it is an answer', () => {
    expect(shouldRetry(0, new ApiError(404, 'NOT_FOUND', ''))).toBe(false);
    expect(shouldRetry(0, new ApiError(401, 'UNAUTHENTICATED', ''))).toBe(false);
  });

  it('retries a server failure once', () => {
    expect(shouldRetry(0, new ApiError(503, 'UNAVAILABLE', ''))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, 'UNAVAILABLE', ''))).toBe(false);
  });

  it('retries a lost connection three times', () => {
    expect([0, 1, 2, 3].map((n) => shouldRetry(n, new ApiError(0, 'NETWORK', '')))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
