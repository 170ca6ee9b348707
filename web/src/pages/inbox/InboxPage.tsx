import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Grid, Pagination, Segmented, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../../../shared/src/contracts/notifications';
import {
  markAllReadReq,
  markReadReq,
  NOTIFICATIONS,
  useNotifications,
  type NotificationFilters,
} from '../../api/notifications';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';

/**
 * 收件箱: all of the user's notifications; mark one or all read; a message opens the record it is about
 * (its link: the application, the unit's 推荐初审 of the campaign …).
 */
export default function InboxPage() {
  const { t, i18n } = useTranslation('notifications');
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const phone = !Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<NotificationFilters>({ page: 1, pageSize: 20 });
  const list = useNotifications(filters);
  const refresh = () => qc.invalidateQueries({ queryKey: NOTIFICATIONS });

  const markRead = async (n: Notification) => {
    try {
      await markReadReq(n.id);
      await refresh();
    } catch (e) {
      onError(e);
    }
  };
  const open = (n: Notification) => {
    if (!n.readAt) void markRead(n);
    if (n.link) void navigate(n.link);
  };
  const readAll = async () => {
    try {
      const r = await markAllReadReq();
      message.success(t('allRead', { n: r.updated }));
      await refresh();
    } catch (e) {
      onError(e);
    }
  };

  const items = list.data?.items ?? [];
  return (
    <Flex vertical>
      <PageHeader
        title={t('pageTitle')}
        extra={
          <Button onClick={() => void readAll()} data-testid="inbox-read-all">
            {t('markAll')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Segmented
          value={filters.unread ?? 'all'}
          onChange={(v) => setFilters((f) => ({ ...f, unread: v === 'all' ? undefined : 'true', page: 1 }))}
          options={[
            { value: 'all', label: t('filterAll') },
            { value: 'true', label: t('filterUnread') },
          ]}
          style={{ marginBottom: 12 }}
        />
        <Flex vertical gap={8} data-testid="inbox-list">
          {items.map((n) => (
            <Card
              key={n.id}
              size="small"
              style={{ background: n.readAt ? undefined : '#fff8f8', cursor: n.link ? 'pointer' : undefined }}
              hoverable={!!n.link}
              onClick={n.link ? () => open(n) : undefined}
              data-testid="inbox-item"
            >
              <Flex justify="space-between" gap={12} wrap>
                <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Flex gap={8} align="center" wrap>
                    {!n.readAt ? <Tag color="red">{t('unread')}</Tag> : null}
                    {n.link ? (
                      <Typography.Link
                        strong
                        href={n.link}
                        onClick={(e) => {
                          e.preventDefault();
                          e.stopPropagation();
                          open(n);
                        }}
                        data-testid="inbox-item-open"
                      >
                        {bilingual(i18n.language, n.titleZh, n.titleEn)}
                      </Typography.Link>
                    ) : (
                      <Typography.Text strong>
                        {bilingual(i18n.language, n.titleZh, n.titleEn)}
                      </Typography.Text>
                    )}
                  </Flex>
                  {n.bodyZh || n.bodyEn ? (
                    <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                      {bilingual(i18n.language, n.bodyZh ?? '', n.bodyEn)}
                    </Typography.Text>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </Flex>
                {!n.readAt ? (
                  <Button
                    size="small"
                    onClick={(e) => {
                      e.stopPropagation();
                      void markRead(n);
                    }}
                    data-testid="inbox-mark-read"
                  >
                    {t('markRead')}
                  </Button>
                ) : null}
              </Flex>
            </Card>
          ))}
          {!list.isFetching && !items.length ? <Empty description={t('empty')} /> : null}
          <Pagination
            align="center"
            current={filters.page}
            pageSize={filters.pageSize}
            total={list.data?.total ?? 0}
            showTotal={(n) => t('common.total', { n })}
            size={phone ? 'small' : undefined}
            onChange={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
