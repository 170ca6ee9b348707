/**
 * Authorization matrix rows of the auth module beyond the foundation's (`server/test/authz-matrix.ts`):
 * changing one's own e-mail is `session` — every role may, for its own account only (there is no target
 * to be out of scope); anonymous 401.
 */
import { session, type ModuleMatrix } from '../../../test/matrix-types';

export const matrix: ModuleMatrix = {
  rows: {
    'PATCH /api/auth/me': session(200),
  },
  build: {
    'PATCH /api/auth/me': (ctx) => ({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { email: `m${ctx.uniq()}@example.org` },
    }),
  },
};
