import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditExportQuery, auditList, auditListQuery } from '../../../../shared/src/contracts/audit';
import { errorBody } from '../../../../shared/src/contracts/common';
import { ctxOf } from '../../http/context';
import { exportDisposition, writeAuditXlsx } from './export';
import { XLSX_MIME } from '../../core/xlsx';
import * as audit from './service';

const tags = ['audit'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

/**
 * The audit log, read-only for the audit administrator (三权分立). There is no route that edits or
 * deletes an event, and the table refuses UPDATE/DELETE/TRUNCATE (migration 0001).
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/audit-events',
    {
      config: { policy: 'audit.read' },
      schema: {
        tags,
        summary: '审计日志 Audit log',
        querystring: auditListQuery,
        response: { 200: auditList, ...errors },
      },
    },
    async (req) => audit.listAuditEvents(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/audit-events/export.xlsx',
    {
      config: { policy: 'audit.read' },
      schema: {
        tags,
        summary: '导出审计日志（Excel，最多 10 万行） Export the audit log (xlsx, at most 100,000 rows)',
        querystring: auditExportQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('审计日志.xlsx (streamed)'), ...errors },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const data = await audit.exportAuditEvents(db, ctx, req.query);
      const body = new PassThrough();
      writeAuditXlsx(body, data).catch((err: unknown) => {
        req.log.error({ err }, 'audit export failed while streaming');
        body.destroy(err as Error);
      });
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', exportDisposition(ctx.now))
        .header('x-total-count', String(data.total))
        .send(body);
    },
  );
};

export default routes;
