/**
 * The in-app inbox (站内消息). Other modules call `notify` inside their own transaction, so the
 * notification commits with the change it announces (or not at all). Users read only their own rows:
 * another user's notification answers 404.
 *
 * Marking read is not audited: it changes only the reader's own inbox state, not campaign content.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Notification, NotificationListQuery } from '../../../../shared/src/contracts/notifications';
import * as repo from './repo';

/**
 * Who hears of a change to an organisation's record (an application, a title): the organisation's
 * applicants and its unit's admins, enabled accounts only.
 */
export function recipientsOfOrganization(
  db: DbOrTx,
  o: { organizationId: string; unitId: string },
): Promise<string[]> {
  return repo.organizationRecipients(db, o);
}

export interface NotificationMessage {
  /** A dotted kind the page may group or icon by, e.g. `deadline.application`. */
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh?: string | null;
  bodyEn?: string | null;
  /** A path inside the web app, e.g. `/applications/<id>`. */
  link?: string | null;
}

/**
 * Puts one notification in each user's inbox (duplicates in `userIds` count once). Call it with the
 * transaction of the change it announces; `at` defaults to the database's clock.
 */
export async function notify(
  tx: DbOrTx,
  userIds: readonly string[],
  msg: NotificationMessage,
  at: Date | null = null,
): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  await repo.insertForUsers(
    tx,
    ids,
    {
      kind: msg.kind,
      titleZh: msg.titleZh,
      titleEn: msg.titleEn,
      bodyZh: msg.bodyZh ?? null,
      bodyEn: msg.bodyEn ?? null,
      link: msg.link ?? null,
    },
    at,
  );
  return ids.length;
}

export async function list(
  db: Db,
  ctx: Ctx,
  query: NotificationListQuery,
): Promise<{ items: Notification[]; total: number }> {
  return repo.listForUser(db, requireActor(ctx).userId, query);
}

export async function unreadCount(db: Db, ctx: Ctx): Promise<{ count: number }> {
  return { count: await repo.countUnread(db, requireActor(ctx).userId) };
}

export async function markRead(db: Db, ctx: Ctx, id: string): Promise<Notification> {
  const row = await repo.markRead(db, requireActor(ctx).userId, id, ctx.now);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function markAllRead(db: Db, ctx: Ctx): Promise<{ updated: number }> {
  return { updated: await repo.markAllRead(db, requireActor(ctx).userId, ctx.now) };
}
