import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ACTIONS, scopeFor, type Policy } from '../../../shared/src/domain/permissions';
import type { Db } from '../db/client';
import type { Config } from '../config';
import type { Actor, Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { ctxOf } from './context';

export const SESSION_COOKIE = 'shifan_sid';
/** Header every cookie-authenticated mutation must carry (see docs/ARCHITECTURE.md, "CSRF"). */
export const CSRF_HEADER = 'x-shifan-csrf';

const POLICIES = new Set<string>([...ACTIONS, 'public', 'session', 'session_gate']);
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
 * - on each request, the session is resolved, CSRF is checked for mutations, the password-change
 *   gate applies (a session that must change its password reaches `session_gate` routes only), and the
 *   role must hold the route's action (403, audited). Scope filtering (404)
 *   happens in the services through `scopeOf`.
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
    const token = req.cookies?.[SESSION_COOKIE];
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
    // A one-time or expired password opens the gate routes only: me, logout, the password change.
    if (policy === 'session_gate') return;
    if (req.actor.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (policy === 'session') return;
    if (scopeFor(req.actor.role, policy) === null) {
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
 * CSRF defence: the session cookie is SameSite=Strict, and every mutation must carry the custom
 * header (a cross-site form or image cannot send one, and cross-origin fetch cannot without a CORS
 * preflight that this server never grants); an Origin header, when present, must match the Host.
 */
function checkCsrf(req: FastifyRequest): void {
  if (req.headers[CSRF_HEADER] !== '1') throw new AppError('CSRF_FAILED');
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('CSRF_FAILED');
    }
    if (host !== req.headers.host) throw new AppError('CSRF_FAILED');
  } else if (origin === 'null') {
    throw new AppError('CSRF_FAILED');
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    routeRecords: RouteRecord[];
  }
}

export default fp(authz, { name: 'shifan-authz', dependencies: ['@fastify/cookie'] });
