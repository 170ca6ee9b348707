import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody } from '../../../../shared/src/contracts/common';
import { importResult } from '../../../../shared/src/contracts/organizations';
import {
  importErrorBody,
  importQuery,
  orgExportQuery,
} from '../../../../shared/src/contracts/organization-import';
import { ctxOf } from '../../http/context';
import { importOrganizations } from './import-service';
import { buildTemplate } from './import-template';
import { exportOrganizations } from './export';
import { attachment } from '../../core/http-files';
import { XLSX_MIME } from '../../core/xlsx';
import { receiveImportFile } from './import-file';
import { multipartDoc } from '../../http/openapi';

const tags = ['organizations'];

/** Excel/CSV import and export of the organisation tree. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/organizations/import/template',
    {
      config: { policy: 'organizations.import' },
      schema: {
        tags,
        summary: '下载党组织导入模板 Download the organisation import template',
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('组织导入模板.xlsx'), 403: errorBody },
      },
    },
    async (_req, reply) => {
      const body = await buildTemplate(db);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment('组织导入模板.xlsx', 'organization-import-template.xlsx'))
        .send(body);
    },
  );

  app.post(
    '/api/organizations/import',
    {
      config: {
        policy: 'organizations.import',
        rateLimit: { max: 30, timeWindow: '1 minute' },
        swaggerTransform: multipartDoc({
          file: {
            type: 'file',
            required: true,
            description:
              '导入文件：按模板填写的 .xlsx 或 .csv（UTF-8） The file: an .xlsx or UTF-8 .csv filled in from the template',
          },
        }),
      },
      schema: {
        tags,
        summary:
          '导入党组织（Excel 或 CSV；dryRun=true 仅预检） Import organisations (xlsx or CSV; dryRun=true only checks)',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: {
          200: importResult,
          400: errorBody,
          403: errorBody,
          409: errorBody,
          413: errorBody,
          422: importErrorBody,
        },
      },
    },
    async (req) => {
      const { bytes, filename } = await receiveImportFile(req);
      return importOrganizations(
        db,
        ctxOf(req),
        { bytes, filename },
        { dryRun: req.query.dryRun === 'true' },
      );
    },
  );

  app.get(
    '/api/organizations/export.xlsx',
    {
      config: { policy: 'organizations.export' },
      schema: {
        tags,
        summary: '导出党组织（Excel，可再导入） Export organisations (xlsx, re-importable)',
        querystring: orgExportQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('党组织.xlsx (streamed)'), 400: errorBody, 403: errorBody },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const out = await exportOrganizations(db, ctx, req.query, (err) =>
        req.log.error({ err }, 'organisation export failed while streaming'),
      );
      return reply.type(XLSX_MIME).header('content-disposition', out.disposition).send(out.stream);
    },
  );
};

export default routes;
