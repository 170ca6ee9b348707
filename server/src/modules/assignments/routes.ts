import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  assignment,
  assignmentImportResult,
  assignmentList,
  autoAssign,
  autoAssignResult,
  createAssignment,
  myAssignmentList,
  addPanelMember,
  draw,
  drawPanel,
  panelDrawResult,
  panelList,
  panelMemberParams,
  verifyDraw,
  verifyResult,
} from '../../../../shared/src/contracts/assignments';
import { ctxOf } from '../../http/context';
import * as panel from './panel';
import * as draws from './draws';
import * as assignments from './service';
import { exportAssignments } from './export';
import { importAssignments } from './import';
import { receiveImportFile } from '../organizations/import-file';
import { importQuery, importErrorBody } from '../../../../shared/src/contracts/organization-import';

import { XLSX_MIME } from '../../core/xlsx';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const policy = 'evaluation.manage' as const;

  app.get(
    '/api/stages/:id/panel',
    {
      config: { policy },
      schema: {
        tags: ['panels'],
        summary: '评审环节专家组 The experts of a stage',
        params: idParams,
        response: { 200: panelList, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => panel.listPanel(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/stages/:id/panel',
    {
      config: { policy },
      schema: {
        tags: ['panels'],
        summary: '加入专家组 Add an expert to the panel by hand',
        params: idParams,
        body: addPanelMember,
        response: { 200: panelList, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => panel.addMember(db, ctxOf(req), req.params.id, req.body.reviewerId),
  );

  app.delete(
    '/api/stages/:id/panel/:reviewerId',
    {
      config: { policy },
      schema: {
        tags: ['panels'],
        summary: '移出专家组 Remove an expert without assignments from the panel',
        params: panelMemberParams,
        response: { 204: z.null().describe('removed'), 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      await panel.removeMember(db, ctxOf(req), req.params.id, req.params.reviewerId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/stages/:id/panel/draw',
    {
      config: { policy },
      schema: {
        tags: ['panels'],
        summary:
          '随机抽取评审专家（先预览，再以同一种子确认） Draw experts at random: preview, then commit with the same seed',
        params: idParams,
        body: drawPanel,
        response: { 200: panelDrawResult, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => panel.drawPanel(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/draws/:id',
    {
      config: { policy },
      schema: {
        tags: ['draws'],
        summary: '抽取记录 A recorded draw: seed, inputs, result and their SHA-256',
        params: idParams,
        response: { 200: draw, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => draws.getDraw(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/draws/:id/verify',
    {
      config: { policy },
      schema: {
        tags: ['draws'],
        summary: '复核抽取 Re-run a recorded draw with its seed (409 DRAW_MISMATCH for another seed)',
        params: idParams,
        body: verifyDraw,
        response: { 200: verifyResult, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => draws.verifyDraw(db, ctxOf(req), req.params.id, req.body.seed),
  );

  app.get(
    '/api/stages/:id/assignments',
    {
      config: { policy },
      schema: {
        tags: ['assignments'],
        summary: "评审分配表 Assignments of a stage, with each reviewer's load",
        params: idParams,
        response: { 200: assignmentList, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => assignments.listAssignments(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/stages/:id/assignments/export.xlsx',
    {
      config: { policy },
      schema: {
        tags: ['assignments'],
        summary: '导出评审分配表（Excel） Export the assignments of a stage (xlsx)',
        params: idParams,
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('评审分配表.xlsx (streamed)'), 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const out = await exportAssignments(db, ctxOf(req), req.params.id, (err) =>
        req.log.error({ err }, 'assignment export failed while streaming'),
      );
      return reply.type(XLSX_MIME).header('content-disposition', out.disposition).send(out.stream);
    },
  );

  app.post(
    '/api/stages/:id/assignments',
    {
      config: { policy },
      schema: {
        tags: ['assignments'],
        summary: '手工分配 Assign a reviewer to an application (a conflicted pair: 403 CONFLICT_OF_INTEREST)',
        params: idParams,
        body: createAssignment,
        response: { 201: assignment, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await assignments.createAssignment(db, ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/stages/:id/assignments/import',
    {
      config: { policy, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['assignments'],
        summary:
          '批量导入评审分配（Excel 或 CSV：申报编号、专家用户名；dryRun=true 仅预检） Import assignments (xlsx or CSV; dryRun=true only checks)',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: importQuery,
        response: {
          200: assignmentImportResult,
          400: errorBody,
          404: errorBody,
          409: errorBody,
          413: errorBody,
          422: importErrorBody,
        },
      },
    },
    async (req) => {
      const file = await receiveImportFile(req);
      return importAssignments(db, ctxOf(req), req.params.id, file, req.query.dryRun === 'true');
    },
  );

  app.post(
    '/api/stages/:id/assignments/auto',
    {
      config: { policy },
      schema: {
        tags: ['assignments'],
        summary:
          '自动分配（先预览，再以同一种子确认） Auto-assign k reviewers per application: preview, then commit with the same seed',
        params: idParams,
        body: autoAssign,
        response: { 200: autoAssignResult, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => assignments.autoAssign(db, ctxOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/assignments/:id',
    {
      config: { policy },
      schema: {
        tags: ['assignments'],
        summary: '取消分配（仅限尚未评分） Remove an assignment whose review is still pending',
        params: idParams,
        response: { 204: z.null().describe('removed'), 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      await assignments.deleteAssignment(db, ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/assignments',
    {
      config: { policy: 'reviews.read' },
      schema: {
        tags: ['assignments'],
        summary: '我的评审任务 My assignments: stage, deadline, application, review status',
        response: { 200: myAssignmentList },
      },
    },
    async (req) => assignments.myAssignments(db, ctxOf(req)),
  );
};

export default routes;
