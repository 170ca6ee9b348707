import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams, okBody } from '../../../../shared/src/contracts/common';
import {
  createHonour,
  createHonourKind,
  honourDetail,
  honourImportResult,
  honourKind,
  honourKindList,
  honourList,
  honourListQuery,
  poolQuery,
  poolView,
  reservoirReport,
} from '../../../../shared/src/contracts/honours';
import { importErrorBody, importQuery } from '../../../../shared/src/contracts/organization-import';
import { ctxOf } from '../../http/context';
import { multipartDoc } from '../../http/openapi';
import { receiveImportFile } from '../organizations/import-file';
import { importHonours } from './import';
import { buildHonourTemplate } from './import-template';
import { attachment } from '../../core/http-files';
import { XLSX_MIME } from '../../core/xlsx';
import { reservoir } from './reservoir';
import { pool } from './pool';
import * as honours from './service';

const tags = ['honours'];
const manage = { policy: 'titles.manage' as const };
const read = { policy: 'titles.read' as const };

const kindRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/honour-kinds',
    {
      config: read,
      schema: { tags, summary: '表彰类型 Honour kinds', response: { 200: honourKindList } },
    },
    async () => honours.listKinds(db),
  );

  app.post(
    '/api/honour-kinds',
    {
      config: manage,
      schema: {
        tags,
        summary: '新增表彰类型（组织或个人） Add an honour kind (organisation or person)',
        body: createHonourKind,
        response: { 201: honourKind, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await honours.createKind(db, ctxOf(req), req.body)),
  );
};

const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/honours',
    {
      config: read,
      schema: {
        tags,
        summary: '表彰记录（个人姓名脱敏；单位只见本单位） Honours (person names masked)',
        querystring: honourListQuery,
        response: { 200: honourList, 400: errorBody },
      },
    },
    async (req) => honours.list(db, ctxOf(req), req.query),
  );

  app.post(
    '/api/honours',
    {
      config: manage,
      schema: {
        tags,
        summary: '记录一项表彰（组织或个人，含文号和日期） Record an honour',
        body: createHonour,
        response: { 201: honourDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await honours.create(db, ctxOf(req), req.body)),
  );

  app.get(
    '/api/honours/reservoir',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '蓄水池效应：每年表彰中来自示范单位的比例（按表彰类型、类别和党组织类型） The honours pool report',
        response: { 200: reservoirReport },
      },
    },
    async () => reservoir(db),
  );

  app.get(
    '/api/honours/pool',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '表彰推荐人选（蓄水池）：有效称号的组织及其书记、联系人，得分和复评复审结论 Candidates from the titles',
        querystring: poolQuery,
        response: { 200: poolView, 400: errorBody },
      },
    },
    async (req) => pool(db, req.query.year),
  );

  app.get(
    '/api/honours/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '一项表彰（工委管理员可见完整姓名） One honour',
        params: idParams,
        response: { 200: honourDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => honours.get(db, ctxOf(req), req.params.id),
  );

  app.delete(
    '/api/honours/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '删除一项表彰记录 Delete an honour',
        params: idParams,
        response: { 200: okBody, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => honours.remove(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/honours/import/template',
    {
      config: manage,
      schema: {
        tags,
        summary: '下载表彰导入模板 Download the honours import template',
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('表彰导入模板.xlsx'), 403: errorBody },
      },
    },
    async (_req, reply) =>
      reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment('表彰导入模板.xlsx', 'honours-import-template.xlsx'))
        .send(await buildHonourTemplate(db)),
  );

  app.post(
    '/api/honours/import',
    {
      config: {
        ...manage,
        rateLimit: { max: 30, timeWindow: '1 minute' },
        swaggerTransform: multipartDoc({
          file: {
            type: 'file',
            required: true,
            description:
              '表彰名单：.xlsx 或 .csv，列为 年度、表彰类型、组织编码、姓名、职务、文号、表彰日期、备注 The honours file',
          },
        }),
      },
      schema: {
        tags,
        summary: '导入表彰（dryRun=true 仅预检；正式导入全部写入或全不写入） Import honours',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: {
          200: honourImportResult,
          400: errorBody,
          409: errorBody,
          413: errorBody,
          422: importErrorBody,
        },
      },
    },
    async (req) => importHonours(db, ctxOf(req), await receiveImportFile(req), req.query.dryRun === 'true'),
  );
};

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(kindRoutes);
  await app.register(recordRoutes);
};

export default routes;
