import { useState } from 'react';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationListItem } from '../../../../shared/src/contracts/applications';
import { reorderRanksReq } from '../../api/applications';
import { useApiError } from '../../app/useApiError';
import { moveById, moveItem, sameOrder } from '../../lib/applications';
import { formatDateTime } from '../../lib/format';

/**
 * The unit's recommended list in rank order: drag a row by its handle (HTML5 drag and drop) or use the
 * up/down buttons (phones, keyboard), then save the order.
 */
export function RankedList({
  campaignId,
  trackCode,
  items,
  loading,
  canEdit,
  onOpen,
  onSaved,
}: {
  campaignId: string;
  trackCode: string;
  items: ApplicationListItem[];
  loading: boolean;
  canEdit: boolean;
  onOpen: (id: string) => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation(['recommend', 'applications']);
  const { message } = App.useApp();
  const onError = useApiError();
  const [order, setOrder] = useState(items);
  const [dragId, setDragId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [source, setSource] = useState(items);
  if (source !== items) {
    // New data from the server: start over from its order.
    setSource(items);
    setOrder(items);
  }
  const dirty = !sameOrder(order, items);

  const save = async () => {
    setBusy(true);
    try {
      await reorderRanksReq({ campaignId, trackCode, order: order.map((a) => a.id) });
      message.success(t('orderSaved'));
      await onSaved();
    } catch (e) {
      onError(e);
      await onSaved();
    } finally {
      setBusy(false);
    }
  };

  const drop = (targetId: string) => {
    if (!dragId) return;
    const from = order.findIndex((a) => a.id === dragId);
    const to = order.findIndex((a) => a.id === targetId);
    setOrder(moveItem(order, from, to));
    setDragId(null);
    setOverId(null);
  };

  const columns: TableProps<ApplicationListItem>['columns'] = [
    {
      key: 'handle',
      width: 40,
      render: () =>
        canEdit ? (
          <HolderOutlined style={{ cursor: 'grab', color: '#999' }} aria-hidden data-testid="rank-handle" />
        ) : null,
    },
    {
      title: t('rankCol'),
      key: 'rank',
      width: 64,
      render: (_v, _a, i) => <Typography.Text strong>{i + 1}</Typography.Text>,
    },
    {
      title: t('applications:field.title'),
      key: 'title',
      render: (_v, a) => (
        <Flex vertical>
          <Typography.Link onClick={() => onOpen(a.id)}>
            {a.brandName || a.venueName || a.orgName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.orgName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('applications:field.updatedAt'),
      key: 'at',
      width: 150,
      responsive: ['md'],
      render: (_v, a) => formatDateTime(a.updatedAt),
    },
    {
      title: t('common.actions'),
      key: 'move',
      width: 96,
      render: (_v, a, i) =>
        canEdit ? (
          <Flex gap={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={i === 0}
              aria-label={t('moveUp')}
              onClick={() => setOrder((o) => moveById(o, a.id, -1))}
              data-testid="rank-up"
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={i === order.length - 1}
              aria-label={t('moveDown')}
              onClick={() => setOrder((o) => moveById(o, a.id, 1))}
              data-testid="rank-down"
            />
          </Flex>
        ) : null,
    },
  ];

  return (
    <Card
      size="small"
      title={t('rankedTitle')}
      extra={
        canEdit ? (
          <Flex gap={8}>
            {dirty ? <Button onClick={() => setOrder(items)}>{t('common.reset')}</Button> : null}
            <Button
              type="primary"
              disabled={!dirty}
              loading={busy}
              onClick={() => void save()}
              data-testid="rank-save"
            >
              {t('saveOrder')}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Table<ApplicationListItem>
        rowKey="id"
        size="small"
        pagination={false}
        loading={loading}
        columns={columns}
        dataSource={order}
        data-testid="ranked-table"
        onRow={(a) =>
          canEdit
            ? {
                draggable: true,
                onDragStart: (e) => {
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', a.id);
                  setDragId(a.id);
                },
                onDragOver: (e) => {
                  e.preventDefault();
                  setOverId(a.id);
                },
                onDragEnd: () => {
                  setDragId(null);
                  setOverId(null);
                },
                onDrop: (e) => {
                  e.preventDefault();
                  drop(a.id);
                },
                style: {
                  opacity: dragId === a.id ? 0.4 : 1,
                  outline: overId === a.id && dragId !== a.id ? '2px dashed #c00' : undefined,
                },
              }
            : {}
        }
      />
    </Card>
  );
}
