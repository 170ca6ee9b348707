import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ACTIONS, scopeFor, type Action, type Policy } from '../../../shared/src/domain/permissions';
import type { Db } from '../db/client';
import type { Config } from '../config';
import type { Actor, Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { ctxOf } from './context';
import { CSRF_HEADER, SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../../../shared/src/contracts/auth';

/** Whether this request's session cookie is Secure: the setting, or in `auto` the request's scheme. */
export function cookieSecure(req: FastifyRequest): boolean {
  const s = req.server.deps.config.session.cookieSecure;
  return s === 'auto' ? req.protocol === 'https' : s;
}

/** The session cookie's name for this request: `__Host-shifan_sid` when Secure, else `shifan_sid`. */
export function sessionCookieName(req: FastifyRequest): string {
  return cookieSecure(req) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

const POLICIES = new Set<string>([
  ...ACTIONS,
  'public',
  'session',
  'session_any',
  'second_factor',
  'session_gate',
  'enrolment',
]);
/** Routes that plugins register (API docs, static web files) are public by declaration here. */
const PUBLIC_PREFIXES = ['/api/docs', '/assets/', '/favicon'];

/** Every route the app registered, with its policy: the authorization matrix test walks this list. */
export interface RouteRecord {
  method: string;
  url: string;
  policy: Policy;
}

/**
 * What the hook needs from the modules, handed in by `buildApp` so that no import runs from `http/` up
 * into `modules/`: the session lookup (auth) and the audit writer (audit).
 */
export interface AuthzOptions {
  resolveSession: (
    db: Db,
    config: Readonly<Config>,
    token: string,
    now: Date,
  ) => Promise<{ actor: Actor; idHash: string } | null>;
  writeAudit: (
    db: Db,
    ctx: Ctx,
    event: { action: 'authz.denied'; outcome: 'denied'; detail: string },
  ) => Promise<void>;
}

function isMutating(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/**
 * The one place authorization happens (AC-01):
 * - at registration, a route without a known `config.policy` stops the boot;
 * - on each request, the session is resolved, CSRF is checked for mutations, the gates apply in the order
 *   a login passes them (`gateRefusal`), and the role must hold the route's action (403, audited). Scope
 *   filtering (404) happens in the services through `scopeOf`.
 */
async function authz(app: FastifyInstance, opts: AuthzOptions): Promise<void> {
  const { resolveSession, writeAudit } = opts;
  const routes: RouteRecord[] = [];
  app.decorate('routeRecords', routes);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionHash', null);

  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let policy = (route.config as { policy?: string } | undefined)?.policy;
    if (
      !policy &&
      (route.url === '/' || route.url === '/*' || PUBLIC_PREFIXES.some((p) => route.url.startsWith(p)))
    ) {
      policy = 'public';
      route.config = { ...(route.config as object), policy: 'public' } as never;
    }
    if (!policy || !POLICIES.has(policy)) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url} declares no valid authorization policy (config.policy)`,
      );
    }
    for (const m of methods)
      if (m !== 'HEAD') routes.push({ method: m, url: route.url, policy: policy as Policy });
  });

  app.addHook('onRequest', async (req: FastifyRequest) => {
    const policy = req.routeOptions.config?.policy;
    const token = req.cookies?.[sessionCookieName(req)];
    if (token) {
      const s = await resolveSession(app.deps.db, app.deps.config, token, app.deps.clock());
      if (s) {
        req.actor = s.actor;
        req.sessionHash = s.idHash;
      }
    }
    if (isMutating(req.method) && req.url.startsWith('/api/')) checkCsrf(req);
    if (!policy || policy === 'public') return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    const refusal = gateRefusal(req.actor, policy);
    if (refusal === 'open') return;
    if (refusal) throw new AppError(refusal);
    if (scopeFor(req.actor.role, policy as Action) === null) {
      await writeAudit(app.deps.db, ctxOf(req), {
        action: 'authz.denied',
        outcome: 'denied',
        detail: `${req.method} ${req.routeOptions.url ?? req.url} needs ${policy}`,
      });
      throw new AppError('FORBIDDEN');
    }
  });
}

/**
 * The gates of a login, in the order it passes them: (1) the second factor of a login waiting for its code
 * (only `second_factor` routes); (2) a password that must change (only `session_gate`); (3) an account that
 * must enrol a second factor (only `enrolment`; the password change only when (2) holds too). `me` and logout (`session_any`) answer at every gate.
 * 'open': the route is open to this session; null: go on to the role check; else the refusal.
 */
export function gateRefusal(
  actor: Actor,
  policy: Policy,
):
  'open' | null | 'SECOND_FACTOR_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED' | 'SECOND_FACTOR_ENROLMENT_REQUIRED' {
  if (policy === 'session_any') return 'open';
  if (actor.secondFactor === 'pending') return policy === 'second_factor' ? 'open' : 'SECOND_FACTOR_REQUIRED';
  if (policy === 'session_gate')
    return actor.secondFactor === 'enrol' && !actor.mustChangePassword
      ? 'SECOND_FACTOR_ENROLMENT_REQUIRED'
      : 'open';
  if (actor.mustChangePassword) return 'PASSWORD_CHANGE_REQUIRED';
  if (policy === 'enrolment') return 'open';
  if (actor.secondFactor === 'enrol') return 'SECOND_FACTOR_ENROLMENT_REQUIRED';
  // A complete login on the code route: the handler answers that nothing waits for a code.
  if (policy === 'session' || policy === 'second_factor') return 'open';
  return null;
}

/**
 * CSRF defence: the session cookie is SameSite=Strict, and every mutation must carry the custom
 * header (a cross-site form or image cannot send one, and cross-origin fetch cannot without a CORS
 * preflight that this server never grants); an Origin header, when present, must be this server's
 * origin — scheme, host and port (behind a trusted proxy, the scheme and host it forwards).
 */
function checkCsrf(req: FastifyRequest): void {
  if (req.headers[CSRF_HEADER] !== '1') throw new AppError('CSRF_FAILED');
  const origin = req.headers.origin;
  if (origin === undefined || origin === '') return;
  if (origin === 'null' || !sameOrigin(origin, `${req.protocol}://${req.host}`))
    throw new AppError('CSRF_FAILED');
}

/** Both as URL origins (lower-case host, default port dropped); anything unparsable is not the same. */
function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    routeRecords: RouteRecord[];
  }
}

export default fp(authz, { name: 'shifan-authz', dependencies: ['@fastify/cookie'] });
