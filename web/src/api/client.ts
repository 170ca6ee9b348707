/**
 * The one HTTP client of the web app. Every request sends the UI language; every mutation sends the
 * CSRF header and same-origin credentials. Failures become `ApiError` (the server's error vocabulary);
 * 401 and the password-change gate are announced to the app, which redirects.
 */

import { CSRF_HEADER } from '../../../shared/src/contracts/auth';

export { CSRF_HEADER };

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Codes the client itself produces (no answer, or an answer that is not the server's error body). */
export const CLIENT_CODES = { network: 'NETWORK', unknown: 'UNKNOWN' } as const;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly requestId: string | undefined = undefined,
    /** Any further members of `error` (e.g. the import's row `errors`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns an HTTP failure into an ApiError; `body` is the parsed JSON, or anything else the server sent. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = (body as { error?: unknown } | null)?.error;
  if (err && typeof err === 'object' && typeof (err as { code?: unknown }).code === 'string') {
    const { code, message, requestId, details, ...extra } = err as Record<string, unknown>;
    const problems = Array.isArray(details)
      ? details.filter(
          (d): d is FieldProblem =>
            !!d && typeof d === 'object' && typeof (d as FieldProblem).field === 'string',
        )
      : [];
    return new ApiError(
      status,
      code as string,
      typeof message === 'string' ? message : '',
      problems,
      typeof requestId === 'string' ? requestId : undefined,
      extra,
    );
  }
  return new ApiError(status, CLIENT_CODES.unknown, '');
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `path?k=v…`, leaving out empty values (undefined, null, ''). */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export function isMutating(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

let language = 'zh-CN';
export function setApiLanguage(lang: string): void {
  language = lang;
}

export function requestHeaders(method: string, jsonBody: boolean, lang = language): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (isMutating(method)) h[CSRF_HEADER] = '1';
  if (jsonBody) h['Content-Type'] = 'application/json';
  return h;
}

export type AuthProblem = 'unauthenticated' | 'password_change_required' | 'second_factor';
const authListeners = new Set<(p: AuthProblem) => void>();

/**
 * The app subscribes once: 401 → the login page; PASSWORD_CHANGE_REQUIRED → the password page; a
 * second-factor gate → the session is read again and the gate's page shown.
 */
export function onAuthProblem(listener: (p: AuthProblem) => void): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

/** Which app-wide reaction an error calls for (a wrong password at login is not a lost session). */
export function authProblemOf(err: ApiError): AuthProblem | null {
  if (err.status === 401 && err.code !== 'INVALID_CREDENTIALS' && err.code !== 'INVALID_SECOND_FACTOR')
    return 'unauthenticated';
  if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') return 'password_change_required';
  if (
    err.status === 403 &&
    (err.code === 'SECOND_FACTOR_REQUIRED' || err.code === 'SECOND_FACTOR_ENROLMENT_REQUIRED')
  )
    return 'second_factor';
  return null;
}

export function announce(err: ApiError): void {
  const p = authProblemOf(err);
  if (p) for (const l of authListeners) l(p);
}

async function failure(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const err = toApiError(res.status, body);
  announce(err);
  return err;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const hasBody = opts.body !== undefined;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers: requestHeaders(method, hasBody),
      body: hasBody ? JSON.stringify(opts.body) : undefined,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, CLIENT_CODES.network, '');
  }
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) =>
    request<T>('POST', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** `attachment; filename*=UTF-8''%E7%BB%84.xlsx` → `组.xlsx`; falls back when the header says nothing usable. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = (plain?.[2] ?? plain?.[1])?.trim();
  return name ? name : fallback;
}

/** Downloads a file answer (an export) through fetch, so errors surface as ApiError rather than a JSON page. */
export async function download(
  path: string,
  query: Query | undefined,
  fallbackName: string,
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      headers: { 'Accept-Language': language },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, CLIENT_CODES.network, '');
  }
  if (!res.ok) throw await failure(res);
  const name = filenameFromDisposition(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/**
 * A multipart upload through XMLHttpRequest, for its upload progress events (fetch has none).
 * Resolves with the parsed JSON answer; rejects with ApiError like `request`.
 */
export function uploadFile<T>(
  path: string,
  query: Query | undefined,
  field: string,
  file: Blob & { name?: string },
  onProgress: (percent: number) => void,
  /** Multipart fields sent before the file (the server reads them first). */
  fields: Record<string, string> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, query));
    xhr.withCredentials = false; // same origin: cookies go anyway
    for (const [k, v] of Object.entries(requestHeaders('POST', false))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, CLIENT_CODES.network, ''));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as T);
        return;
      }
      const err = toApiError(xhr.status, body);
      announce(err);
      reject(err);
    };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append(field, file, file.name ?? 'upload');
    xhr.send(form);
  });
}
