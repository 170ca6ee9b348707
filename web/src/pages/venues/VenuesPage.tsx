import { useState } from 'react';
import { App, Button, Card, Flex, Grid, Popconfirm, Select, Switch, Table, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { venueSortKeys, type Venue } from '../../../../shared/src/contracts/venues';
import { useAbility } from '../../api/auth';
import { patchVenueReq, useVenues, VENUES, type VenueFilters } from '../../api/venues';
import { useApiError } from '../../app/useApiError';
import { OrgPicker } from '../../components/OrgPicker';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { formatDateTime } from '../../lib/format';
import { onTableChange, scrollWidth, sortOrderOf, tablePagination } from '../../lib/list';
import { VenueFormModal, type VenueFormTarget } from './VenueFormModal';

export default function VenuesPage() {
  const { t } = useTranslation('venues');
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const phone = !Grid.useBreakpoint().md;
  const canWrite = useAbility('venues.write');
  const [filters, setFilters] = useState<VenueFilters>({ page: 1, pageSize: 20, active: 'all' });
  const [searchText, setSearchText] = useState('');
  const [target, setTarget] = useState<VenueFormTarget | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  const list = useVenues(filters);

  const toggle = async (v: Venue, active: boolean) => {
    setToggling(v.id);
    try {
      await patchVenueReq(v.id, { active, version: v.version });
      await qc.invalidateQueries({ queryKey: VENUES });
      message.success(active ? t('activated') : t('deactivated'));
    } catch (e) {
      onError(e, { reload: [VENUES] });
    } finally {
      setToggling(null);
    }
  };

  const columns: TableProps<Venue>['columns'] = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'name'),
      fixed: phone ? undefined : 'left',
      width: 220,
      render: (v: string, r) => (
        <Flex vertical style={{ minWidth: 0 }}>
          {canWrite ? (
            <Typography.Link onClick={() => setTarget({ mode: 'edit', venue: r })}>{v}</Typography.Link>
          ) : (
            v
          )}
          {phone ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {r.organizationName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('field.organization'),
      dataIndex: 'organizationName',
      key: 'organizationName',
      width: 220,
      ellipsis: true,
    },
    {
      title: t('field.address'),
      dataIndex: 'address',
      key: 'address',
      width: 220,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('field.areaM2'),
      dataIndex: 'areaM2',
      key: 'areaM2',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'areaM2'),
      width: 120,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v),
    },
    {
      title: t('field.capacity'),
      dataIndex: 'capacity',
      key: 'capacity',
      width: 110,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v),
    },
    {
      title: t('field.openedYear'),
      dataIndex: 'openedYear',
      key: 'openedYear',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'openedYear'),
      width: 110,
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('field.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'updatedAt'),
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('field.active'),
      dataIndex: 'active',
      key: 'active',
      fixed: 'right',
      width: canWrite ? 150 : 90,
      render: (v: boolean, r) => (
        <Flex gap={8} align="center">
          <Popconfirm
            title={t(v ? 'deactivateTitle' : 'activateTitle', { name: r.name })}
            description={t(v ? 'deactivateConsequence' : 'activateConsequence')}
            okText={t(v ? 'deactivateOk' : 'activateOk')}
            okButtonProps={{ danger: v, 'data-testid': 'venue-active-confirm' } as ButtonProps}
            disabled={!canWrite}
            onConfirm={() => toggle(r, !v)}
          >
            <Switch
              size="small"
              checked={v}
              disabled={!canWrite}
              loading={toggling === r.id}
              aria-label={t('field.active')}
              data-testid="venue-active-switch"
            />
          </Popconfirm>
          <Typography.Text type={v ? undefined : 'secondary'}>
            {v ? t('common.active') : t('common.inactive')}
          </Typography.Text>
          {canWrite ? (
            <Typography.Link onClick={() => setTarget({ mode: 'edit', venue: r })}>
              {t('common.edit')}
            </Typography.Link>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={0}>
      <PageHeader
        title={t('nav.venues')}
        sub={t('subtitle')}
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'create' })}
              data-testid="venue-create"
            >
              {t('create')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <SearchBox
            value={searchText}
            onChange={setSearchText}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v || undefined, page: 1 }))}
            placeholder={t('searchPlaceholder')}
            width={phone ? '100%' : 300}
            testId="venue-search"
          />
          <Select<'true' | 'false' | 'all'>
            value={filters.active}
            onChange={(active) => setFilters((f) => ({ ...f, active, page: 1 }))}
            options={[
              { value: 'all', label: t('activeAll') },
              { value: 'true', label: t('common.active') },
              { value: 'false', label: t('common.inactive') },
            ]}
            style={{ width: phone ? '100%' : 130 }}
            data-testid="venue-active-filter"
          />
          <div style={{ width: phone ? '100%' : 300 }}>
            <OrgPicker
              allowClear
              placeholder={t('filterOrganization')}
              value={filters.organizationId ?? null}
              onChange={(id) => setFilters((f) => ({ ...f, organizationId: id ?? undefined, page: 1 }))}
            />
          </div>
        </Flex>
        <Table<Venue>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: scrollWidth(columns) }}
          data-testid="venue-table"
          pagination={tablePagination(filters, list.data?.total ?? 0, (n) => t('common.total', { n }), {
            showSizeChanger: !phone,
            size: phone ? 'small' : undefined,
          })}
          onChange={onTableChange(venueSortKeys, (p) => setFilters((f) => ({ ...f, ...p })))}
        />
      </Card>
      <VenueFormModal
        target={target}
        onClose={() => setTarget(null)}
        onSaved={() => {
          message.success(t('common.saved'));
          setTarget(null);
        }}
      />
    </Flex>
  );
}
