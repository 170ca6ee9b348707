import { useState } from 'react';
import { App, Button, Card, Flex, Grid, Popconfirm, Select, Switch, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { venueSortKeys, type Venue } from '../../../../shared/src/contracts/venues';
import { useAbility } from '../../api/auth';
import { patchVenueReq, useVenues, VENUES, type VenueFilters } from '../../api/venues';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { OrgPicker } from '../../components/OrgPicker';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { formatDateTime } from '../../lib/format';
import { sortOrderOf } from '../../lib/list';
import { useAction } from '../../lib/useAction';
import { useUrlFilters, type FilterSpec } from '../../lib/url-filters';
import { VenueFormModal, type VenueFormTarget } from './VenueFormModal';

/** The list's filters in the URL (`/venues?active=false&org=…`). */
const FILTERS: FilterSpec<VenueFilters> = {
  q: 'string',
  organizationId: ['string', 'org'],
  active: 'string',
  page: 'number',
  pageSize: 'number',
  sort: 'string',
};
const DEFAULTS: VenueFilters = { page: 1, pageSize: 20, active: 'all' };

export default function VenuesPage() {
  const { t } = useTranslation('venues');
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const canWrite = useAbility('venues.write');
  const [filters, setFilters] = useUrlFilters(FILTERS, DEFAULTS);
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const [target, setTarget] = useState<VenueFormTarget | null>(null);
  const list = useVenues(filters);

  const toggle = useAction(
    ({ venue, active }: { venue: Venue; active: boolean }) =>
      patchVenueReq(venue.id, { active, version: venue.version }),
    {
      invalidate: [VENUES],
      reload: [VENUES],
      success: (_r, { active }) => (active ? t('activated') : t('deactivated')),
    },
  );

  const columns: ListColumn<Venue>[] = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'name'),
      fixed: phone ? undefined : 'left',
      width: 220,
      locked: true,
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
      locked: true,
      render: (v: boolean, r) => (
        <Flex gap={8} align="center">
          <Popconfirm
            title={t(v ? 'deactivateTitle' : 'activateTitle', { name: r.name })}
            description={t(v ? 'deactivateConsequence' : 'activateConsequence')}
            okText={t(v ? 'deactivateOk' : 'activateOk')}
            okButtonProps={{ danger: v, 'data-testid': 'venue-active-confirm' } as ButtonProps}
            disabled={!canWrite}
            onConfirm={() => toggle.run({ venue: r, active: !v })}
          >
            <Switch
              size="small"
              checked={v}
              disabled={!canWrite}
              loading={toggle.running?.venue.id === r.id}
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
        <ListTable<Venue>
          listId="venues"
          phone={phone}
          columns={columns}
          items={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          loading={list.isFetching}
          paging={{ page: filters.page ?? 1, pageSize: filters.pageSize ?? 20, sort: filters.sort }}
          sortKeys={venueSortKeys}
          onPaging={(p) => setFilters((f) => ({ ...f, ...p }))}
          empty={t('empty')}
          testId="venue-table"
          toolbar={
            <Flex gap={8} wrap>
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
          }
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
