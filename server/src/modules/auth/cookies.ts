/** The cookies a login sets: the session, and the remember-device token of the second factor. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cookieSecure, sessionCookieName } from '../../http/authz';
import { REMEMBER_DEVICE_COOKIE } from '../../../../shared/src/contracts/second-factor';

/** The session cookie's attributes: `Path=/` and no `Domain`, as the `__Host-` prefix requires. */
export function cookieOptions(req: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: cookieSecure(req) } as const;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(req), token, cookieOptions(req));
}

/** The remember-device cookie's name: `__Host-`-prefixed when Secure, like the session cookie. */
export function rememberCookieName(req: FastifyRequest): string {
  return cookieSecure(req) ? `__Host-${REMEMBER_DEVICE_COOKIE}` : REMEMBER_DEVICE_COOKIE;
}

export function setRememberCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  remember: { token: string; expiresAt: Date },
): void {
  reply.setCookie(rememberCookieName(req), remember.token, {
    ...cookieOptions(req),
    expires: remember.expiresAt,
  });
}
