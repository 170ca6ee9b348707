import { useState } from 'react';
import { Button, Card, Empty, Flex, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PoolCandidate } from '../../../../shared/src/contracts/honours';
import { useHonourKinds, useHonourPool } from '../../api/honours';
import { kindLabel } from '../../i18n/labels';
import { todayInZone } from '../../lib/format';
import { scrollWidth } from '../../lib/list';
import { CreateHonourModal, type HonourPreset } from './HonourModals';

/** 推荐人选: the active titles' holders for an honours round; one click recommends (records) an honour. */
export function PoolTab() {
  const { t } = useTranslation('titles');
  const [year, setYear] = useState(Number(todayInZone().slice(0, 4)));
  const [preset, setPreset] = useState<HonourPreset | null>(null);
  const pool = useHonourPool(year);
  const kinds = new Map((useHonourKinds().data?.items ?? []).map((k) => [k.code, k.nameZh]));
  const recommend = (c: PoolCandidate, kindCode: string, person?: string | null) =>
    setPreset({
      year,
      kindCode,
      organizationId: c.organizationId,
      organizationName: c.organizationName,
      ...(person ? { personName: person, personPosition: t('honours.pool.secretaryPosition') } : {}),
    });
  const columns: TableProps<PoolCandidate>['columns'] = [
    { title: t('honours.pool.serial'), dataIndex: 'serial', key: 'serial', width: 150 },
    {
      title: t('honours.pool.holder'),
      key: 'holder',
      width: 220,
      render: (_v, c) => (
        <Flex vertical>
          <span>{c.holderName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.trackNameZh} · {kindLabel(t, c.orgKind)} · {c.unitName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('honours.pool.people'),
      key: 'people',
      width: 150,
      render: (_v, c) => [c.secretary, c.contactName].filter(Boolean).join(' / ') || '—',
    },
    { title: t('honours.pool.score'), dataIndex: 'finalScore', key: 'score', width: 80, align: 'right' },
    {
      title: t('honours.pool.rereview'),
      key: 'rereview',
      width: 140,
      render: (_v, c) =>
        c.rereview
          ? `${c.rereview.roundName} · ${t(`honours.pool.outcome.${c.rereview.outcome ?? 'waiting'}`)}`
          : '—',
    },
    {
      title: t('honours.pool.honoured'),
      key: 'honoured',
      width: 150,
      render: (_v, c) => c.honoured.map((k) => <Tag key={k}>{kinds.get(k) ?? k}</Tag>),
    },
    {
      title: t('honours.pool.recommend'),
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_v, c) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => recommend(c, 'advanced_org')}
            data-testid="pool-org"
          >
            {t('honours.pool.asOrg')}
          </Button>
          {c.secretary ? (
            <Button
              type="link"
              size="small"
              onClick={() => recommend(c, 'outstanding_worker', c.secretary)}
              data-testid="pool-worker"
            >
              {t('honours.pool.asWorker')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Card>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('honours.pool.year')}</Typography.Text>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Typography.Text type="secondary">{t('honours.pool.help')}</Typography.Text>
      </Flex>
      <Table<PoolCandidate>
        rowKey="titleId"
        size="middle"
        columns={columns}
        dataSource={pool.data?.items ?? []}
        loading={pool.isFetching}
        scroll={{ x: scrollWidth(columns) }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('honours.pool.empty')} />,
        }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
        data-testid="pool-table"
      />
      <CreateHonourModal
        key={preset ? `${preset.organizationId}-${preset.kindCode}` : 'none'}
        open={!!preset}
        preset={preset}
        onClose={() => setPreset(null)}
      />
    </Card>
  );
}
