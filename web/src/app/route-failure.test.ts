import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { routeFailureKind } from './route-failure';

const chunk = new TypeError(
  'Failed to fetch dynamically imported module: http://localhost/assets/AuditPage-abc123.js',
);

describe('routeFailureKind: only a missing page module on a reachable server suggests an update', () => {
  it('a failed chunk load while the server cannot be reached is a lost connection', () => {
    expect(routeFailureKind(chunk, false)).toBe('offline');
  });

  it('a failed chunk load while the server answers is a deploy', () => {
    expect(routeFailureKind(chunk, true)).toBe('updated');
    expect(routeFailureKind(new TypeError('Importing a module script failed.'), true)).toBe('updated');
  });

  it('a network error from the API is a lost connection whatever the probe says', () => {
    expect(routeFailureKind(new ApiError(0, 'NETWORK', ''), true)).toBe('offline');
  });

  it('any other failure is neither', () => {
    expect(routeFailureKind(new Error('x is undefined'), false)).toBe('broken');
    expect(routeFailureKind(new ApiError(500, 'INTERNAL', ''), true)).toBe('broken');
  });
});
