import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  createSessionBody,
  mySessions,
  panelView,
  presenterScore,
  presenterScoreBody,
  screenView,
  sessionList,
  sessionParams,
  sessionView,
} from '../../../../shared/src/contracts/presentation';
import { ctxOf } from '../../http/context';
import * as presentation from './service';

const tags = ['presentation'];
const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post(
    '/api/stages/:id/sessions',
    {
      config: { policy: 'presentation.run' },
      schema: {
        tags,
        summary:
          '新建现场讲述场次（抽签定顺序，可预览） Create a presentation session (order by lot; preview)',
        params: idParams,
        body: createSessionBody,
        response: { 200: sessionView, 201: sessionView, ...errors },
      },
    },
    async (req, reply) => {
      const view = await presentation.createSession(db, ctxOf(req), req.params.id, req.body);
      return reply.code(req.body.preview ? 200 : 201).send(view);
    },
  );

  app.get(
    '/api/stages/:id/sessions',
    {
      config: { policy: 'presentation.run' },
      schema: {
        tags,
        summary: '现场讲述场次列表 Sessions of a presentation stage',
        params: idParams,
        response: { 200: sessionList, ...errors },
      },
    },
    async (req) => presentation.listSessions(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/sessions/:id',
    {
      config: { policy: 'presentation.run' },
      schema: {
        tags,
        summary: '场次详情（主持人） A session as the chair sees it',
        params: idParams,
        response: { 200: sessionView, ...errors },
      },
    },
    async (req) => presentation.getSessionView(db, ctxOf(req), req.params.id),
  );

  for (const action of ['start', 'pause', 'next', 'finish'] as const) {
    app.post(
      `/api/sessions/:id/${action}`,
      {
        config: { policy: 'presentation.run' },
        schema: {
          tags,
          summary: {
            start: '开始或继续计时 Start (or resume) the timer',
            pause: '暂停计时 Pause the timer',
            next: '下一位讲述 Next presenter',
            finish: '结束场次 Finish the session',
          }[action],
          params: idParams,
          response: { 200: sessionView, ...errors },
        },
      },
      async (req) => presentation.control(db, ctxOf(req), req.params.id, action),
    );
  }

  app.post(
    '/api/sessions/:id/presenters/:applicationId/release',
    {
      config: { policy: 'presentation.run' },
      schema: {
        tags,
        summary: "公布讲述结果（评委全部确认后） Release a presenter's result once every panel member locked",
        params: sessionParams,
        response: { 200: sessionView, ...errors },
      },
    },
    async (req) => presentation.releaseResult(db, ctxOf(req), req.params.id, req.params.applicationId),
  );

  app.get(
    '/api/sessions/:id/screen',
    {
      config: { policy: 'presentation.run' },
      schema: {
        tags,
        summary: '会场大屏数据（每 2 秒轮询） The room screen feed (poll every 2 s)',
        params: idParams,
        response: { 200: screenView, ...errors },
      },
    },
    async (req) => presentation.screen(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/me/sessions',
    {
      config: { policy: 'reviews.read' },
      schema: {
        tags,
        summary: '我参加评分的现场讲述场次 The presentation sessions I sit on as a panel member',
        response: { 200: mySessions },
      },
    },
    async (req) => presentation.mySessions(db, ctxOf(req)),
  );

  app.get(
    '/api/sessions/:id/panel',
    {
      config: { policy: 'reviews.read' },
      schema: {
        tags,
        summary: '评委手机端：当前讲述与我的评分 Panel phone: current presenter and my scores',
        params: idParams,
        response: { 200: panelView, ...errors },
      },
    },
    async (req) => presentation.panel(db, ctxOf(req), req.params.id),
  );

  app.put(
    '/api/sessions/:id/presenters/:applicationId/score',
    {
      config: { policy: 'reviews.write' },
      schema: {
        tags,
        summary: '评委打分（0–100，步长 0.5） Score a presenter (0–100, step 0.5)',
        params: sessionParams,
        body: presenterScoreBody,
        response: { 200: presenterScore, ...errors },
      },
    },
    async (req) =>
      presentation.saveScore(db, ctxOf(req), req.params.id, req.params.applicationId, req.body.score),
  );

  app.post(
    '/api/sessions/:id/presenters/:applicationId/score/lock',
    {
      config: { policy: 'reviews.write' },
      schema: {
        tags,
        summary: '确认评分（锁定） Lock my score of a presenter',
        params: sessionParams,
        response: { 200: presenterScore, ...errors },
      },
    },
    async (req) => presentation.lockScore(db, ctxOf(req), req.params.id, req.params.applicationId),
  );
};

export default routes;
