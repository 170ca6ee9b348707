/**
 * Authorization matrix row of the work desk: every logged-in role has one (its own, in its scope);
 * anonymous 401. There is no target to be out of scope.
 */
import { session, type ModuleMatrix } from '../../../test/matrix-types';

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/me/desk': session(200),
  },
  build: {
    'GET /api/me/desk': () => ({ method: 'GET', url: '/api/me/desk' }),
  },
};
