import { describe, expect, it } from 'vitest';
import {
  ApiError,
  authProblemOf,
  buildUrl,
  CSRF_HEADER,
  filenameFromDisposition,
  isMutating,
  requestHeaders,
  toApiError,
} from './client';

describe('toApiError', () => {
  it('keeps code, message, request id and field errors of the server error body', () => {
    const e = toApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '提交的数据有误，请检查标出的字段',
        requestId: 'req-12345678',
        details: [{ field: 'code', code: 'duplicate', message: '组织编码已被使用' }],
      },
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('提交的数据有误，请检查标出的字段');
    expect(e.requestId).toBe('req-12345678');
    expect(e.details).toEqual([{ field: 'code', code: 'duplicate', message: '组织编码已被使用' }]);
    expect(e.extra).toEqual({});
  });

  it('puts further members of the error (the import row errors) in extra', () => {
    const rows = [{ row: 3, column: '组织类型', code: 'invalid_kind', message: '类型无效' }];
    const e = toApiError(422, { error: { code: 'IMPORT_INVALID', message: 'bad rows', errors: rows } });
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.details).toEqual([]);
    expect(e.extra).toEqual({ errors: rows });
  });

  it('drops malformed field errors', () => {
    const e = toApiError(400, {
      error: {
        code: 'X',
        message: 'm',
        details: [null, { code: 'a' }, { field: 'f', code: 'c', message: 'm' }],
      },
    });
    expect(e.details).toEqual([{ field: 'f', code: 'c', message: 'm' }]);
  });

  it('answers UNKNOWN for a body that is not the error vocabulary', () => {
    const e = toApiError(502, '<html>Bad gateway</html>');
    expect([e.status, e.code, e.message]).toEqual([502, 'UNKNOWN', '']);
    expect(toApiError(500, null).code).toBe('UNKNOWN');
  });
});

describe('authProblemOf', () => {
  it('sends a lost session to the login page but not a wrong password', () => {
    expect(authProblemOf(new ApiError(401, 'UNAUTHENTICATED', ''))).toBe('unauthenticated');
    expect(authProblemOf(new ApiError(401, 'INVALID_CREDENTIALS', ''))).toBeNull();
    expect(authProblemOf(new ApiError(401, 'INVALID_SECOND_FACTOR', ''))).toBeNull();
  });

  it('sends a second-factor gate to reading the session again (its page follows)', () => {
    expect(authProblemOf(new ApiError(403, 'SECOND_FACTOR_REQUIRED', ''))).toBe('second_factor');
    expect(authProblemOf(new ApiError(403, 'SECOND_FACTOR_ENROLMENT_REQUIRED', ''))).toBe('second_factor');
  });

  it('sends the password-change gate to the password page and other 403s nowhere', () => {
    expect(authProblemOf(new ApiError(403, 'PASSWORD_CHANGE_REQUIRED', ''))).toBe('password_change_required');
    expect(authProblemOf(new ApiError(403, 'FORBIDDEN', ''))).toBeNull();
    expect(authProblemOf(new ApiError(404, 'NOT_FOUND', ''))).toBeNull();
  });
});

describe('requestHeaders', () => {
  it('sends the CSRF header on every mutation and never on reads', () => {
    for (const m of ['POST', 'PATCH', 'PUT', 'DELETE', 'post'])
      expect(requestHeaders(m, false, 'zh-CN')[CSRF_HEADER]).toBe('1');
    for (const m of ['GET', 'HEAD', 'OPTIONS'])
      expect(requestHeaders(m, false, 'zh-CN')[CSRF_HEADER]).toBeUndefined();
    expect(CSRF_HEADER).toBe('x-shifan-csrf');
  });

  it('sends the UI language and a JSON content type only with a JSON body', () => {
    expect(requestHeaders('POST', true, 'en')).toEqual({
      Accept: 'application/json',
      'Accept-Language': 'en',
      'x-shifan-csrf': '1',
      'Content-Type': 'application/json',
    });
    expect(requestHeaders('GET', false, 'zh-CN')).toEqual({
      Accept: 'application/json',
      'Accept-Language': 'zh-CN',
    });
  });

  it('knows which methods mutate', () => {
    expect([isMutating('GET'), isMutating('POST'), isMutating('delete')]).toEqual([false, true, true]);
  });
});

describe('buildUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(
      buildUrl('/api/organizations', {
        q: '水务 局',
        kind: undefined,
        parentId: null,
        active: '',
        page: 2,
        roots: true,
      }),
    ).toBe('/api/organizations?q=%E6%B0%B4%E5%8A%A1+%E5%B1%80&page=2&roots=true');
  });

  it('answers the bare path without a query', () => {
    expect(buildUrl('/api/venues')).toBe('/api/venues');
    expect(buildUrl('/api/venues', { q: undefined })).toBe('/api/venues');
  });

  it('appends to a path that already has a query', () => {
    expect(buildUrl('/api/x?a=1', { b: 2 })).toBe('/api/x?a=1&b=2');
  });
});

describe('filenameFromDisposition', () => {
  it('prefers the RFC 5987 UTF-8 name', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="organizations.xlsx"; filename*=UTF-8''%E5%85%9A%E7%BB%84%E7%BB%87.xlsx`,
        'x.xlsx',
      ),
    ).toBe('党组织.xlsx');
  });

  it('reads a plain quoted or unquoted name', () => {
    expect(filenameFromDisposition('attachment; filename="audit.xlsx"', 'x')).toBe('audit.xlsx');
    expect(filenameFromDisposition('attachment; filename=audit.xlsx', 'x')).toBe('audit.xlsx');
  });

  it('falls back when there is no usable name', () => {
    expect(filenameFromDisposition(null, '党组织.xlsx')).toBe('党组织.xlsx');
    expect(filenameFromDisposition('attachment', '党组织.xlsx')).toBe('党组织.xlsx');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E5%ZZ", 'f.xlsx')).toBe('f.xlsx');
  });
});
