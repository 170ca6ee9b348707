import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  createRound,
  followUpBody,
  outcomeBody,
  roundDetail,
  roundList,
  roundListQuery,
  roundTitleParams,
  titleFigures,
} from '../../../../shared/src/contracts/rereviews';
import { ctxOf } from '../../http/context';
import { figures } from './figures';
import { recordFollowUp, recordOutcome } from './outcomes';
import * as rounds from './service';

const tags = ['titles'];
const manage = { policy: 'titles.manage' as const };
const read = { policy: 'titles.read' as const };

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/rereview-rounds',
    {
      config: read,
      schema: {
        tags,
        summary: '复评复审批次（单位只见含本单位称号的批次） Re-review rounds',
        querystring: roundListQuery,
        response: { 200: roundList, 400: errorBody },
      },
    },
    async (req) => rounds.list(db, ctxOf(req), req.query),
  );

  app.post(
    '/api/rereview-rounds',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '建立并开启复评复审批次（按年度、随机抽取或名单选取称号） Open a re-review round over selected titles',
        body: createRound,
        response: { 201: roundDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await rounds.createRound(db, ctxOf(req), req.body)),
  );

  app.get(
    '/api/rereview-rounds/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '复评复审批次及各称号结论 A round with its titles and outcomes',
        params: idParams,
        response: { 200: roundDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => rounds.get(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/rereview-rounds/:id/titles/:titleId/outcome',
    {
      config: manage,
      schema: {
        tags,
        summary: '记录复评复审结论：保留、限期整改或撤销 Record an outcome: keep, rectify or revoke',
        params: roundTitleParams,
        body: outcomeBody,
        response: { 200: roundDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => recordOutcome(db, ctxOf(req), req.params.id, req.params.titleId, req.body),
  );

  app.post(
    '/api/rereview-rounds/:id/titles/:titleId/follow-up',
    {
      config: manage,
      schema: {
        tags,
        summary: '整改复查：通过或撤销称号 Rectification follow-up: passed or revoked',
        params: roundTitleParams,
        body: followUpBody,
        response: { 200: roundDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => recordFollowUp(db, ctxOf(req), req.params.id, req.params.titleId, req.body),
  );

  app.get(
    '/api/titles/figures',
    {
      config: manage,
      schema: {
        tags,
        summary: '优进劣出：每年新增、保留、整改、撤销、到期称号与流动率，撤销腾出的名额 Title pool figures',
        response: { 200: titleFigures },
      },
    },
    async () => figures(db),
  );
};

export default routes;
