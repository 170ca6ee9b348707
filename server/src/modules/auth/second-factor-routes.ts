/**
 * Routes of the second factor (AUTH-06/07). The code step answers a login waiting for it (`second_factor`),
 * the enrolment a login held at the enrolment gate or any complete one (`enrolment`); the rest need a
 * complete login. See docs/SECURITY.md.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { meBody } from '../../../../shared/src/contracts/auth';
import { errorBody, okBody } from '../../../../shared/src/contracts/common';
import {
  confirmEnrolmentBody,
  enrolmentBody,
  passwordConfirmBody,
  recoveryCodesBody,
  secondFactorStatusBody,
  verifySecondFactorBody,
} from '../../../../shared/src/contracts/second-factor';
import { ctxOf } from '../../http/context';
import { sessionCookieName } from '../../http/authz';
import * as sf from './second-factor';
import { me } from './me';
import { setRememberCookie, setSessionCookie } from './cookies';

/** Rate limits key on the session (a pending login has one), else the address. */
const perSession = (req: FastifyRequest) => req.cookies[sessionCookieName(req)] ?? req.ip;

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  app.get(
    '/api/auth/second-factor',
    {
      config: { policy: 'session_any' },
      schema: {
        tags: ['auth'],
        summary: '双因素认证状态 Second-factor status',
        response: { 200: secondFactorStatusBody },
      },
    },
    async (req) => sf.status(db, config, req.actor!),
  );

  app.post(
    '/api/auth/second-factor/verify',
    {
      // AUTH-07: at most five tries in five minutes per login; the lockout counts wrong codes too.
      config: {
        policy: 'second_factor',
        rateLimit: { max: 5, timeWindow: '5 minutes', keyGenerator: perSession },
      },
      schema: {
        tags: ['auth'],
        summary: '输入动态验证码或恢复码完成登录 Finish logging in with a code or recovery code',
        body: verifySecondFactorBody,
        response: { 200: meBody, 400: errorBody, 401: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      const done = await sf.verify(
        db,
        config,
        ctxOf(req),
        req.sessionHash!,
        req.body,
        req.headers['user-agent'] ?? null,
      );
      setSessionCookie(req, reply, done.token);
      if (done.remember) setRememberCookie(req, reply, done.remember);
      return me(db, done.actor, config.demo);
    },
  );

  app.get(
    '/api/auth/second-factor/enrolment',
    {
      config: { policy: 'enrolment' },
      schema: {
        tags: ['auth'],
        summary: '绑定身份验证器：二维码 Set up an authenticator: QR code',
        response: { 200: enrolmentBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return sf.enrolment(db, ctxOf(req));
    },
  );

  app.post(
    '/api/auth/second-factor/enrolment',
    {
      config: {
        policy: 'enrolment',
        rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: perSession },
      },
      schema: {
        tags: ['auth'],
        summary: '绑定身份验证器：确认首个验证码 Set up an authenticator: confirm a first code',
        body: confirmEnrolmentBody,
        response: { 200: recoveryCodesBody, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      const done = await sf.confirmEnrolment(
        db,
        config,
        ctxOf(req),
        req.sessionHash!,
        req.body.code,
        req.headers['user-agent'] ?? null,
      );
      if (done.token) setSessionCookie(req, reply, done.token);
      reply.header('Cache-Control', 'no-store');
      return { recoveryCodes: done.recoveryCodes };
    },
  );

  app.post(
    '/api/auth/second-factor/recovery-codes',
    {
      config: {
        policy: 'session',
        rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: perSession },
      },
      schema: {
        tags: ['auth'],
        summary: '重新生成恢复码 Regenerate recovery codes',
        body: passwordConfirmBody,
        response: { 200: recoveryCodesBody, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { recoveryCodes: await sf.regenerateRecoveryCodes(db, ctxOf(req), req.body.password) };
    },
  );

  app.post(
    '/api/auth/second-factor/disable',
    {
      config: {
        policy: 'session',
        rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: perSession },
      },
      schema: {
        tags: ['auth'],
        summary: '停用双因素认证 Turn off the second factor',
        body: passwordConfirmBody,
        response: { 200: okBody, 400: errorBody, 409: errorBody },
      },
    },
    async (req) => {
      await sf.disable(db, config, ctxOf(req), req.sessionHash!, req.body.password);
      return { ok: true as const };
    },
  );
};

export default routes;
