import { ApiError, CLIENT_CODES } from '../api/client';

/**
 * Why a page could not be shown: `offline` — the server could not be reached (keep the layout, say so,
 * retry); `updated` — a page module is gone although the server answers (a deploy: reload); `broken` — anything else.
 */
export type RouteFailure = 'offline' | 'updated' | 'broken';

const CHUNK_FAILURE =
  /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS|Loading (CSS )?chunk/i;

export function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && CHUNK_FAILURE.test(error.message);
}

export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError && error.code === CLIENT_CODES.network;
}

/** `serverReachable`: whether the server answered a probe just now (null while unknown). */
export function routeFailureKind(error: unknown, serverReachable: boolean | null): RouteFailure {
  if (isNetworkError(error)) return 'offline';
  if (!isChunkLoadError(error)) return 'broken';
  return serverReachable === false ? 'offline' : 'updated';
}

/** Whether the server answers at all (any HTTP answer counts; only a failed fetch does not). */
export async function serverAnswers(): Promise<boolean> {
  try {
    await fetch('/api/health', { cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}
