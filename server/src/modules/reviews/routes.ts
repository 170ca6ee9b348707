import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import { z } from 'zod';
import {
  lockReview,
  reopenReview,
  reviewPhoto,
  reviewSheet,
  saveReview,
} from '../../../../shared/src/contracts/reviews';
import { contentDisposition } from '../../core/http-files';
import { multipartDoc } from '../../http/openapi';
import { evidenceStorage } from '../evidence/storage';
import { receiveUpload } from '../evidence/upload';
import * as photos from './photos';
import { ctxOf } from '../../http/context';
import * as reviews from './service';

const tags = ['reviews'];

const photoParams = z.object({ id: z.uuid(), photoId: z.uuid() });

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  const storage = evidenceStorage(config);

  app.post(
    '/api/reviews/:id/photos',
    {
      config: {
        policy: 'reviews.write',
        swaggerTransform: multipartDoc({
          file: { type: 'file', required: true, description: '照片（JPG、PNG） The photo (JPG or PNG)' },
          criterionId: {
            type: 'string',
            format: 'uuid',
            description: '所考察的评分项（可空） The criterion (optional)',
          },
          takenAt: {
            type: 'string',
            format: 'date-time',
            description: '拍摄时间 When it was taken (default: now)',
          },
          latitude: { type: 'string', description: '纬度（可空） Latitude (with longitude)' },
          longitude: { type: 'string', description: '经度（可空） Longitude (with latitude)' },
        }),
      },
      schema: {
        tags,
        summary:
          '上传现场考察照片 Attach an on-site photo (multipart: file, criterionId, takenAt, latitude, longitude)',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: {
          201: reviewPhoto,
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
          413: errorBody,
        },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await photos.preparePhoto(db, ctx, req.params.id);
      const upload = await receiveUpload(req, storage.scratch);
      return reply.code(201).send(await photos.acceptPhoto(db, storage, ctx, req.params.id, upload));
    },
  );

  for (const which of ['file', 'thumbnail'] as const)
    app.get(
      which === 'file' ? '/api/reviews/:id/photos/:photoId' : '/api/reviews/:id/photos/:photoId/thumbnail',
      {
        config: { policy: 'reviews.read' },
        schema: {
          tags,
          summary:
            which === 'file'
              ? '现场考察照片 An on-site photo'
              : '现场考察照片缩略图 Thumbnail of an on-site photo',
          params: photoParams,
          response: {
            200: z.any().describe('the image (streamed)'),
            400: errorBody,
            404: errorBody,
            ...(which === 'file' ? { 409: errorBody } : {}),
          },
        },
      },
      async (req, reply) => {
        const p = await photos.openPhoto(db, storage, ctxOf(req), req.params.id, req.params.photoId, which);
        return reply
          .type(p.mediaType)
          .header('content-disposition', contentDisposition('inline', p.name))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(p.stream);
      },
    );

  app.get(
    '/api/reviews/:id',
    {
      config: { policy: 'reviews.read' },
      schema: {
        tags,
        summary: '评分表 The scoring sheet of a review (its id is the assignment id)',
        params: idParams,
        response: { 200: reviewSheet, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => reviews.getSheet(db, ctxOf(req), req.params.id),
  );

  app.put(
    '/api/reviews/:id',
    {
      config: { policy: 'reviews.write' },
      schema: {
        tags,
        summary: '保存评分草稿 Save a draft (points 0..max in steps of 0.5, comments, veto items)',
        params: idParams,
        body: saveReview,
        response: { 200: reviewSheet, 400: errorBody, 403: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => reviews.save(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/reviews/:id/lock',
    {
      config: { policy: 'reviews.write' },
      schema: {
        tags,
        summary: '确认并锁定评分 Confirm and lock a complete sheet',
        params: idParams,
        body: lockReview,
        response: { 200: reviewSheet, 400: errorBody, 403: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => reviews.lock(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/reviews/:id/reopen',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary: '退回评分 Reopen a locked review (committee, with a reason)',
        params: idParams,
        body: reopenReview,
        response: { 200: reviewSheet, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => reviews.reopen(db, ctxOf(req), req.params.id, req.body),
  );
};

export default routes;
