import fsp from 'node:fs/promises';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams, okBody } from '../../../../shared/src/contracts/common';
import { applicationParams, evidenceFile } from '../../../../shared/src/contracts/evidence';
import { ctxOf } from '../../http/context';
import { contentDisposition } from '../../core/http-files';
import * as evidence from './service';
import { evidenceStorage } from './storage';
import { receiveUpload } from './upload';
import { multipartDoc } from '../../http/openapi';
import { dossierZipQuery } from '../../../../shared/src/contracts/dossier-zip';
import { openDossierZip } from './dossier-zip';

const tags = ['evidence'];
const HOUR = 3600_000;

function sendFile(reply: FastifyReply, d: evidence.Download, type: 'attachment' | 'inline') {
  reply
    .type(d.mediaType)
    .header('content-disposition', contentDisposition(type, d.name))
    .header('x-content-type-options', 'nosniff')
    // A file opened directly in the browser runs nothing and loads nothing.
    .header('content-security-policy', "default-src 'none'; sandbox");
  if (d.size !== null) reply.header('content-length', d.size);
  return reply.send(d.stream);
}

/** Evidence files (申报材料) of applications: upload, download, thumbnail, delete. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  const storage = evidenceStorage(config);
  // Scratch files older than a day were left by a crash (a live upload takes minutes at most).
  await storage.scratch.sweep(Date.now(), 24 * HOUR);
  if (config.env === 'test')
    app.addHook('onClose', async () => fsp.rm(storage.root, { recursive: true, force: true }));

  app.post(
    '/api/applications/:id/evidence',
    {
      config: {
        policy: 'applications.write',
        swaggerTransform: multipartDoc({
          file: {
            type: 'file',
            required: true,
            description:
              '文件（PDF、JPG、PNG、DOCX、XLSX，不超过 20 MB） The file (PDF, JPG, PNG, DOCX, XLSX, at most 20 MB)',
          },
          criterionId: {
            type: 'string',
            format: 'uuid',
            description: '所佐证的评分项（可空） The criterion the file supports (optional; empty: none)',
          },
        }),
      },
      schema: {
        tags,
        summary:
          '上传申报材料（PDF、JPG、PNG、DOCX、XLSX，单个不超过 20 MB） Upload an evidence file (multipart: file, criterionId)',
        consumes: ['multipart/form-data'],
        params: applicationParams,
        response: {
          201: evidenceFile,
          400: errorBody,
          404: errorBody,
          409: errorBody,
          413: errorBody,
          415: errorBody,
        },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await evidence.prepareUpload(db, ctx, req.params.id);
      const upload = await receiveUpload(req, storage.scratch);
      const file = await evidence.acceptUpload(db, storage, ctx, req.params.id, upload);
      return reply.code(201).send(file);
    },
  );

  app.get(
    '/api/evidence/:id',
    {
      config: { policy: 'applications.read' },
      schema: {
        tags,
        summary:
          '下载申报材料（先校验上传时记录的 SHA-256，不符时 409 EVIDENCE_CORRUPT） Download an evidence file (checked against its SHA-256 first)',
        params: idParams,
        response: {
          200: z.any().describe('the file (streamed)'),
          400: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (req, reply) => {
      const d = await evidence.openDownload(db, storage, ctxOf(req), req.params.id, 'file', (key) =>
        req.log.error({ key }, 'evidence file missing from the store'),
      );
      return sendFile(reply, d, 'attachment');
    },
  );

  app.get(
    '/api/applications/dossiers.zip',
    {
      config: { policy: 'applications.read' },
      schema: {
        tags,
        summary:
          '批量下载申报材料（.zip：每项申报一个文件夹，含申报书 PDF 与佐证材料，根目录有清单.xlsx；最多 100 项，任一项不在查看范围内则 404） Download dossiers as one .zip (a folder per application with its PDF and evidence, a manifest; at most 100; any id out of scope → 404)',
        querystring: dossierZipQuery,
        produces: ['application/zip'],
        response: {
          200: z.any().describe('申报材料.zip (streamed)'),
          400: errorBody,
          404: errorBody,
          422: errorBody,
        },
      },
    },
    async (req, reply) => {
      const zip = await openDossierZip(db, storage, ctxOf(req), req.query.ids, {
        onMissing: (key) => req.log.error({ key }, 'evidence file missing from the store'),
        onError: (err) => req.log.error({ err }, 'dossier archive failed while streaming'),
      });
      return reply
        .type('application/zip')
        .header('content-disposition', zip.disposition)
        .header('x-content-type-options', 'nosniff')
        .send(zip.stream);
    },
  );

  app.get(
    '/api/evidence/:id/thumbnail',
    {
      config: { policy: 'applications.read' },
      schema: {
        tags,
        summary: '申报材料缩略图（图片） Thumbnail of an image evidence file',
        params: idParams,
        response: { 200: z.any().describe('image/jpeg'), 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const d = await evidence.openDownload(db, storage, ctxOf(req), req.params.id, 'thumbnail', (key) =>
        req.log.error({ key }, 'evidence thumbnail missing from the store'),
      );
      return sendFile(reply, d, 'inline');
    },
  );

  app.delete(
    '/api/evidence/:id',
    {
      config: { policy: 'applications.write' },
      schema: {
        tags,
        summary: '删除申报材料 Delete an evidence file',
        params: idParams,
        response: { 200: okBody, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => {
      await evidence.remove(db, ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
};

export default routes;
