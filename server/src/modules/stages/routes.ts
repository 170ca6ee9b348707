import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  createStage,
  moveStage,
  patchStage,
  reopenStage,
  reorderStages,
  stageDetail,
  stageList,
  stageTemplateBody,
} from '../../../../shared/src/contracts/stages';
import { ctxOf } from '../../http/context';
import * as stages from './service';
import * as moves from './moves';

const tags = ['stages'];
const config = { policy: 'evaluation.manage' } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/campaigns/:id/stages',
    {
      config,
      schema: {
        tags,
        summary: '评审环节列表 List a campaign’s stages',
        params: idParams,
        response: { 200: stageList, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => stages.list(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/stages/:id',
    {
      config,
      schema: {
        tags,
        summary: '评审环节详情 One stage',
        params: idParams,
        response: { 200: stageDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => stages.get(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/campaigns/:id/stages',
    {
      config,
      schema: {
        tags,
        summary: '新增评审环节 Add a stage (after the last one)',
        params: idParams,
        body: createStage,
        response: { 201: stageDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await stages.create(db, ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/campaigns/:id/stages/order',
    {
      config,
      schema: {
        tags,
        summary: '调整评审环节顺序 Reorder the stages (every id once)',
        params: idParams,
        body: reorderStages,
        response: { 200: stageList, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => stages.reorder(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/campaigns/:id/stages/template',
    {
      config,
      schema: {
        tags,
        summary: '套用评审环节模板 Apply a stage template',
        params: idParams,
        body: stageTemplateBody,
        response: { 201: stageList, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await stages.applyTemplate(db, ctxOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/stages/:id',
    {
      config,
      schema: {
        tags,
        summary: '修改评审环节 Update a stage (a draft anything, later its name)',
        params: idParams,
        body: patchStage,
        response: { 200: stageDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => stages.update(db, ctxOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/stages/:id',
    {
      config,
      schema: {
        tags,
        summary: '删除评审环节（仅草稿） Delete a draft stage',
        params: idParams,
        response: { 204: z.null().describe('deleted'), 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      await stages.remove(db, ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/stages/:id/open',
    {
      config,
      schema: {
        tags,
        summary: '开启评审环节（确定入围申报） Open a stage (fixes its entrants)',
        params: idParams,
        body: moveStage,
        response: { 200: stageDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => moves.open(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/stages/:id/close',
    {
      config,
      schema: {
        tags,
        summary: '结束评审环节 Close a stage',
        params: idParams,
        body: moveStage,
        response: { 200: stageDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => moves.close(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/stages/:id/reopen',
    {
      config,
      schema: {
        tags,
        summary: '重新开启评审环节（须说明理由） Reopen a closed stage with a reason',
        params: idParams,
        body: reopenStage,
        response: { 200: stageDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => moves.reopen(db, ctxOf(req), req.params.id, req.body),
  );
};

export default routes;
