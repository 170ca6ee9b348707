import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody } from '../../../../shared/src/contracts/common';
import { importResult } from '../../../../shared/src/contracts/organizations';
import {
  IMPORT_MAX_BYTES,
  importErrorBody,
  importQuery,
  orgExportQuery,
} from '../../../../shared/src/contracts/organization-import';
import { ctxOf } from '../../http/context';
import { AppError } from '../../core/errors';
import { importOrganizations } from './import-service';
import { buildTemplate } from './import-template';
import { exportOrganizations } from './export';
import { attachment } from '../../core/http-files';
import { XLSX_MIME } from '../../core/xlsx';
import { invalidFile } from './import-file';
import { multipartDoc } from '../../http/openapi';

const tags = ['organizations'];

/** A broken multipart body is the client's fault: INVALID_FILE (or 413 when over the limit), never a 500. */
function uploadError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  return invalidFile(
    'bad_upload',
    '上传内容不完整或格式不正确，请重新上传',
    'The upload is incomplete or malformed; upload it again',
  );
}

/** The one uploaded file of a multipart request, read into memory (at most IMPORT_MAX_BYTES). */
async function receiveFile(req: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  if (!req.isMultipart())
    throw invalidFile('not_multipart', '请以表单方式上传文件', 'Upload the file as multipart/form-data');
  try {
    const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
    if (!part) throw invalidFile('no_file', '没有收到上传的文件', 'No file was uploaded');
    return { bytes: await part.toBuffer(), filename: part.filename ?? '' };
  } catch (err) {
    throw uploadError(err);
  }
}

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
      const { bytes, filename } = await receiveFile(req);
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
