/**
 * Sends a public page's cached rendered answer (core/public-cache.ts) with its ETag: 304 when the caller
 * has it already, 404 when there is none.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors';
import type { Rendered } from '../core/public-cache';

export function sendRendered(req: FastifyRequest, reply: FastifyReply, r: Rendered | null) {
  if (!r) throw new AppError('NOT_FOUND');
  reply.header('etag', r.etag).header('cache-control', 'public, no-cache');
  if (req.headers['if-none-match'] === r.etag) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(r.body);
}
