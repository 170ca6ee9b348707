import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  createVenue,
  patchVenue,
  venue,
  venueList,
  venueListQuery,
} from '../../../../shared/src/contracts/venues';
import { ctxOf } from '../../http/context';
import * as venues from './service';

const tags = ['venues'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/venues',
    {
      config: { policy: 'venues.read' },
      schema: {
        tags,
        summary: '阵地列表 List venues',
        querystring: venueListQuery,
        response: { 200: venueList, 400: errorBody },
      },
    },
    async (req) => venues.list(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/venues/:id',
    {
      config: { policy: 'venues.read' },
      schema: {
        tags,
        summary: '阵地详情 Get a venue',
        params: idParams,
        response: { 200: venue, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => venues.get(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/venues',
    {
      config: { policy: 'venues.write' },
      schema: {
        tags,
        summary: '新建阵地 Create a venue',
        body: createVenue,
        response: { 201: venue, 400: errorBody, 404: errorBody, 422: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await venues.create(db, ctxOf(req), req.body)),
  );

  app.patch(
    '/api/venues/:id',
    {
      config: { policy: 'venues.write' },
      schema: {
        tags,
        summary: '修改阵地 Update a venue',
        params: idParams,
        body: patchVenue,
        response: { 200: venue, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => venues.update(db, ctxOf(req), req.params.id, req.body),
  );
};

export default routes;
