import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  campaignParams,
  certifyBody,
  certifyResult,
  printQuery,
  publicVerification,
  putTemplate,
  templateKindParams,
  templateList,
  templateView,
  verifyParams,
  titleDetail,
  titleExportQuery,
  titleList,
  titleListQuery,
  titleSettings,
} from '../../../../shared/src/contracts/titles';
import { XLSX_MIME } from '../../core/xlsx';
import { sendRendered } from '../../http/rendered';
import { ctxOf } from '../../http/context';
import { evidenceStorage } from '../evidence/storage';
import { receiveUpload } from '../evidence/upload';
import { certify } from './certify';
import * as print from './print';
import * as titles from './service';
import * as templates from './templates';
import { verificationResponse } from './verify';

const tags = ['titles'];
const PDF = 'application/pdf';
const manage = { policy: 'titles.manage' as const };
const pdfResponse = { 200: z.any().describe('PDF (streamed)'), 400: errorBody, 404: errorBody };

function sendPdf(reply: FastifyReply, out: print.PdfOut) {
  return reply.type(PDF).header('content-disposition', out.disposition).send(out.stream);
}

const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  app.post(
    '/api/publicities/:id/certify',
    {
      config: { policy: 'titles.manage' },
      schema: {
        tags,
        summary:
          '公示期满确认命名：申报转为已命名并授予称号（编号、有效期） Certify the list after publicity: titles',
        params: idParams,
        body: certifyBody,
        response: { 201: certifyResult, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await certify(db, ctxOf(req), req.params.id, req.body, config.titles.validityYears)),
  );

  app.get(
    '/api/titles',
    {
      config: { policy: 'titles.read' },
      schema: {
        tags,
        summary: '称号台账（按年度、类别、类型、单位、状态筛选） The title registry',
        querystring: titleListQuery,
        response: { 200: titleList, 400: errorBody },
      },
    },
    async (req) => titles.list(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/titles/export.xlsx',
    {
      config: { policy: 'titles.read' },
      schema: {
        tags,
        summary: '导出称号台账（Excel，保留筛选） Export the filtered registry (xlsx)',
        querystring: titleExportQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('称号台账.xlsx (streamed)'), 400: errorBody },
      },
    },
    async (req, reply) => {
      const out = await titles.exportTitles(db, ctxOf(req), req.query, (err) =>
        req.log.error({ err }, 'title export failed while streaming'),
      );
      return reply.type(XLSX_MIME).header('content-disposition', out.disposition).send(out.stream);
    },
  );

  app.get(
    '/api/titles/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: '命名设置：称号默认有效期（年） Naming settings: the default validity in years',
        response: { 200: titleSettings },
      },
    },
    async () => ({ validityYears: config.titles.validityYears }),
  );

  app.get(
    '/api/titles/:id',
    {
      config: { policy: 'titles.read' },
      schema: {
        tags,
        summary: '称号及其变动记录 One title with its history',
        params: idParams,
        response: { 200: titleDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => titles.get(db, ctxOf(req), req.params.id),
  );
};

/** The certificate's QR code opens the web page `/verify/<token>`, which reads this. */
const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get(
    '/api/public/verify/:token',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: '证书验证：称号有效、已到期或已撤销（无需登录） Verify a certificate (no login)',
        params: verifyParams,
        response: { 200: publicVerification, 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) =>
      sendRendered(req, reply, await verificationResponse(db, req.params.token, app.deps.clock())),
  );
};

const printRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  const storage = evidenceStorage(config);
  const baseOf = (req: FastifyRequest) => config.mail.publicUrl ?? `${req.protocol}://${req.host}`;
  const onError = (req: FastifyRequest) => (err: unknown) =>
    req.log.error({ err }, 'printing failed while streaming');

  app.get(
    '/api/campaigns/:campaignId/naming-decision.pdf',
    {
      config: manage,
      schema: {
        tags,
        summary: '命名决定（PDF） The naming decision',
        params: campaignParams,
        produces: [PDF],
        response: pdfResponse,
      },
    },
    async (req, reply) =>
      sendPdf(reply, await print.printDecision(db, ctxOf(req), req.params.campaignId, onError(req))),
  );

  app.get(
    '/api/titles/print.pdf',
    {
      config: manage,
      schema: {
        tags,
        summary: '批量打印证书或牌匾（按活动或年度，一个 PDF） Batch print certificates or plaques',
        querystring: printQuery,
        produces: [PDF],
        response: pdfResponse,
      },
    },
    async (req, reply) =>
      sendPdf(reply, await print.printBatch(db, ctxOf(req), req.query, baseOf(req), onError(req))),
  );

  app.get(
    '/api/titles/:id/certificate.pdf',
    {
      config: manage,
      schema: {
        tags,
        summary: '打印一个称号的证书或牌匾 Print one title’s certificate or plaque',
        params: idParams,
        querystring: z.object({ kind: z.enum(['certificate', 'plaque']).default('certificate') }).strict(),
        produces: [PDF],
        response: pdfResponse,
      },
    },
    async (req, reply) =>
      sendPdf(
        reply,
        await print.printOne(db, ctxOf(req), req.params.id, req.query.kind, baseOf(req), onError(req)),
      ),
  );

  app.get(
    '/api/certificate-templates',
    {
      config: manage,
      schema: { tags, summary: '证书模板 Certificate templates', response: { 200: templateList } },
    },
    async () => templates.listTemplates(db),
  );

  app.put(
    '/api/certificate-templates/:kind',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改证书模板（文字、版式） Edit a template',
        params: templateKindParams,
        body: putTemplate,
        response: { 200: templateView, 400: errorBody, 409: errorBody },
      },
    },
    async (req) => templates.saveTemplate(db, ctxOf(req), req.params.kind, req.body),
  );

  app.post(
    '/api/certificate-templates/:kind/seal',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传印章图片（PNG/JPG，按佐证材料规则检查） Upload the seal image',
        consumes: ['multipart/form-data'],
        params: templateKindParams,
        response: { 200: templateView, 400: errorBody, 413: errorBody, 415: errorBody },
      },
    },
    async (req) =>
      templates.saveSeal(
        db,
        ctxOf(req),
        req.params.kind,
        await receiveUpload(req, storage.scratch),
        storage.scratch,
      ),
  );
};

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(publicRoutes);
  await app.register(printRoutes);
  await app.register(registryRoutes);
};

export default routes;
