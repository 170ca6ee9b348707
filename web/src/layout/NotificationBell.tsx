import { Badge, Button, Dropdown, Empty, Flex, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../../shared/src/contracts/notifications';
import { markReadReq, NOTIFICATIONS, useNotifications, useUnreadCount } from '../api/notifications';
import { bilingual } from '../i18n/labels';
import { formatDateTime } from '../lib/format';

/** The header's bell: the unread count (polled every minute) and the latest messages. */
export function NotificationBell() {
  const { t, i18n } = useTranslation('notifications');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const unread = useUnreadCount();
  const latest = useNotifications({ pageSize: 6, page: 1 });
  const count = unread.data?.count ?? 0;

  const open = async (n: Notification) => {
    if (!n.readAt) {
      await markReadReq(n.id).catch(() => undefined);
      void qc.invalidateQueries({ queryKey: NOTIFICATIONS });
    }
    if (n.link) void navigate(n.link);
  };

  const items = latest.data?.items ?? [];
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      onOpenChange={(o) => {
        if (o) void latest.refetch();
      }}
      popupRender={() => (
        <div
          className="ant-dropdown-menu"
          style={{ width: 320, maxWidth: 'calc(100vw - 16px)', padding: 8 }}
          data-testid="bell-dropdown"
        >
          {items.length ? (
            items.map((n) => (
              <Flex
                key={n.id}
                vertical
                gap={2}
                style={{
                  padding: '8px 10px',
                  cursor: 'pointer',
                  borderRadius: 6,
                  background: n.readAt ? undefined : '#fff6f6',
                }}
                onClick={() => void open(n)}
                data-testid="bell-item"
              >
                <Typography.Text strong={!n.readAt} ellipsis>
                  {bilingual(i18n.language, n.titleZh, n.titleEn)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </Flex>
            ))
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
          )}
          <Button type="link" block onClick={() => void navigate('/inbox')} data-testid="bell-all">
            {t('all')}
          </Button>
        </div>
      )}
    >
      <Button type="text" aria-label={t('bell', { n: count })} data-testid="bell">
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
