import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorMessage, type ErrorCode, type FieldError, type Lang } from '../../../shared/src/errors';
import { AppError, fieldError } from '../core/errors';
import type { Ctx } from '../core/context';
import type { Db } from '../db/client';
import { CONTROL_CHARACTER, CONTROL_CHARACTER_TEXT } from '../../../shared/src/contracts/common';
import { FORMAT_RULES, formatOf } from '../../../shared/src/contracts/formats';

export function langOf(req: FastifyRequest): Lang {
  const h = req.headers['accept-language'];
  if (typeof h !== 'string' || h === '') return 'zh-CN';
  const first = h.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const lang = langOf(req);
  return reply
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code: err.code,
        message: errorMessage(err.code, lang),
        requestId: req.id,
        ...(err.details.length
          ? {
              details: err.details.map((d) => ({
                field: d.field,
                code: d.code,
                message: lang === 'en' ? d.en : d.zh,
              })),
            }
          : {}),
        ...(err.extra ?? {}),
      },
    });
}

/** Zod issue → field error with a message in both languages. */
function zodIssueToField(
  issue: { path: PropertyKey[]; code: string; message: string; [k: string]: unknown },
  prefix: string,
): FieldError {
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  const i = issue as Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type': {
      const missing = /received undefined/.test(issue.message);
      return fieldError(
        field,
        missing ? 'required' : 'invalid_type',
        missing ? '必填项' : `类型错误，应为 ${String(i.expected)}`,
        missing ? 'Required' : `Expected ${String(i.expected)}`,
      );
    }
    case 'too_small':
      return fieldError(
        field,
        'too_small',
        `不能小于 ${String(i.minimum)}（长度或数值）`,
        `Must be at least ${String(i.minimum)}`,
      );
    case 'too_big':
      return fieldError(
        field,
        'too_big',
        `不能超过 ${String(i.maximum)}（长度或数值）`,
        `Must be at most ${String(i.maximum)}`,
      );
    case 'unrecognized_keys': {
      const keys = (i.keys as string[] | undefined) ?? [];
      return fieldError(
        [field, keys.join(',')].filter(Boolean).join('.'),
        'unknown_field',
        `不允许的字段：${keys.join('、')}`,
        `Unknown field(s): ${keys.join(', ')}`,
      );
    }
    case 'invalid_value':
      return fieldError(
        field,
        'invalid_value',
        `取值无效，可选值：${((i.values as unknown[]) ?? []).join('、')}`,
        `Invalid value; allowed: ${((i.values as unknown[]) ?? []).join(', ')}`,
      );
    case 'invalid_format':
      if (issue.message === CONTROL_CHARACTER)
        return fieldError(field, CONTROL_CHARACTER, CONTROL_CHARACTER_TEXT.zh, CONTROL_CHARACTER_TEXT.en);
      {
        const rule = formatOf(issue.message);
        if (rule) return fieldError(field, 'invalid_format', FORMAT_RULES[rule].zh, FORMAT_RULES[rule].en);
      }
      return fieldError(field, 'invalid_format', '格式不正确', `Invalid format (${String(i.format)})`);
    default:
      return fieldError(field, issue.code, '取值无效', issue.message);
  }
}

/**
 * The audit events an answer leaves (AUD-01): refused cross-site requests, 404s to a user, a privileged
 * change asked of one administrator alone (four-eyes), a move of an account from one of the three duties
 * to another (三员分立), and 5xx.
 */
export type ErrorAudit = {
  action:
    | 'authz.csrf_refused'
    | 'authz.not_found'
    | 'authz.four_eyes_refused'
    | 'authz.two_duties_refused'
    | 'system.error';
  outcome: 'denied' | 'failure';
  objectType?: 'user';
  objectId?: string | null;
  detail: string;
};
export type ErrorAuditWriter = (db: Db, ctx: Ctx, event: ErrorAudit) => Promise<void>;

function auditOf(req: FastifyRequest, error: AppError): ErrorAudit | null {
  const code = error.code;
  const route = `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
  if (code === 'CSRF_FAILED') {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '-';
    return { action: 'authz.csrf_refused', outcome: 'denied', detail: `${route}; origin ${origin}` };
  }
  // A 404 from a route (not an unknown path) to a signed-in user: out of scope, or no such object.
  if (code === 'NOT_FOUND' && req.actor && req.routeOptions.url) {
    const params = (req.params ?? {}) as Record<string, unknown>;
    const id = typeof params.id === 'string' ? params.id : null;
    const asked = Object.entries(params)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    return {
      action: 'authz.not_found',
      outcome: 'denied',
      objectId: id,
      detail: asked ? `${route}; ${asked}` : route,
    };
  }
  // A direct reset, unlock, re-enable, creation or role grant of an administrator account (the
  // privileged-request routes audit their own refusals): an attempt to act without the second pair of eyes
  // leaves a trace.
  const url = req.routeOptions.url;
  if (code === 'FOUR_EYES_REQUIRED' && (url === '/api/accounts' || url?.startsWith('/api/accounts/'))) {
    const id = (req.params as Record<string, unknown> | undefined)?.id;
    return {
      action: 'authz.four_eyes_refused',
      outcome: 'denied',
      objectType: 'user',
      objectId: typeof id === 'string' ? id : null,
      detail: `${route}; ${error.details.map((d) => d.code).join(', ')}`,
    };
  }
  // One account moved (directly or by request) from one of the three duties to another: refused, and
  // an assessor finds the attempt.
  const accountsRoute = url === '/api/accounts' || url?.startsWith('/api/accounts/');
  const requestRoute = url === '/api/privileged-requests';
  if (
    code === 'CONFLICT' &&
    (accountsRoute || requestRoute) &&
    error.details.some((d) => d.code === 'two_duties')
  ) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = (req.params as Record<string, unknown> | undefined)?.id ?? body.targetUserId;
    return {
      action: 'authz.two_duties_refused',
      outcome: 'denied',
      objectType: 'user',
      objectId: typeof id === 'string' ? id : null,
      detail: `${route}; role ${typeof body.role === 'string' ? body.role : '-'}`,
    };
  }
  if (code === 'INTERNAL') return { action: 'system.error', outcome: 'failure', detail: route };
  return null;
}

/** Writes the audit event of an error answer; never fails the answer (a broken database is logged). */
async function auditError(
  app: FastifyInstance,
  write: ErrorAuditWriter,
  req: FastifyRequest,
  error: AppError,
) {
  const event = auditOf(req, error);
  if (!event) return;
  const ctx: Ctx = {
    actor: req.actor ?? null,
    ip: req.ip ?? null,
    requestId: req.id,
    lang: langOf(req),
    now: app.deps.clock(),
  };
  try {
    await write(app.deps.db, ctx, event);
  } catch (err) {
    req.log.error({ err, action: event.action }, 'audit write of an error answer failed');
  }
}

export function installErrorHandling(app: FastifyInstance, audit?: ErrorAuditWriter): void {
  app.setErrorHandler(async (error: FastifyError | AppError | Error, req, reply) => {
    const code = answerCode(req, error);
    if (audit) await auditError(app, audit, req, code);
    return sendError(req, reply, code);
  });
}

/** The error an exception answers as (logged here when it is the server's fault). */
function answerCode(req: FastifyRequest, error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const ctx = (error as FastifyError).validationContext ?? '';
    const prefix = ctx === 'body' ? '' : ctx;
    const details = error.validation.map((v) =>
      zodIssueToField(
        {
          ...(v.params as Record<string, unknown>),
          code: v.keyword,
          message: v.message ?? '',
          path: v.instancePath.split('/').filter(Boolean),
        },
        prefix === 'querystring' ? 'query' : prefix,
      ),
    );
    return new AppError('VALIDATION_FAILED', details);
  }
  if (isResponseSerializationError(error)) {
    req.log.error({ err: error }, 'response failed its schema');
    return new AppError('INTERNAL');
  }
  const fe = error as FastifyError;
  const status = fe.statusCode ?? 500;
  if (status < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large, poisoned keys…
    const code: ErrorCode =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === 429
            ? 'RATE_LIMITED'
            : status === 404
              ? 'NOT_FOUND'
              : 'BAD_REQUEST';
    req.log.info({ code: fe.code, msg: fe.message }, 'client error');
    return new AppError(code);
  }
  req.log.error({ err: error }, 'unhandled error');
  return new AppError('INTERNAL');
}
