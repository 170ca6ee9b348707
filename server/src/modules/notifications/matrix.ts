/**
 * Authorization matrix rows of the inbox (policy `session`: any logged-in user, own rows only). For
 * marking one read, "in" is a notification of the committee admin's account — only that account may
 * mark it, everyone else gets 404 — and "out" one of the reviewer's, which the reviewer alone may mark.
 */
import { notifications } from '../../db/schema';
import { session, type MatrixCtx, type ModuleMatrix } from '../../../test/matrix-types';

async function freshNotification(ctx: MatrixCtx, userId: string): Promise<string> {
  const [row] = await ctx.env.db
    .insert(notifications)
    .values({ userId, kind: 'test.matrix', titleZh: '测试消息', titleEn: 'Test message' })
    .returning();
  return row!.id;
}

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/notifications': session(200),
    'GET /api/notifications/unread-count': session(200),
    'POST /api/notifications/:id/read': {
      ...session(404),
      committee_admin: [200, 404],
      reviewer: [404, 200],
    },
    'POST /api/notifications/read-all': session(200),
  },
  build: {
    'GET /api/notifications': () => ({ method: 'GET', url: '/api/notifications' }),
    'GET /api/notifications/unread-count': () => ({ method: 'GET', url: '/api/notifications/unread-count' }),
    'POST /api/notifications/:id/read': async (ctx, s) => {
      const owner = s === 'in' ? ctx.users.committee_admin : ctx.users.reviewer;
      return { method: 'POST', url: `/api/notifications/${await freshNotification(ctx, owner.id)}/read` };
    },
    'POST /api/notifications/read-all': () => ({ method: 'POST', url: '/api/notifications/read-all' }),
  },
};
