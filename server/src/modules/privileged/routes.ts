import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  createPrivilegedRequestBody,
  privilegedDecisionBody,
  privilegedListQuery,
  privilegedRequestBody,
  privilegedRequestListBody,
} from '../../../../shared/src/contracts/privileged-requests';
import { ctxOf } from '../../http/context';
import * as privileged from './service';

const tags = ['privileged'];
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Four-eyes requests: asked by an account manager, decided by another administrator of another role. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/privileged-requests',
    {
      config: { policy: 'privileged.decide' },
      schema: {
        tags,
        summary: '特权操作申请列表 List privileged requests',
        querystring: privilegedListQuery,
        response: { 200: privilegedRequestListBody },
      },
    },
    async (req) => ({ items: await privileged.list(db, ctxOf(req), req.query.state) }),
  );

  app.post(
    '/api/privileged-requests',
    {
      config: { policy: 'accounts.manage' },
      schema: {
        tags,
        summary: '提交特权操作申请 Request a privileged action',
        body: createPrivilegedRequestBody,
        response: { 201: privilegedRequestBody, ...errors },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return privileged.create(db, ctxOf(req), req.body);
    },
  );

  app.post(
    '/api/privileged-requests/:id/approve',
    {
      config: { policy: 'privileged.decide' },
      schema: {
        tags,
        summary: '批准特权操作申请（重置密码时向批准人返回一次性密码） Approve a privileged request',
        params: idParams,
        response: { 200: privilegedDecisionBody, ...errors },
      },
    },
    async (req) => privileged.approve(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/privileged-requests/:id/reject',
    {
      config: { policy: 'privileged.decide' },
      schema: {
        tags,
        summary: '驳回特权操作申请 Reject a privileged request',
        params: idParams,
        response: { 200: privilegedRequestBody, ...errors },
      },
    },
    async (req) => privileged.reject(db, ctxOf(req), req.params.id),
  );
};

export default routes;
