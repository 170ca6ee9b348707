/** Queries of the in-app inbox. Every read and write is limited to one user's rows. */
import { and, asc, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications, users } from '../../db/schema';
import type { Notification, NotificationListQuery } from '../../../../shared/src/contracts/notifications';

type Row = typeof notifications.$inferSelect;

function toContract(r: Row): Notification {
  return {
    id: r.id,
    kind: r.kind,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    bodyZh: r.bodyZh,
    bodyEn: r.bodyEn,
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
  };
}

export interface NewNotification {
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string | null;
  bodyEn: string | null;
  link: string | null;
}

/** One row per user in a single statement (`unnest` of the ids); `at` null: the database's clock. */
export async function insertForUsers(
  db: DbOrTx,
  userIds: readonly string[],
  n: NewNotification,
  at: Date | null,
): Promise<void> {
  await db.execute(sql`
    insert into notifications (user_id, kind, title_zh, title_en, body_zh, body_en, link, created_at)
    select u.id, ${n.kind}, ${n.titleZh}, ${n.titleEn}, ${n.bodyZh}, ${n.bodyEn}, ${n.link},
      coalesce(${at ? at.toISOString() : null}::timestamptz, now())
    from unnest(${sql.param([...userIds])}::uuid[]) as u(id)`);
}

function listWhere(userId: string, unread: 'true' | 'false' | undefined): SQL | undefined {
  return and(
    eq(notifications.userId, userId),
    unread === 'true' ? isNull(notifications.readAt) : undefined,
    unread === 'false' ? sql`${notifications.readAt} is not null` : undefined,
  );
}

export async function listForUser(
  db: DbOrTx,
  userId: string,
  q: NotificationListQuery,
): Promise<{ items: Notification[]; total: number }> {
  const where = listWhere(userId, q.unread);
  const dir = q.sort === 'createdAt' ? asc : desc;
  const rows = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(dir(notifications.createdAt), dir(notifications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(where);
  return { items: rows.map(toContract), total: Number(count?.n ?? 0) };
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(listWhere(userId, 'true'));
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read (keeping the first read time); null if it is not theirs. */
export async function markRead(
  db: DbOrTx,
  userId: string,
  id: string,
  at: Date,
): Promise<Notification | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  return row ? toContract(row) : null;
}

export async function markAllRead(db: DbOrTx, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(listWhere(userId, 'true'))
    .returning({ id: notifications.id });
  return rows.length;
}

/** The enabled applicants of an organisation and admins of its unit. */
export async function organizationRecipients(
  db: DbOrTx,
  o: { organizationId: string; unitId: string },
): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        or(
          and(eq(users.role, 'applicant'), eq(users.organizationId, o.organizationId)),
          and(eq(users.role, 'unit_admin'), eq(users.unitId, o.unitId)),
        ),
      ),
    );
  return rows.map((r) => r.id);
}
