/**
 * The in-app inbox (站内消息): requests and answers of `/api/notifications…`. Each user sees only their
 * own notifications; titles and bodies come in both languages and the page shows the user's.
 */
import { z } from 'zod';
import { listOf, listQuery } from './common';

export const notification = z.object({
  id: z.uuid(),
  /** e.g. `deadline.application`, `deadline.recommendation`, `application.returned`. */
  kind: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  bodyZh: z.string().nullable(),
  bodyEn: z.string().nullable(),
  /** A path inside the web app to open, e.g. `/applications/…`. */
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationListQuery = listQuery(['createdAt'])
  .extend({ unread: z.enum(['true', 'false']).optional() })
  .strict();
export type NotificationListQuery = z.infer<typeof notificationListQuery>;
export const notificationList = listOf(notification);

export const unreadCount = z.object({ count: z.number().int() });
export const readAllResult = z.object({ updated: z.number().int() });
