import type { Messages } from '../types';

/** en · notifications: exactly the keys of `zh-CN/notifications.ts`. */
const notifications: Messages<'notifications'> = {
  pageTitle: 'Inbox',
  bell: 'Messages ({{n}} unread)',
  empty: 'No messages',
  all: 'All messages',
  markAll: 'Mark all as read',
  allRead: '{{n}} messages marked as read',
  markRead: 'Mark as read',
  unread: 'Unread',
  filterAll: 'All',
  filterUnread: 'Unread',
};

export default notifications;
