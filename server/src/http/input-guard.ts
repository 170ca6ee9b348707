/**
 * The input guard: no request field reaches a service with a NUL (U+0000) in it, whatever its contract
 * says. The contracts' text helpers refuse control characters first, with the field's own rule; this is
 * the net under them for a contract that uses a plain `z.string()`:
 *
 * - after validation (preHandler), the query, the route params and a JSON body are walked — keys and
 *   string values at any depth; a NUL answers 400 VALIDATION_FAILED naming the field;
 * - a multipart request's `parts()`, `file()` and `files()` are wrapped, so each part is checked as the
 *   route reads it: a NUL in a field name or value is refused the same way, and a file name with any
 *   control character answers 400 INVALID_FILE (`name_control`); a body cut short or otherwise broken
 *   is marked a client error (400), never a 500.
 *
 * A route that chose to handle its own validation (`attachValidation`) is left to do so.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import fp from 'fastify-plugin';
import {
  CONTROL_CHARACTER,
  CONTROL_CHARACTER_TEXT,
  escapeControls as printable,
} from '../../../shared/src/contracts/common';
import { AppError, fieldError } from '../core/errors';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function refused(field: string): AppError {
  return new AppError('VALIDATION_FAILED', [
    fieldError(printable(field), CONTROL_CHARACTER, CONTROL_CHARACTER_TEXT.zh, CONTROL_CHARACTER_TEXT.en),
  ]);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The path of the first string (or key) holding a NUL, or null. */
export function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findNul(v, join(path, String(i)), depth + 1);
      if (hit !== null) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return join(path, k);
    const hit = findNul(v, join(path, k), depth + 1);
    if (hit !== null) return hit;
  }
  return null;
}

/** Refuses a part with a NUL in its name or value, or a file name with a control character. */
function checkPart(part: Multipart): void {
  if (part.fieldname.includes('\u0000')) {
    if (part.type === 'file') part.file.resume();
    throw refused(part.fieldname);
  }
  if (part.type === 'field') {
    if (typeof part.value === 'string' && part.value.includes('\u0000')) throw refused(part.fieldname);
    return;
  }
  if (part.filename && CONTROL.test(part.filename)) {
    part.file.resume();
    throw new AppError('INVALID_FILE', [
      fieldError(
        printable(part.fieldname),
        'name_control',
        '文件名含有控制字符',
        'The file name contains control characters',
      ),
    ]);
  }
  // A body cut short ends the file stream with a parser error: the client's fault. It may have ended so
  // already, before the route got the part.
  if (part.file.errored) markClientError(part.file.errored);
  else part.file.once('error', markClientError);
}

/** Parser errors (truncated or malformed multipart) become 400s, whoever handles them. */
function markClientError(err: unknown): void {
  const e = err as { statusCode?: number } | null;
  if (e && typeof e === 'object' && !(err instanceof AppError) && e.statusCode === undefined)
    e.statusCode = 400;
}

function guardMultipart(req: FastifyRequest): void {
  const parts = req.parts.bind(req);
  async function* checked(options?: Parameters<FastifyRequest['parts']>[0]): AsyncGenerator<Multipart> {
    const it = parts(options);
    for (;;) {
      let next: IteratorResult<Multipart>;
      try {
        next = await it.next();
      } catch (err) {
        markClientError(err);
        throw err;
      }
      if (next.done) return;
      checkPart(next.value);
      yield next.value;
    }
  }
  req.parts = checked as FastifyRequest['parts'];
  req.file = (async (options?: Parameters<FastifyRequest['file']>[0]) => {
    // Not a for-await: returning from one would close the iterator while the caller reads the file.
    const it = checked(options);
    for (let n = await it.next(); !n.done; n = await it.next())
      if (n.value.type === 'file') return n.value as MultipartFile;
    return undefined;
  }) as FastifyRequest['file'];
  req.files = async function* (options?: Parameters<FastifyRequest['files']>[0]) {
    for await (const part of checked(options)) if (part.type === 'file') yield part as MultipartFile;
  } as FastifyRequest['files'];
}

async function inputGuard(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', async (req) => {
    if (req.validationError) return;
    const hit =
      findNul(req.params, 'params') ??
      findNul(req.query, 'query') ??
      (req.isMultipart() ? null : findNul(req.body, ''));
    if (hit !== null) throw refused(hit);
    if (req.isMultipart()) guardMultipart(req);
  });
}

export default fp(inputGuard, { name: 'shifan-input-guard', dependencies: ['@fastify/multipart'] });
