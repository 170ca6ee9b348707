import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  notification,
  notificationList,
  notificationListQuery,
  readAllResult,
  unreadCount,
} from '../../../../shared/src/contracts/notifications';
import { ctxOf } from '../../http/context';
import * as inbox from './service';

const tags = ['notifications'];

/** The caller's own inbox: policy `session` (any logged-in user); someone else's notification is 404. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/notifications',
    {
      config: { policy: 'session' },
      schema: {
        tags,
        summary: '我的消息 List my notifications',
        querystring: notificationListQuery,
        response: { 200: notificationList, 400: errorBody, 401: errorBody },
      },
    },
    async (req) => inbox.list(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: { policy: 'session' },
      schema: {
        tags,
        summary: '未读消息数 Count my unread notifications',
        response: { 200: unreadCount, 401: errorBody },
      },
    },
    async (req) => inbox.unreadCount(db, ctxOf(req)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { policy: 'session' },
      schema: {
        tags,
        summary: '标为已读 Mark a notification read',
        params: idParams,
        response: { 200: notification, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (req) => inbox.markRead(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { policy: 'session' },
      schema: {
        tags,
        summary: '全部标为已读 Mark all my notifications read',
        response: { 200: readAllResult, 401: errorBody },
      },
    },
    async (req) => inbox.markAllRead(db, ctxOf(req)),
  );
};

export default routes;
