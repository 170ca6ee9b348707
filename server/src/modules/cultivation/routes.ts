import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  appliedCultivation,
  applyCultivation,
  createCultivation,
  createMilestone,
  createNote,
  cultivationDetail,
  cultivationExportQuery,
  cultivationList,
  cultivationListQuery,
  milestone,
  milestoneParams,
  note,
  patchCultivation,
  patchMilestone,
  putReadiness,
  readiness,
} from '../../../../shared/src/contracts/cultivation';
import { ctxOf } from '../../http/context';
import * as cultivation from './service';
import * as progress from './progress';
import { apply } from './apply';
import { exportCultivations } from './export';
import { XLSX_MIME } from '../../core/xlsx';

const tags = ['cultivation'];
const read = { policy: 'cultivation.read' } as const;
const write = { policy: 'cultivation.write' } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/cultivations',
    {
      config: read,
      schema: {
        tags,
        summary: '培育库列表 List cultivated candidates',
        querystring: cultivationListQuery,
        response: { 200: cultivationList, 400: errorBody },
      },
    },
    async (req) => cultivation.list(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/cultivations/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: '导出培育库（Excel） Export the cultivation library (xlsx)',
        querystring: cultivationExportQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('培育库.xlsx (streamed)'), 400: errorBody },
      },
    },
    async (req, reply) => {
      const out = await exportCultivations(db, ctxOf(req), req.query, (err) =>
        req.log.error({ err }, 'cultivation export failed while streaming'),
      );
      return reply.type(XLSX_MIME).header('content-disposition', out.disposition).send(out.stream);
    },
  );

  app.get(
    '/api/cultivations/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '培育详情（含里程碑、记录、自评） Get a candidate with milestones, notes and readiness',
        params: idParams,
        response: { 200: cultivationDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => cultivation.get(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/cultivations',
    {
      config: write,
      schema: {
        tags,
        summary: '列入培育库 Add a candidate to the cultivation library',
        body: createCultivation,
        response: { 201: cultivationDetail, 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await cultivation.create(db, ctxOf(req), req.body)),
  );

  app.patch(
    '/api/cultivations/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改培育计划或状态 Change the plan or status',
        params: idParams,
        body: patchCultivation,
        response: { 200: cultivationDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => cultivation.update(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/cultivations/:id/milestones',
    {
      config: write,
      schema: {
        tags,
        summary: '添加里程碑 Add a milestone',
        params: idParams,
        body: createMilestone,
        response: { 201: milestone, 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await progress.addMilestone(db, ctxOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/cultivations/:id/milestones/:mid',
    {
      config: write,
      schema: {
        tags,
        summary: '修改里程碑（完成情况） Change a milestone or mark it done',
        params: milestoneParams,
        body: patchMilestone,
        response: { 200: milestone, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => progress.changeMilestone(db, ctxOf(req), req.params.id, req.params.mid, req.body),
  );

  app.delete(
    '/api/cultivations/:id/milestones/:mid',
    {
      config: write,
      schema: {
        tags,
        summary: '删除里程碑 Delete a milestone',
        params: milestoneParams,
        response: { 204: z.null().describe('deleted'), 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      await progress.removeMilestone(db, ctxOf(req), req.params.id, req.params.mid);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/cultivations/:id/notes',
    {
      config: write,
      schema: {
        tags,
        summary: '添加培育记录 Add a progress note',
        params: idParams,
        body: createNote,
        response: { 201: note, 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await progress.addNote(db, ctxOf(req), req.params.id, req.body)),
  );

  app.put(
    '/api/cultivations/:id/readiness',
    {
      config: write,
      schema: {
        tags,
        summary: '对照标准自评 Readiness self-check against the current standard',
        params: idParams,
        body: putReadiness,
        response: { 200: readiness, 400: errorBody, 404: errorBody, 422: errorBody },
      },
    },
    async (req) => progress.putReadiness(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/cultivations/:id/apply',
    {
      config: write,
      schema: {
        tags,
        summary: '一键转为申报 Turn the candidate into a draft application',
        params: idParams,
        body: applyCultivation,
        response: { 201: appliedCultivation, 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await apply(db, ctxOf(req), req.params.id, req.body)),
  );
};

export default routes;
