import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  createdReviewer,
  createReviewer,
  patchReviewer,
  reviewer,
  reviewerList,
  reviewerListQuery,
} from '../../../../shared/src/contracts/reviewers';
import { ctxOf } from '../../http/context';
import * as pool from './service';

const tags = ['reviewers'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/reviewers',
    {
      config: { policy: 'reviewers.manage' },
      schema: {
        tags,
        summary: '评审专家库 List the expert pool',
        querystring: reviewerListQuery,
        response: { 200: reviewerList, 400: errorBody },
      },
    },
    async (req) => pool.listReviewers(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/reviewers/:id',
    {
      config: { policy: 'reviewers.manage' },
      schema: {
        tags,
        summary: '评审专家详情 Get a reviewer',
        params: idParams,
        response: { 200: reviewer, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => pool.getReviewer(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/reviewers',
    {
      config: { policy: 'reviewers.manage' },
      schema: {
        tags,
        summary: '新增评审专家（账号与一次性密码） Add a reviewer (account and one-time password)',
        body: createReviewer,
        response: { 201: createdReviewer, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await pool.createReviewer(db, ctxOf(req), req.body)),
  );

  app.patch(
    '/api/reviewers/:id',
    {
      config: { policy: 'reviewers.manage' },
      schema: {
        tags,
        summary: '修改评审专家信息 Update a reviewer profile',
        params: idParams,
        body: patchReviewer,
        response: { 200: reviewer, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => pool.updateReviewer(db, ctxOf(req), req.params.id, req.body),
  );
};

export default routes;
