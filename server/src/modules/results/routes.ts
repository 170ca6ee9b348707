import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  ranking,
  rankingQuery,
  recomputeAnswer,
  stageProgress,
  stageRemindAnswer,
  stageStatistics,
} from '../../../../shared/src/contracts/results';
import { ctxOf } from '../../http/context';
import { remindStage } from './reminders';
import * as results from './service';

const tags = ['results'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post(
    '/api/campaigns/:id/recompute',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary: '重新计算评审结果 Recompute every stage score, standardisation and final (set-based)',
        params: idParams,
        response: { 200: recomputeAnswer, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => results.recompute(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/stages/:id/standardise',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary:
          '标准化评分 Standardise a stage per reviewer (z-scores rescaled, reviewers with ≥ 5 reviews)',
        params: idParams,
        response: { 200: recomputeAnswer, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => results.standardise(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/campaigns/:id/ranking',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary: '排名 Ranking of one track × kind, raw and standardised side by side, with the tie rule',
        params: idParams,
        querystring: rankingQuery,
        response: { 200: ranking, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => results.ranking(db, ctxOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/stages/:id/statistics',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary: '评审统计 Score distribution, ICC(1), reviewer leniency and spread flags of a stage',
        params: idParams,
        response: { 200: stageStatistics, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => results.statistics(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/stages/:id/progress',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary: '评分进度 Per reviewer: assigned and locked reviews; who has not finished',
        params: idParams,
        response: { 200: stageProgress, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => results.progress(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/stages/:id/remind',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary:
          '催办 Remind every expert with reviews of the open stage not locked yet (inbox, and mail with SMTP)',
        params: idParams,
        response: { 200: stageRemindAnswer, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => remindStage(db, ctxOf(req), req.params.id),
  );
};

export default routes;
