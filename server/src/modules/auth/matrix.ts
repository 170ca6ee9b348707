/**
 * Authorization matrix rows of the auth module beyond the foundation's (`server/test/authz-matrix.ts`):
 * changing one's own e-mail is `session` — every role may, for its own account only (there is no target
 * to be out of scope); anonymous 401. The second-factor routes act on the caller's own account: with a
 * complete login and no authenticator, the code step has nothing to finish (409), the enrolment shows a
 * QR code (200) and refuses a malformed code (400), and recovery codes and turning off need an enrolment
 * (409). The gates themselves are walked in server/test/second-factor-gate.test.ts.
 */
import { session, type ModuleMatrix } from '../../../test/matrix-types';

export const matrix: ModuleMatrix = {
  rows: {
    'PATCH /api/auth/me': session(200),
    'GET /api/auth/second-factor': session(200),
    'POST /api/auth/second-factor/verify': session(409),
    'GET /api/auth/second-factor/enrolment': session(200),
    'POST /api/auth/second-factor/enrolment': session(400),
    'POST /api/auth/second-factor/recovery-codes': session(409),
    'POST /api/auth/second-factor/disable': session(409),
  },
  build: {
    'PATCH /api/auth/me': (ctx) => ({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { email: `m${ctx.uniq()}@example.org` },
    }),
    'GET /api/auth/second-factor': () => ({ method: 'GET', url: '/api/auth/second-factor' }),
    'POST /api/auth/second-factor/verify': () => ({
      method: 'POST',
      url: '/api/auth/second-factor/verify',
      payload: { code: '123456' },
    }),
    'GET /api/auth/second-factor/enrolment': () => ({
      method: 'GET',
      url: '/api/auth/second-factor/enrolment',
    }),
    'POST /api/auth/second-factor/enrolment': () => ({
      method: 'POST',
      url: '/api/auth/second-factor/enrolment',
      payload: { code: 'not-a-code' },
    }),
    'POST /api/auth/second-factor/recovery-codes': () => ({
      method: 'POST',
      url: '/api/auth/second-factor/recovery-codes',
      payload: { password: 'whatever-it-is' },
    }),
    'POST /api/auth/second-factor/disable': () => ({
      method: 'POST',
      url: '/api/auth/second-factor/disable',
      payload: { password: 'whatever-it-is' },
    }),
  },
};
