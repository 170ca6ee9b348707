import { useState } from 'react';
import { App, Button, Card, Flex, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationListItem } from '../../../../shared/src/contracts/applications';
import { useLeaveGuard } from '../../components/useUnsavedGuard';
import { reorderRanksReq } from '../../api/applications';
import { useApiError } from '../../app/useApiError';
import { moveItem } from '../../lib/applications';
import { formatDateTime } from '../../lib/format';
import { rankingView, type RankRow } from '../../../../shared/src/domain/unit-ranking';
import { StatusTag } from '../applications/StatusTag';

/** The movable (still `recommended`) applications in their stored rank order. */
const movableIds = (items: ApplicationListItem[]) =>
  rankingView(items)
    .filter((r) => !r.locked)
    .map((r) => r.item.id);
const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The unit's ranked list (推荐排序): every application it has recommended at its rank. Accepted ones
 * keep their rank and are read-only (a lock); the others are dragged by their handle (HTML5 drag and
 * drop) or moved with the up/down buttons (phones, keyboard) and, on save, take the ranks the accepted
 * ones leave free — the ranks shown are the ones a save stores (shared `domain/unit-ranking.ts`).
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
  /** The unit's applications holding a rank (recommended … certified). */
  items: ApplicationListItem[];
  loading: boolean;
  canEdit: boolean;
  onOpen: (id: string) => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation(['recommend', 'applications']);
  const { message } = App.useApp();
  const onError = useApiError();
  const [order, setOrder] = useState(() => movableIds(items));
  const [dragId, setDragId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [source, setSource] = useState(items);
  if (source !== items) {
    // New data from the server: start over from its order.
    setSource(items);
    setOrder(movableIds(items));
  }
  const dirty = !sameIds(order, movableIds(items));
  useLeaveGuard(dirty, t('orderUnsaved'));
  const rows = rankingView(items, dirty ? order : undefined);

  const save = async () => {
    setBusy(true);
    try {
      await reorderRanksReq({ campaignId, trackCode, order });
      message.success(t('orderSaved'));
      await onSaved();
    } catch (e) {
      onError(e);
      await onSaved();
    } finally {
      setBusy(false);
    }
  };

  const move = (id: string, delta: -1 | 1) => {
    const i = order.indexOf(id);
    setOrder(moveItem(order, i, i + delta));
  };

  const drop = (targetId: string) => {
    if (!dragId) return;
    const from = order.indexOf(dragId);
    const to = order.indexOf(targetId);
    if (to >= 0) setOrder(moveItem(order, from, to));
    setDragId(null);
    setOverId(null);
  };

  const columns: TableProps<RankRow<ApplicationListItem>>['columns'] = [
    {
      key: 'handle',
      width: 40,
      render: (_v, r) =>
        r.locked ? (
          <Tooltip title={t('lockedHint')}>
            <LockOutlined style={{ color: '#999' }} aria-label={t('lockedHint')} data-testid="rank-locked" />
          </Tooltip>
        ) : canEdit ? (
          <HolderOutlined style={{ cursor: 'grab', color: '#999' }} aria-hidden data-testid="rank-handle" />
        ) : null,
    },
    {
      title: t('rankCol'),
      key: 'rank',
      width: 64,
      render: (_v, r) => (
        <Typography.Text strong data-testid="rank-value">
          {r.rank ?? '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('applications:field.title'),
      key: 'title',
      render: (_v, { item: a }) => (
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
      render: (_v, r) => formatDateTime(r.item.updatedAt),
    },
    {
      title: t('applications:field.status'),
      key: 'status',
      width: 110,
      render: (_v, r) => <StatusTag status={r.item.status} />,
    },
    {
      title: t('common.actions'),
      key: 'move',
      width: 96,
      render: (_v, { item: a, locked }) =>
        canEdit && !locked ? (
          <Flex gap={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={order.indexOf(a.id) === 0}
              aria-label={t('moveUp')}
              onClick={() => move(a.id, -1)}
              data-testid="rank-up"
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={order.indexOf(a.id) === order.length - 1}
              aria-label={t('moveDown')}
              onClick={() => move(a.id, 1)}
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
            {dirty ? <Button onClick={() => setOrder(movableIds(items))}>{t('common.reset')}</Button> : null}
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
      <Table<RankRow<ApplicationListItem>>
        rowKey={(r) => r.item.id}
        size="small"
        pagination={false}
        loading={loading}
        columns={columns}
        dataSource={rows}
        data-testid="ranked-table"
        onRow={({ item: a, locked }) =>
          canEdit && !locked
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
