import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Select, Table, Tabs, Tag, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HonourSummary } from '../../../../shared/src/contracts/honours';
import { deleteHonourReq, HONOURS, useHonourKinds, useHonours } from '../../api/honours';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { scrollWidth, tablePagination } from '../../lib/list';
import { todayInZone } from '../../lib/format';
import { CreateHonourModal, ImportHonoursModal } from './HonourModals';
import { ReservoirTab } from './ReservoirTab';
import { PoolTab } from './PoolTab';
import { HonourDrawer } from './HonourDrawer';

/** 先进典型: the honours registry (names masked), the candidates from the pool, and the 蓄水池 report. */
export default function HonoursPage() {
  const { t } = useTranslation('titles');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('honours.title')}
        sub={t('honours.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="honour-import">
              {t('honours.import')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="honour-create"
            >
              {t('honours.create')}
            </Button>
          </Flex>
        }
      />
      <Tabs
        items={[
          { key: 'records', label: t('honours.tabRecords'), children: <HonourRecords /> },
          { key: 'pool', label: t('honours.tabPool'), children: <PoolTab /> },
          { key: 'reservoir', label: t('honours.tabReservoir'), children: <ReservoirTab /> },
        ]}
      />
      <CreateHonourModal open={creating} onClose={() => setCreating(false)} />
      <ImportHonoursModal open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}

function useColumns(open: (id: string) => void): TableProps<HonourSummary>['columns'] {
  const { t } = useTranslation('titles');
  const { message } = App.useApp();
  const report = useApiError();
  const qc = useQueryClient();
  const remove = async (id: string) => {
    try {
      await deleteHonourReq(id);
      void message.success(t('honours.deleted'));
      void qc.invalidateQueries({ queryKey: HONOURS });
    } catch (err) {
      report(err);
    }
  };
  return [
    { title: t('honours.field.year'), dataIndex: 'year', key: 'year', width: 70 },
    { title: t('honours.field.kind'), dataIndex: 'kindNameZh', key: 'kind', width: 140 },
    {
      title: t('honours.field.holder'),
      key: 'holder',
      width: 150,
      render: (_v, h) =>
        h.personName === null ? (
          <Tag style={{ marginInlineEnd: 0 }}>{t('honours.subject.organization')}</Tag>
        ) : (
          <Tooltip title={h.personMasked ? t('honours.masked') : undefined}>
            <span data-testid="honour-person">
              {h.personName}
              {h.personPosition ? ` · ${h.personPosition}` : ''}
            </span>
          </Tooltip>
        ),
    },
    { title: t('honours.field.organization'), dataIndex: 'organizationName', key: 'org', width: 200 },
    { title: t('honours.field.unit'), dataIndex: 'unitName', key: 'unit', width: 160 },
    { title: t('honours.field.documentNo'), dataIndex: 'documentNo', key: 'doc', width: 180 },
    { title: t('honours.field.awardedOn'), dataIndex: 'awardedOn', key: 'date', width: 120 },
    {
      title: '',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_v, h) => (
        <Flex>
          <Button type="link" size="small" onClick={() => open(h.id)} data-testid="honour-view">
            {t('honours.view')}
          </Button>
          <Popconfirm title={t('honours.deleteConfirm')} onConfirm={() => void remove(h.id)}>
            <Button type="link" size="small" danger>
              {t('honours.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];
}

function HonourRecords() {
  const { t } = useTranslation('titles');
  const [filters, setFilters] = useState<{ year?: number; kindCode?: string; q?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useHonours({ ...filters, ...page });
  const kinds = useHonourKinds().data?.items ?? [];
  const [viewing, setViewing] = useState<string | null>(null);
  const columns = useColumns(setViewing);
  const thisYear = Number(todayInZone().slice(0, 4));
  const years = Array.from({ length: 8 }, (_x, i) => thisYear - i);
  const set = (f: Partial<typeof filters>) => {
    setFilters({ ...filters, ...f });
    setPage({ ...page, page: 1 });
  };
  return (
    <Card>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('honours.allYears')}
          style={{ width: 120 }}
          value={filters.year}
          onChange={(year?: number) => set({ year })}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <Select
          allowClear
          placeholder={t('honours.allKinds')}
          style={{ width: 180 }}
          value={filters.kindCode}
          onChange={(kindCode?: string) => set({ kindCode })}
          options={kinds.map((k) => ({ value: k.code, label: k.nameZh }))}
        />
        <Input.Search
          allowClear
          placeholder={t('honours.search')}
          style={{ width: 240 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
      </Flex>
      <Table<HonourSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: scrollWidth(columns ?? []) }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('honours.empty')} />,
        }}
        pagination={tablePagination(page, list.data?.total ?? 0, (n) => t('common.total', { n }))}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        data-testid="honours-table"
      />
      <HonourDrawer id={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
