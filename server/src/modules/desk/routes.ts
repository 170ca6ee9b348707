import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody } from '../../../../shared/src/contracts/common';
import { desk } from '../../../../shared/src/contracts/desk';
import { ctxOf } from '../../http/context';
import * as service from './service';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/me/desk',
    {
      config: { policy: 'session' },
      schema: {
        tags: ['desk'],
        summary: '工作台 The caller’s work desk: what its role has to do today, counted in its scope',
        response: { 200: desk, 401: errorBody, 403: errorBody },
      },
    },
    async (req) => service.desk(db, ctxOf(req)),
  );
};

export default routes;
