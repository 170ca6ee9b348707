import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  conflictList,
  conflictListQuery,
  conflictRecord,
  declareConflict,
  overrideConflict,
  createdReviewer,
  createReviewer,
  patchReviewer,
  reviewer,
  reviewerList,
  reviewerListQuery,
  reviewerImportResult,
} from '../../../../shared/src/contracts/reviewers';
import { importErrorBody, importQuery } from '../../../../shared/src/contracts/organization-import';
import { receiveImportFile } from '../organizations/import-file';
import { attachment } from '../../core/http-files';
import { XLSX_MIME } from '../../core/xlsx';
import { multipartDoc } from '../../http/openapi';
import { importReviewers } from './import';
import { buildReviewerTemplate } from './import-template';
import { ctxOf } from '../../http/context';
import * as pool from './service';
import * as conflicts from './conflicts';
import { z } from 'zod';

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
    '/api/reviewers/import/template',
    {
      config: { policy: 'reviewers.manage' },
      schema: {
        tags,
        summary: '下载评审专家导入模板 Download the expert import template',
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('评审专家导入模板.xlsx'), 403: errorBody },
      },
    },
    async (_req, reply) =>
      reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment('评审专家导入模板.xlsx', 'reviewer-import-template.xlsx'))
        .send(await buildReviewerTemplate()),
  );

  app.post(
    '/api/reviewers/import',
    {
      config: {
        policy: 'reviewers.manage',
        rateLimit: { max: 30, timeWindow: '1 minute' },
        swaggerTransform: multipartDoc({
          file: {
            type: 'file',
            required: true,
            description:
              '导入文件：按模板填写的 .xlsx 或 .csv The file: an .xlsx or .csv filled in from the template',
          },
        }),
      },
      schema: {
        tags,
        summary:
          '导入评审专家（Excel 或 CSV；dryRun=true 仅预检；一次性密码仅返回一次） Import experts (xlsx or CSV; dryRun=true only checks; one-time passwords answered once)',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: {
          200: reviewerImportResult,
          400: errorBody,
          403: errorBody,
          413: errorBody,
          422: importErrorBody,
        },
      },
    },
    async (req) => importReviewers(db, ctxOf(req), await receiveImportFile(req), req.query.dryRun === 'true'),
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

  app.get(
    '/api/stages/:id/conflicts',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags: ['conflicts'],
        summary: '评审环节的利益冲突 Conflicts of interest of a stage (derived, declared, waived)',
        params: idParams,
        querystring: conflictListQuery,
        response: { 200: conflictList, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => conflicts.stageConflicts(db, ctxOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/conflicts',
    {
      config: { policy: 'conflicts.declare' },
      schema: {
        tags: ['conflicts'],
        summary: '申报利益冲突 Declare a conflict of interest (a reviewer for itself, or the committee)',
        body: declareConflict,
        response: { 201: conflictRecord, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await conflicts.declare(db, ctxOf(req), req.body)),
  );

  app.delete(
    '/api/conflicts/:id',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags: ['conflicts'],
        summary: '撤销利益冲突申报 Withdraw a declaration',
        params: idParams,
        response: { 204: z.null().describe('withdrawn'), 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      await conflicts.revokeDeclaration(db, ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/conflicts/overrides',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags: ['conflicts'],
        summary: '豁免利益冲突（须写明理由） Waive a derived conflict with a written reason',
        body: overrideConflict,
        response: { 201: conflictRecord, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await conflicts.override(db, ctxOf(req), req.body)),
  );

  app.delete(
    '/api/conflicts/overrides/:id',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags: ['conflicts'],
        summary: '撤销利益冲突豁免 Withdraw a waiver',
        params: idParams,
        response: { 204: z.null().describe('withdrawn'), 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      await conflicts.revokeOverride(db, ctxOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
