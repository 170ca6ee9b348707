/**
 * The security headers of every answer (helmet: CSP, HSTS, frame, referrer, MIME sniffing …), computed
 * once at start-up. @fastify/helmet builds the helmet middleware again on every request — parsing the
 * CSP directives each time, about 8 % of the CPU of serving a cached public page — while the headers do
 * not depend on the request: so helmet runs once here against a recording response and each request gets
 * the recorded headers. A handler may still replace one (the evidence download sets its own CSP).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      // Plain-http deployments inside an office network must still load their scripts; HSTS covers TLS.
      upgradeInsecureRequests: null,
    },
  },
  strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
};

/** The headers helmet sets with these options (it reads nothing of the request). */
export function securityHeaders(options: Readonly<HelmetOptions> = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

export function installSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaders();
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
