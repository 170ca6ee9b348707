/** zh-CN · notifications: the inbox and the bell. */
const notifications = {
  pageTitle: '收件箱',
  bell: '消息（{{n}} 条未读）',
  empty: '暂无消息',
  all: '查看全部消息',
  markAll: '全部标为已读',
  allRead: '已将 {{n}} 条消息标为已读',
  markRead: '标为已读',
  unread: '未读',
  filterAll: '全部',
  filterUnread: '未读',
};

export default notifications;
