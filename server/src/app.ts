import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './types';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../../shared/src/contracts/auth';
import authz from './http/authz';
import inputGuard from './http/input-guard';
import { AppError, fieldError } from './core/errors';
import { installErrorHandling, sendError } from './http/errors';
import { openapiTransform } from './http/openapi';
import { installSecurityHeaders } from './http/security-headers';
import { resolveSession } from './modules/auth/service';
import { writeAudit } from './modules/audit/write';
import { registerUnitScoped } from './core/unit-scoped';
import { unitScoped as accountTables } from './modules/accounts/unit-scoped';
import { unitScoped as applicationTables } from './modules/applications/unit-scoped';
import { unitScoped as cultivationTables } from './modules/cultivation/unit-scoped';
import { unitScoped as evidenceTables } from './modules/evidence/unit-scoped';
import { unitScoped as venueTables } from './modules/venues/unit-scoped';
import { unitScoped as reviewerTables } from './modules/reviewers/unit-scoped';
import { unitScoped as assignmentTables } from './modules/assignments/unit-scoped';
import { unitScoped as reviewTables } from './modules/reviews/unit-scoped';
import { unitScoped as peerTables } from './modules/peer/unit-scoped';
import { unitScoped as presentationTables } from './modules/presentation/unit-scoped';
import { unitScoped as resultTables } from './modules/results/unit-scoped';
import { unitScoped as decisionTables } from './modules/decisions/unit-scoped';
import { unitScoped as titleTables } from './modules/titles/unit-scoped';
import { unitScoped as honourTables } from './modules/honours/unit-scoped';
import healthRoutes from './modules/health/routes';
import authRoutes from './modules/auth/routes';
import organizationRoutes from './modules/organizations/routes';
import organizationImportRoutes from './modules/organizations/import-routes';
import venueRoutes from './modules/venues/routes';
import accountRoutes from './modules/accounts/routes';
import privilegedRoutes from './modules/privileged/routes';
import auditRoutes from './modules/audit/routes';
import applicationRoutes from './modules/applications/routes';
import standardRoutes from './modules/standards/routes';
import campaignRoutes from './modules/campaigns/routes';
import campaignStatisticsRoutes from './modules/campaigns/statistics-routes';
import stageRoutes from './modules/stages/routes';
import evidenceRoutes from './modules/evidence/routes';
import cultivationRoutes from './modules/cultivation/routes';
import notificationRoutes from './modules/notifications/routes';
import reviewerRoutes from './modules/reviewers/routes';
import assignmentRoutes from './modules/assignments/routes';
import decisionRoutes from './modules/decisions/routes';
import publicityRoutes from './modules/publicity/routes';
import titleRoutes from './modules/titles/routes';
import rereviewRoutes from './modules/rereviews/routes';
import honourRoutes from './modules/honours/routes';
import reviewRoutes from './modules/reviews/routes';
import peerRoutes from './modules/peer/routes';
import resultRoutes from './modules/results/routes';
import resultChartRoutes from './modules/results/chart-routes';
import presentationRoutes from './modules/presentation/routes';
import deskRoutes from './modules/desk/routes';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppOptions {
  /** Log requests (off in tests). */
  logger?: boolean;
  /** Serve the built web pages from web/dist when present. */
  serveWeb?: boolean;
}

/**
 * What the router refuses before any route runs — a broken percent-escape in the URL, a path parameter over
 * the router's length limit — in the app's error shape, without echoing the URL (found by the fuzzer).
 */
function urlError(err: { code?: string }): AppError {
  return err.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? new AppError('BAD_REQUEST', [
        fieldError('url', 'too_long', '地址中的参数过长', 'A path parameter is too long'),
      ])
    : new AppError('BAD_REQUEST', [
        fieldError('url', 'malformed', '地址格式不正确', 'The address is malformed'),
      ]);
}

/** Builds the whole HTTP app; `main.ts` listens on it and tests call `app.inject`. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger
      ? {
          level: deps.config.logLevel,
          redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        }
      : false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: (err, req, reply) => sendError(req, reply, urlError(err)),
  });

  // The rows that follow their organisation when a subtree moves to another unit (core/unit-scoped.ts).
  registerUnitScoped(
    ...venueTables,
    ...accountTables,
    ...cultivationTables,
    ...applicationTables,
    ...evidenceTables,
    ...reviewerTables,
    ...assignmentTables,
    ...reviewTables,
    ...peerTables,
    ...presentationTables,
    ...resultTables,
    ...decisionTables,
    ...titleTables,
    ...honourTables,
  );

  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, writeAudit);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  installSecurityHeaders(app);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Shifan 示范 API', version: deps.version, description: '示范创建管理平台接口' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          secureSession: { type: 'apiKey', in: 'cookie', name: SECURE_SESSION_COOKIE },
        },
      },
    },
    transform: openapiTransform,
  });
  await app.register(authz, { resolveSession, writeAudit });
  await app.register(inputGuard);
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(organizationImportRoutes);
  await app.register(organizationRoutes);
  await app.register(venueRoutes);
  await app.register(accountRoutes);
  await app.register(privilegedRoutes);
  await app.register(auditRoutes);
  await app.register(applicationRoutes);
  await app.register(standardRoutes);
  await app.register(reviewerRoutes);
  await app.register(assignmentRoutes);
  await app.register(campaignRoutes);
  await app.register(campaignStatisticsRoutes);
  await app.register(stageRoutes);
  await app.register(evidenceRoutes);
  await app.register(cultivationRoutes);
  await app.register(notificationRoutes);
  await app.register(decisionRoutes);
  await app.register(reviewRoutes);
  await app.register(peerRoutes);
  await app.register(resultRoutes);
  await app.register(resultChartRoutes);
  await app.register(presentationRoutes);
  await app.register(deskRoutes);
  await app.register(publicityRoutes);
  await app.register(titleRoutes);
  await app.register(rereviewRoutes);
  await app.register(honourRoutes);

  // Unknown API paths answer the JSON error; with the web built, other GETs get the single-page app.
  const web = opts.serveWeb && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  const index = web ? fs.readFileSync(path.join(WEB_DIST, 'index.html')) : null;
  if (web) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((req, reply) => {
    if (index && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
    }
    return sendError(req, reply, new AppError('NOT_FOUND'));
  });
  return app;
}

export type App = FastifyInstance;
