import { useState } from 'react';
import {
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Pagination,
  Progress,
  Select,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CULTIVATION_STATUSES,
  cultivationSortKeys,
  type Cultivation,
  type CultivationStatus,
} from '../../../../shared/src/contracts/cultivation';
import { exportCultivations, useCultivations, type CultivationFilters } from '../../api/cultivation';
import { useAbility, useSession } from '../../api/auth';
import { useTracks } from '../../api/standards';
import { useApiError } from '../../app/useApiError';
import { OrgPicker } from '../../components/OrgPicker';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { onTableChange, sortOrderOf } from '../../lib/list';
import { useUrlFilters, type FilterSpec } from '../../lib/url-filters';
import { CultivationDrawer } from './CultivationDrawer';
import { CultStatusTag } from './CultStatusTag';
import { NewCultivationModal } from './NewCultivationModal';

/** The list's filters in the URL (`/cultivation?milestones=due`): a work desk's counts open it so. */
const FILTERS: FilterSpec<CultivationFilters> = {
  trackCode: ['string', 'track'],
  status: 'string',
  q: 'string',
  unitId: ['string', 'unit'],
  milestones: 'string',
  page: 'number',
  pageSize: 'number',
  sort: 'string',
};
const DEFAULTS: CultivationFilters = { page: 1, pageSize: 20, sort: '-updatedAt' };

/** 培育库: the unit's candidates with filters, export, 列入培育库 and the detail drawer. */
export default function CultivationPage() {
  const { t, i18n } = useTranslation('cultivation');
  const phone = !Grid.useBreakpoint().md;
  const me = useSession();
  const onError = useApiError();
  const canWrite = useAbility('cultivation.write');
  const committee = !me.scope.unitId;
  const tracks = useTracks();
  const [filters, setFilters] = useUrlFilters(FILTERS, DEFAULTS);
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const list = useCultivations(filters);

  const doExport = async () => {
    setExporting(true);
    try {
      await exportCultivations(filters, t('exportFile'));
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };

  const milestones = (c: Cultivation) => `${c.milestonesDone} / ${c.milestonesTotal}`;
  const readiness = (c: Cultivation) =>
    c.readinessPercentage === null ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Progress percent={c.readinessPercentage} size="small" style={{ width: 110, margin: 0 }} />
    );

  const columns: TableProps<Cultivation>['columns'] = [
    {
      title: t('field.subject'),
      key: 'subjectName',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'subjectName'),
      render: (_v, c) => (
        <Flex vertical gap={2}>
          <Typography.Link onClick={() => setOpenId(c.id)} data-testid="cultivation-link">
            {c.subjectName}
          </Typography.Link>
          {c.venueId ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.organizationName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('field.track'),
      key: 'track',
      width: 180,
      render: (_v, c) => bilingual(i18n.language, c.trackNameZh, c.trackNameEn),
    },
    ...(committee
      ? [
          {
            title: t('field.unit'),
            dataIndex: 'unitName',
            key: 'unitName',
            sorter: true,
            sortOrder: sortOrderOf(filters.sort, 'unitName'),
            width: 180,
            ellipsis: true,
          },
        ]
      : []),
    {
      title: t('field.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'status'),
      width: 100,
      render: (s: CultivationStatus) => <CultStatusTag status={s} />,
    },
    { title: t('field.milestones'), key: 'ms', width: 90, render: (_v, c) => milestones(c) },
    { title: t('field.readiness'), key: 'rd', width: 140, render: (_v, c) => readiness(c) },
    {
      title: t('field.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'updatedAt'),
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
  ];

  const pagination = {
    current: filters.page,
    pageSize: filters.pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !phone,
    size: phone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.total', { n }),
  };
  const filterWidth = phone ? '100%' : 160;

  return (
    <Flex vertical>
      <PageHeader
        title={t('pageTitle')}
        sub={phone ? undefined : t(committee ? 'subtitleCommittee' : 'subtitle')}
        extra={
          <>
            <Tooltip title={phone ? t('export') : undefined}>
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={() => void doExport()}
                aria-label={t('export')}
                data-testid="cultivation-export"
              >
                {phone ? null : t('export')}
              </Button>
            </Tooltip>
            {canWrite ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="cultivation-add"
              >
                {t('add')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <SearchBox
            value={searchText}
            onChange={setSearchText}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v || undefined, page: 1 }))}
            placeholder={t('searchPlaceholder')}
            width={phone ? '100%' : 260}
            testId="cultivation-search"
          />
          <Select<string>
            allowClear
            placeholder={t('field.track')}
            value={filters.trackCode}
            onChange={(trackCode) => setFilters((f) => ({ ...f, trackCode, page: 1 }))}
            options={(tracks.data?.items ?? []).map((tr) => ({
              value: tr.code,
              label: bilingual(i18n.language, tr.nameZh, tr.nameEn),
            }))}
            style={{ width: filterWidth }}
            data-testid="cultivation-track-filter"
          />
          <Select<CultivationStatus>
            allowClear
            placeholder={t('field.status')}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))}
            options={CULTIVATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            style={{ width: filterWidth }}
            data-testid="cultivation-status-filter"
          />
          <Select<'due' | 'overdue'>
            allowClear
            placeholder={t('field.milestoneFilter')}
            value={filters.milestones}
            onChange={(milestones) => setFilters((f) => ({ ...f, milestones, page: 1 }))}
            options={[
              { value: 'due', label: t('milestoneFilter.due') },
              { value: 'overdue', label: t('milestoneFilter.overdue') },
            ]}
            style={{ width: phone ? '100%' : 170 }}
            data-testid="cultivation-milestone-filter"
          />
          {committee ? (
            <div style={{ width: phone ? '100%' : 220 }}>
              <OrgPicker
                mode="unit"
                allowClear
                placeholder={t('field.unit')}
                value={filters.unitId ?? null}
                onChange={(id) => setFilters((f) => ({ ...f, unitId: id ?? undefined, page: 1 }))}
                data-testid="cultivation-unit-filter"
              />
            </div>
          ) : null}
        </Flex>
        {phone ? (
          <Flex vertical gap={8} data-testid="cultivation-cards">
            {(list.data?.items ?? []).map((c) => (
              <Card
                key={c.id}
                size="small"
                hoverable
                onClick={() => setOpenId(c.id)}
                data-testid="cultivation-card"
              >
                <Flex vertical gap={4}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong ellipsis>
                      {c.subjectName}
                    </Typography.Text>
                    <CultStatusTag status={c.status} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[bilingual(i18n.language, c.trackNameZh, c.trackNameEn), committee ? c.unitName : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('field.milestones')} {milestones(c)}
                    </Typography.Text>
                    {readiness(c)}
                  </Flex>
                </Flex>
              </Card>
            ))}
            {!list.isFetching && !list.data?.items.length ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : null}
            <Pagination
              {...pagination}
              align="center"
              onChange={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
            />
          </Flex>
        ) : (
          <Table<Cultivation>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            data-testid="cultivation-table"
            pagination={pagination}
            onRow={(c) => ({ onDoubleClick: () => setOpenId(c.id) })}
            onChange={onTableChange(cultivationSortKeys, (p) =>
              setFilters((f) => ({ ...f, ...p, sort: p.sort ?? '-updatedAt' })),
            )}
          />
        )}
      </Card>
      <NewCultivationModal open={creating} onClose={() => setCreating(false)} onCreated={setOpenId} />
      <CultivationDrawer id={openId} canWrite={canWrite} onClose={() => setOpenId(null)} />
    </Flex>
  );
}
