import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePasswordBody, loginBody, meBody, patchMeBody } from '../../../../shared/src/contracts/auth';
import { errorBody, okBody } from '../../../../shared/src/contracts/common';
import { ctxOf } from '../../http/context';
import { AppError } from '../../core/errors';
import { sessionCookieName } from '../../http/authz';
import * as auth from './service';
import { me, updateMe } from './me';
import secondFactorRoutes from './second-factor-routes';
import { cookieOptions, rememberCookieName, setSessionCookie } from './cookies';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  app.post(
    '/api/auth/login',
    {
      // Per address (req.ip: the client's behind a trusted proxy), sized for an office behind one NAT;
      // per account the lockout (SHIFAN_LOGIN_MAX_FAILURES) stops password guessing.
      config: {
        policy: 'public',
        rateLimit: {
          max: config.login.perAddressPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (req) => req.ip,
        },
      },
      // A refused body is still a failed login, and is audited as one before the 400 leaves.
      attachValidation: true,
      schema: {
        tags: ['auth'],
        summary: '登录 Log in',
        body: loginBody,
        response: { 200: meBody, 400: errorBody, 401: errorBody },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      if (req.validationError) {
        const given = (req.body as { username?: unknown } | null)?.username;
        await auth.auditRefusedLogin(db, ctx, typeof given === 'string' ? given : null);
        throw req.validationError;
      }
      const result = await auth.login(
        db,
        config,
        ctx,
        req.body.username,
        req.body.password,
        req.headers['user-agent'] ?? null,
        req.cookies[rememberCookieName(req)] ?? null,
      );
      if (!result.ok) throw new AppError('INVALID_CREDENTIALS');
      setSessionCookie(req, reply, result.token);
      return me(db, result.actor, config.demo);
    },
  );

  await app.register(secondFactorRoutes);

  app.post(
    '/api/auth/logout',
    {
      config: { policy: 'session_any' },
      schema: { tags: ['auth'], summary: '退出 Log out', response: { 200: okBody } },
    },
    async (req, reply) => {
      await auth.logout(db, ctxOf(req), req.sessionHash!);
      reply.clearCookie(sessionCookieName(req), cookieOptions(req));
      // Storage only: the remember-device cookie belongs to the browser, not to this session.
      reply.header('Clear-Site-Data', '"storage"');
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { policy: 'session_any' },
      schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: meBody } },
    },
    async (req) => me(db, req.actor!, config.demo),
  );

  app.patch(
    '/api/auth/me',
    {
      config: { policy: 'session' },
      schema: {
        tags: ['auth'],
        summary: '修改本人通知邮箱 Change own notification e-mail',
        body: patchMeBody,
        response: { 200: meBody, 400: errorBody, 403: errorBody },
      },
    },
    async (req) => {
      await updateMe(db, ctxOf(req), req.body);
      return me(db, req.actor!, config.demo);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: {
        policy: 'session_gate',
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req) => req.cookies[sessionCookieName(req)] ?? req.ip,
        },
      },
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password',
        body: changePasswordBody,
        response: { 200: meBody },
      },
    },
    async (req) => {
      await auth.changePassword(
        db,
        config,
        ctxOf(req),
        req.sessionHash!,
        req.body.currentPassword,
        req.body.newPassword,
      );
      return me(db, { ...req.actor!, mustChangePassword: false, passwordExpired: false }, config.demo);
    },
  );
};

export default routes;
