import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import { lockReview, reopenReview, reviewSheet, saveReview } from '../../../../shared/src/contracts/reviews';
import { ctxOf } from '../../http/context';
import * as reviews from './service';

const tags = ['reviews'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

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
