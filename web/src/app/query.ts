import { QueryClient } from '@tanstack/react-query';
import { ApiError, CLIENT_CODES } from '../api/client';

/**
 * Client errors (4xx) are answers, not hiccups: never retried. A lost connection is retried three times
 * (react-query backs off 1 s, 2 s, 4 s); other failures get one more try.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  if (error instanceof ApiError && error.code === CLIENT_CODES.network) return failureCount < 3;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}
