import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  acceptObjection,
  calendarImportQuery,
  calendarImportResult,
  calendarQuery,
  calendarYear,
  closeObjection,
  dateParams,
  dismissObjection,
  fileObjection,
  noteObjection,
  objectionDetail,
  objectionList,
  objectionReceipt,
  publicityDetail,
  publicityList,
  publicObjectionStatus,
  publicPublicity,
  publicPublicityList,
  publish,
  putCalendarDay,
  receiptParams,
} from '../../../../shared/src/contracts/publicity';
import { receiveImportFile } from '../organizations/import-file';
import { importErrorBody } from '../../../../shared/src/contracts/organization-import';
import { multipartDoc } from '../../http/openapi';
import { importYear } from './calendar-import';
import { ctxOf } from '../../http/context';
import * as calendar from './calendar';
import * as handling from './handling';
import * as objections from './objections';
import { openPublicitiesResponse, publicPublicityResponse } from './public';
import { sendRendered } from '../../http/rendered';
import * as publicity from './service';

const tags = ['publicity'];
const policy = 'publicity.manage';
const pub = { policy: 'public' as const };
const publicLimit = { max: 120, timeWindow: '1 minute' };

const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/public/publicity',
    {
      config: pub,
      schema: {
        tags,
        summary: '正在公示的名单（无需登录） Open publicities (no login)',
        response: { 200: publicPublicityList },
      },
    },
    async (req, reply) => sendRendered(req, reply, await openPublicitiesResponse(db, app.deps.clock())),
  );

  app.get(
    '/api/public/publicity/:id',
    {
      config: pub,
      schema: {
        tags,
        summary:
          '公示名单：拟命名对象、公示期和异议方式（无需登录） A publicity’s list, window and how to object',
        params: idParams,
        response: { 200: publicPublicity, 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) =>
      sendRendered(req, reply, await publicPublicityResponse(db, req.params.id, app.deps.clock())),
  );

  app.post(
    '/api/public/publicity/:id/objections',
    {
      config: { ...pub, rateLimit: { max: 30, timeWindow: '1 minute' } },
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary:
          '提出异议（实名或在允许时匿名；纯文本） File an objection (named, or anonymous when allowed)',
        params: idParams,
        body: fileObjection,
        response: { 201: objectionReceipt, 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await objections.file(db, ctxOf(req), req.params.id, req.body, req.ip)),
  );

  app.get(
    '/api/public/objections/:receipt',
    {
      config: { ...pub, rateLimit: { ...publicLimit, max: 30 } },
      schema: {
        tags,
        summary: '凭回执码查询异议办理结果 An objection’s outcome by its receipt code',
        params: receiptParams,
        response: { 200: publicObjectionStatus, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => objections.byReceipt(db, req.params.receipt),
  );
};

const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/calendar',
    {
      config: { policy },
      schema: {
        tags,
        summary: '工作日历：一年的节假日和调休上班日 A year of holidays and make-up working days',
        querystring: calendarQuery,
        response: { 200: calendarYear, 400: errorBody },
      },
    },
    async (req) => calendar.year(db, req.query.year),
  );

  app.put(
    '/api/calendar/days/:date',
    {
      config: { policy },
      schema: {
        tags,
        summary: '设置一天为放假或调休上班 Set a day as a holiday or a make-up working day',
        params: dateParams,
        body: putCalendarDay,
        response: { 200: calendarYear, 400: errorBody },
      },
    },
    async (req) => calendar.putDay(db, ctxOf(req), req.params.date, req.body),
  );

  app.delete(
    '/api/calendar/days/:date',
    {
      config: { policy },
      schema: {
        tags,
        summary: '删除一天的安排 Remove a day from the calendar',
        params: dateParams,
        response: { 200: calendarYear, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => calendar.deleteDay(db, ctxOf(req), req.params.date),
  );

  app.post(
    '/api/calendar/import',
    {
      config: {
        policy,
        rateLimit: { max: 30, timeWindow: '1 minute' },
        swaggerTransform: multipartDoc({
          file: {
            type: 'file',
            required: true,
            description:
              '一年的法定节假日安排：.xlsx 或 .csv，列为 日期、类型（放假/调休上班）、名称 The year’s holidays',
          },
        }),
      },
      schema: {
        tags,
        summary:
          '导入一年的法定节假日（dryRun=true 仅预检；正式导入替换该年） Import a year’s statutory holidays',
        consumes: ['multipart/form-data'],
        querystring: calendarImportQuery,
        response: { 200: calendarImportResult, 400: errorBody, 413: errorBody, 422: importErrorBody },
      },
    },
    async (req) =>
      importYear(db, ctxOf(req), req.query.year, await receiveImportFile(req), req.query.dryRun === 'true'),
  );
};

const committeeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post(
    '/api/campaigns/:id/publicity',
    {
      config: { policy },
      schema: {
        tags,
        summary: '发布拟命名名单公示（按工作日历计算公示期） Publish the proposed list for objections',
        params: idParams,
        body: publish,
        response: { 201: publicityDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await publicity.publish(db, ctxOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/campaigns/:id/publicities',
    {
      config: { policy },
      schema: {
        tags,
        summary: '活动的公示 A campaign’s publicities',
        params: idParams,
        response: { 200: publicityList, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => publicity.listOfCampaign(db, req.params.id),
  );

  app.get(
    '/api/publicities/:id',
    {
      config: { policy },
      schema: {
        tags,
        summary: '公示详情（含撤销和递补） A publicity with its entries',
        params: idParams,
        response: { 200: publicityDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => publicity.get(db, req.params.id),
  );

  app.get(
    '/api/publicities/:id/objections',
    {
      config: { policy },
      schema: {
        tags,
        summary:
          '公示收到的异议（异议人信息仅承办人可见） Objections (the filer unmasked for the assignee only)',
        params: idParams,
        response: { 200: objectionList, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => objections.listOf(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/objections/:id',
    {
      config: { policy },
      schema: {
        tags,
        summary: '异议详情与核查记录 An objection with its notes',
        params: idParams,
        response: { 200: objectionDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => objections.detail(db, ctxOf(req), req.params.id),
  );

  const handle = { 200: objectionDetail, 400: errorBody, 404: errorBody, 409: conflictBody };
  app.post(
    '/api/objections/:id/accept',
    {
      config: { policy },
      schema: {
        tags,
        summary: '受理异议（指定承办人和期限） Accept: assignee and deadline',
        params: idParams,
        body: acceptObjection,
        response: handle,
      },
    },
    async (req) => handling.assign(db, ctxOf(req), req.params.id, 'accept', req.body),
  );
  app.post(
    '/api/objections/:id/reassign',
    {
      config: { policy },
      schema: {
        tags,
        summary: '变更承办人或期限 Reassign',
        params: idParams,
        body: acceptObjection,
        response: handle,
      },
    },
    async (req) => handling.assign(db, ctxOf(req), req.params.id, 'reassign', req.body),
  );
  app.post(
    '/api/objections/:id/dismiss',
    {
      config: { policy },
      schema: {
        tags,
        summary: '不予受理（须说明理由） Dismiss with a reason',
        params: idParams,
        body: dismissObjection,
        response: handle,
      },
    },
    async (req) => handling.dismiss(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/objections/:id/notes',
    {
      config: { policy },
      schema: {
        tags,
        summary: '记录核查情况（承办人） Add an investigation note (the assignee)',
        params: idParams,
        body: noteObjection,
        response: handle,
      },
    },
    async (req) => handling.note(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/objections/:id/close',
    {
      config: { policy },
      schema: {
        tags,
        summary:
          '异议办结：不成立，或成立并撤销拟命名（可依次递补） Close: unfounded, or founded (withdraw, or substitute the next ranked)',
        params: idParams,
        body: closeObjection,
        response: handle,
      },
    },
    async (req) => handling.close(db, ctxOf(req), req.params.id, req.body),
  );
};

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(publicRoutes);
  await app.register(calendarRoutes);
  await app.register(committeeRoutes);
};

export default routes;
