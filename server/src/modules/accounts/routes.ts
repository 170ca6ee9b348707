import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  account,
  accountList,
  accountListQuery,
  accountVersionBody,
  createAccount,
  oneTimePassword,
  patchAccount,
} from '../../../../shared/src/contracts/accounts';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import { ctxOf } from '../../http/context';
import * as credentials from './credentials';
import * as accounts from './service';

const tags = ['accounts'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: conflictBody };

/** Account management (三权分立: which roles a caller manages is MANAGEABLE_ROLES). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/accounts',
    {
      config: { policy: 'accounts.read' },
      schema: {
        tags,
        summary: '账号列表 List accounts',
        querystring: accountListQuery,
        response: { 200: accountList, ...errors },
      },
    },
    async (req) => accounts.listAccounts(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/accounts/:id',
    {
      config: { policy: 'accounts.read' },
      schema: {
        tags,
        summary: '账号详情 Account',
        params: idParams,
        response: { 200: account, ...errors },
      },
    },
    async (req) => accounts.getAccount(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/accounts',
    {
      config: { policy: 'accounts.manage' },
      schema: {
        tags,
        summary: '创建账号（返回一次性密码） Create an account (answers a one-time password)',
        body: createAccount,
        response: { 201: oneTimePassword, ...errors },
      },
    },
    async (req, reply) => {
      const result = await accounts.createAccount(db, ctxOf(req), req.body);
      return reply.code(201).send(result);
    },
  );

  app.patch(
    '/api/accounts/:id',
    {
      config: { policy: 'accounts.manage' },
      schema: {
        tags,
        summary: '修改、停用或启用账号 Edit, disable or enable an account',
        params: idParams,
        body: patchAccount,
        response: { 200: account, ...errors },
      },
    },
    async (req) => accounts.updateAccount(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/accounts/:id/reset-password',
    {
      config: { policy: 'accounts.manage' },
      schema: {
        tags,
        summary: '重置密码（一次性密码） Reset the password (one-time password)',
        params: idParams,
        body: accountVersionBody,
        response: { 200: oneTimePassword, ...errors },
      },
    },
    async (req) => credentials.resetPassword(db, ctxOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/accounts/:id/unlock',
    {
      config: { policy: 'accounts.manage' },
      schema: {
        tags,
        summary: '解除锁定 Unlock an account',
        params: idParams,
        body: accountVersionBody,
        response: { 200: account, ...errors },
      },
    },
    async (req) => credentials.unlockAccount(db, ctxOf(req), req.params.id, req.body.version),
  );
};

export default routes;
