import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  certifyBody,
  certifyResult,
  titleDetail,
  titleExportQuery,
  titleList,
  titleListQuery,
} from '../../../../shared/src/contracts/titles';
import { XLSX_MIME } from '../../core/xlsx';
import { ctxOf } from '../../http/context';
import { certify } from './certify';
import * as titles from './service';

const tags = ['titles'];

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

export default registryRoutes;
