import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  acceptBody,
  applicationDetail,
  batchTransitionBody,
  batchTransitionResult,
  applicationErrorBody,
  applicationExportQuery,
  applicationList,
  applicationListQuery,
  createApplication,
  idempotencyHeaders,
  patchApplication,
  rankList,
  recommendBody,
  reorderRanks,
  returnBody,
  selfAssessmentBody,
  submitBody,
  transitionResult,
  withdrawBody,
  type TransitionBody,
} from '../../../../shared/src/contracts/applications';
import {
  routeActions,
  routePolicy,
  type ApplicationAction,
} from '../../../../shared/src/domain/application-workflow';
import { ctxOf } from '../../http/context';
import * as apps from './service';
import { runTransition } from './workflow';
import { reorder } from './ranks';
import { batchTransition } from './batch';
import { exportApplications } from './export';
import { XLSX_MIME } from '../../core/xlsx';
import { dossierPdf } from './dossier-pdf';

const tags = ['applications'];
/** The answers every write can give besides success. */
const writeErrors = {
  400: errorBody,
  403: errorBody,
  404: errorBody,
  409: applicationErrorBody,
  422: applicationErrorBody,
} as const;

/**
 * The body and summary of each transition route. Which routes exist and their policies come from the
 * transition table (its non-system rows; `return`, whose permission depends on the status held, is
 * guarded by reading and the service checks the row's).
 */
const TRANSITION_ROUTES: Partial<
  Record<ApplicationAction, { body: z.ZodType<TransitionBody>; summary: string; idempotent?: true }>
> = {
  submit: { body: submitBody, summary: '提交申报 Submit (idempotent)', idempotent: true },
  recommend: {
    body: recommendBody,
    summary: '单位初审推荐（意见与排序） Recommend with an opinion and a rank',
  },
  return: { body: returnBody, summary: '退回修改（须填理由） Return for revision with a reason' },
  accept: { body: acceptBody, summary: '工委形式审查通过 Accept' },
  withdraw: { body: withdrawBody, summary: '撤回申报 Withdraw' },
};

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/applications',
    {
      config: { policy: 'applications.read' },
      schema: {
        tags,
        summary: '申报列表（筛选、分页、排序） List applications',
        querystring: applicationListQuery,
        response: { 200: applicationList, 400: errorBody },
      },
    },
    async (req) => apps.list(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/applications/export.xlsx',
    {
      config: { policy: 'applications.export' },
      schema: {
        tags,
        summary: '导出申报列表（Excel，保留筛选） Export the filtered list (xlsx)',
        querystring: applicationExportQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('申报.xlsx (streamed)'), 400: errorBody },
      },
    },
    async (req, reply) => {
      const out = await exportApplications(db, ctxOf(req), req.query, (err) =>
        req.log.error({ err }, 'application export failed while streaming'),
      );
      return reply.type(XLSX_MIME).header('content-disposition', out.disposition).send(out.stream);
    },
  );

  app.post(
    '/api/applications',
    {
      config: { policy: 'applications.write' },
      schema: {
        tags,
        summary: '新建申报 Create an application',
        body: createApplication,
        response: { 201: applicationDetail, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await apps.create(db, ctxOf(req), req.body)),
  );

  app.post(
    '/api/applications/ranks',
    {
      config: { policy: 'applications.recommend' },
      schema: {
        tags,
        summary: '调整本单位的推荐排序 Reorder the unit’s recommended list',
        body: reorderRanks,
        response: { 200: rankList, ...writeErrors },
      },
    },
    async (req) => reorder(db, ctxOf(req), req.body),
  );

  app.post(
    '/api/applications/batch',
    {
      config: { policy: 'applications.intake' },
      schema: {
        tags,
        summary: '批量受理或退回（全部成功或全部不执行） Accept or return several (all or nothing)',
        body: batchTransitionBody,
        response: { 200: batchTransitionResult, ...writeErrors },
      },
    },
    async (req) => batchTransition(db, ctxOf(req), req.body, req.url),
  );

  app.get(
    '/api/applications/:id',
    {
      config: { policy: 'applications.read' },
      schema: {
        tags,
        summary: '申报详情 Get an application',
        params: idParams,
        response: { 200: applicationDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => apps.get(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/applications/:id/dossier.pdf',
    {
      config: { policy: 'applications.read' },
      schema: {
        tags,
        summary: '申报书 PDF Dossier (PDF)',
        params: idParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('申报材料.pdf'), 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const pdf = await dossierPdf(db, ctxOf(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', pdf.disposition).send(pdf.body);
    },
  );

  app.patch(
    '/api/applications/:id',
    {
      config: { policy: 'applications.write' },
      schema: {
        tags,
        summary: '保存申报内容（自动保存） Save the narrative (autosave)',
        params: idParams,
        body: patchApplication,
        response: { 200: applicationDetail, ...writeErrors },
      },
    },
    async (req) => apps.update(db, ctxOf(req), req.params.id, req.body),
  );

  app.put(
    '/api/applications/:id/self-assessment',
    {
      config: { policy: 'applications.write' },
      schema: {
        tags,
        summary: '保存自评 Save the self-assessment',
        params: idParams,
        body: selfAssessmentBody,
        response: { 200: applicationDetail, ...writeErrors },
      },
    },
    async (req) => apps.selfAssess(db, ctxOf(req), req.params.id, req.body),
  );

  for (const action of routeActions()) {
    const t = TRANSITION_ROUTES[action];
    if (!t) throw new Error(`no route body for the transition ${action}`);
    app.post(
      `/api/applications/:id/${action}`,
      {
        config: { policy: routePolicy(action) },
        schema: {
          tags,
          summary: t.summary,
          params: idParams,
          ...(t.idempotent ? { headers: idempotencyHeaders } : {}),
          body: t.body,
          response: { 200: transitionResult, ...writeErrors },
        },
      },
      async (req) =>
        runTransition(db, ctxOf(req), {
          id: req.params.id,
          action,
          body: req.body,
          url: `/api/applications/:id/${action}`,
          idempotent: t.idempotent === true,
          idempotencyKey: (req.headers as Record<string, string | undefined>)['idempotency-key'],
        }),
    );
  }
};

export default routes;
