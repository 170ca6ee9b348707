import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  acceptProposal,
  applicationResult,
  confirmDecision,
  createDecision,
  decisionDetail,
  frozenSnapshot,
  lineParams,
  patchDecisionLine,
  releaseDecision,
} from '../../../../shared/src/contracts/decisions';
import { ctxOf } from '../../http/context';
import { XLSX_MIME } from '../../core/xlsx';
import { frozenSnapshot as readSnapshot, resultPdf, resultXlsx } from './result-list';
import * as decisions from './service';

const tags = ['decisions'];
const policy = 'decisions.manage';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post(
    '/api/campaigns/:id/decision',
    {
      config: { policy },
      schema: {
        tags,
        summary: '按建议名单生成集体评审决定（草稿） Create the decision draft from the proposal',
        params: idParams,
        body: createDecision,
        response: { 201: decisionDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req, reply) => reply.code(201).send(await decisions.create(db, ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/campaigns/:id/decision',
    {
      config: { policy },
      schema: {
        tags,
        summary: '活动的集体评审决定 The campaign’s decision',
        params: idParams,
        response: { 200: decisionDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => decisions.getOfCampaign(db, req.params.id),
  );

  app.get(
    '/api/decisions/:id',
    {
      config: { policy },
      schema: {
        tags,
        summary: '集体评审决定 A decision',
        params: idParams,
        response: { 200: decisionDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => decisions.get(db, req.params.id),
  );

  app.patch(
    '/api/decisions/:id/lines/:applicationId',
    {
      config: { policy },
      schema: {
        tags,
        summary: '记录一项决定（选定、表决票数、理由） Record the committee’s choice for one application',
        params: lineParams,
        body: patchDecisionLine,
        response: { 200: decisionDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => decisions.patchLine(db, ctxOf(req), req.params.id, req.params.applicationId, req.body),
  );

  app.post(
    '/api/decisions/:id/accept-proposal',
    {
      config: { policy },
      schema: {
        tags,
        summary: '未决定的各项按建议名单决定 Accept the proposal for every line without a choice',
        params: idParams,
        body: acceptProposal,
        response: { 200: decisionDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => decisions.acceptProposal(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/decisions/:id/confirm',
    {
      config: { policy },
      schema: {
        tags,
        summary:
          '确认集体评审决定（冻结快照，申报转为拟命名或未入选） Confirm: freeze the snapshot and move the applications',
        params: idParams,
        body: confirmDecision,
        response: { 200: decisionDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => decisions.confirm(db, ctxOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/decisions/:id/release',
    {
      config: { policy },
      schema: {
        tags,
        summary: '公布评审结果（申报单位可查看本单位的得分与结果） Release the results to the applicants',
        params: idParams,
        body: releaseDecision,
        response: { 200: decisionDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => decisions.release(db, ctxOf(req), req.params.id, req.body.version),
  );

  app.get(
    '/api/decisions/:id/snapshot',
    {
      config: { policy },
      schema: {
        tags,
        summary:
          '冻结快照及其 SHA-256（可自行核验） The frozen snapshot and its SHA-256 of the canonical JSON, to check',
        params: idParams,
        response: { 200: frozenSnapshot, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => readSnapshot(db, req.params.id),
  );

  app.get(
    '/api/decisions/:id/result.pdf',
    {
      config: { policy },
      schema: {
        tags,
        summary: '评审结果汇总表 PDF（来自冻结快照） The result list as PDF, from the frozen snapshot',
        params: idParams,
        produces: ['application/pdf'],
        response: {
          200: z.any().describe('评审结果汇总表.pdf'),
          400: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (req, reply) => {
      const pdf = await resultPdf(db, ctxOf(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', pdf.disposition).send(pdf.body);
    },
  );

  app.get(
    '/api/decisions/:id/result.xlsx',
    {
      config: { policy },
      schema: {
        tags,
        summary: '评审结果汇总表 Excel（来自冻结快照） The result list as .xlsx, from the frozen snapshot',
        params: idParams,
        produces: [XLSX_MIME],
        response: {
          200: z.any().describe('评审结果汇总表.xlsx (streamed)'),
          400: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (req, reply) => {
      const out = await resultXlsx(db, ctxOf(req), req.params.id, (err) =>
        req.log.error({ err }, 'result list export failed while streaming'),
      );
      return reply.type(XLSX_MIME).header('content-disposition', out.disposition).send(out.stream);
    },
  );

  app.get(
    '/api/applications/:id/results',
    {
      config: { policy: 'results.read' },
      schema: {
        tags,
        summary:
          '本申报的评审得分与结果（公布后申报单位可见） One application’s own stage scores and outcome, once released',
        params: idParams,
        response: { 200: applicationResult, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => decisions.applicationResult(db, ctxOf(req), req.params.id),
  );
};

export default routes;
