import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../core/context';
import { langOf } from './errors';

/** The service context of a request: its actor (set by the authz hook), ip, id, language and time. */
export function ctxOf(req: FastifyRequest): Ctx {
  return {
    actor: req.actor,
    ip: req.ip ?? null,
    requestId: req.id,
    lang: langOf(req),
    now: req.server.deps.clock(),
  };
}
