import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ping } from '../../db/client';
import { operatingWarnings } from '../../config';
import { healthBody } from '../../../../shared/src/contracts/health';
import { AppError } from '../../core/errors';

const routes: FastifyPluginAsyncZod = async (app) => {
  const warnings = operatingWarnings(app.deps.config, app.deps.dbKind);
  app.get(
    '/api/health',
    {
      config: { policy: 'public' },
      schema: { tags: ['system'], summary: '健康检查 Health', response: { 200: healthBody } },
    },
    async () => {
      try {
        await ping(app.deps.db);
      } catch {
        throw new AppError('UNAVAILABLE');
      }
      return {
        status: 'ok' as const,
        db: app.deps.dbKind,
        migration: app.deps.migration,
        version: app.deps.version,
        warnings,
      };
    },
  );
};

export default routes;
