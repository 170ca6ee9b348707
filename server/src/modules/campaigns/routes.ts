import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  campaignDashboard,
  campaignDetail,
  campaignList,
  campaignListQuery,
  copyCampaign,
  createCampaign,
  currentCampaigns,
  patchCampaign,
  transitionCampaign,
  closeIntakeBody,
} from '../../../../shared/src/contracts/campaigns';
import { ctxOf } from '../../http/context';
import { dashboard } from './dashboard';
import * as campaigns from './service';
import { closeIntake, transition } from './transition';

const tags = ['campaigns'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/campaigns',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags,
        summary: '创建活动列表 List campaigns',
        querystring: campaignListQuery,
        response: { 200: campaignList, 400: errorBody },
      },
    },
    async (req) => campaigns.list(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/campaigns/current',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags,
        summary: '本年度申报中的活动 Open campaigns of this year',
        response: { 200: currentCampaigns },
      },
    },
    async (req) => campaigns.current(db, ctxOf(req)),
  );

  app.get(
    '/api/campaigns/:id',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags,
        summary: '创建活动详情 Get a campaign with its settings',
        params: idParams,
        response: { 200: campaignDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => campaigns.get(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/campaigns',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags,
        summary: '新建创建活动（草稿） Create a campaign (draft)',
        body: createCampaign,
        response: { 201: campaignDetail, 400: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await campaigns.create(db, ctxOf(req), req.body)),
  );

  app.patch(
    '/api/campaigns/:id',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags,
        summary: '修改创建活动 Update a campaign',
        params: idParams,
        body: patchCampaign,
        response: { 200: campaignDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => campaigns.update(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/campaigns/:id/copy',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags,
        summary: '复制上年度活动 Copy a campaign into a new draft',
        params: idParams,
        body: copyCampaign,
        response: { 201: campaignDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await campaigns.copy(db, ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/campaigns/:id/transition',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags,
        summary: '推进活动状态 Move a campaign to its next status',
        params: idParams,
        body: transitionCampaign,
        response: { 200: campaignDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => transition(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/campaigns/:id/close-intake',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags,
        summary:
          '立即截止申报（草稿与退回的申报不能再提交；进入评审时未提交或未获推荐的申报终止） Close intake now',
        params: idParams,
        body: closeIntakeBody,
        response: { 200: campaignDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => closeIntake(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/campaigns/:id/dashboard',
    {
      config: { policy: 'campaigns.dashboard' },
      schema: {
        tags,
        summary: '创建活动统计 Campaign dashboard',
        params: idParams,
        response: { 200: campaignDashboard, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => dashboard(db, ctxOf(req), req.params.id),
  );
};

export default routes;
