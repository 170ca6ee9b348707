import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Grid,
  Pagination,
  Select,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applicationSortKeys, type ApplicationListItem } from '../../../../shared/src/contracts/applications';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
} from '../../../../shared/src/domain/application-workflow';
import { ORG_KINDS, type OrgKind } from '../../../../shared/src/enums';
import { useAbility } from '../../api/auth';
import { useCampaign, useCampaigns } from '../../api/campaigns';
import { exportIntake, useIntakeList, type IntakeFilters } from '../../api/intake';
import { useApiError } from '../../app/useApiError';
import { OrgPicker } from '../../components/OrgPicker';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { KindTag } from '../../components/tags';
import { kindLabel } from '../../i18n/labels';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { onTableChange, sortOrderOf } from '../../lib/list';
import { daysToPicker, pickerToDays } from '../../lib/date-range';
import { useUrlFilters, type FilterSpec } from '../../lib/url-filters';
import { AppStatusTag } from '../campaigns/tags';
import { IntakeDrawer } from './IntakeDrawer';
import { IntakeBatchBar } from './IntakeBatchBar';

const NONE = new Map<string, ApplicationListItem>();
const KINDS = ORG_KINDS.filter((k) => k !== 'working_committee');

/** The queue's filters in the URL (`/intake?campaign=…&status=submitted&unit=…`); status `all` is no filter. */
type UrlFilters = Omit<IntakeFilters, 'status'> & { status?: ApplicationStatus | 'all' };
const FILTERS: FilterSpec<UrlFilters> = {
  campaignId: ['string', 'campaign'],
  trackCode: ['string', 'track'],
  orgKind: ['string', 'kind'],
  unitId: ['string', 'unit'],
  status: 'string',
  q: 'string',
  submittedFrom: 'string',
  submittedTo: 'string',
  page: 'number',
  pageSize: 'number',
  sort: 'string',
};
const DEFAULTS: UrlFilters = { status: 'recommended', page: 1, pageSize: 20 };

/** The committee's queue: one campaign's applications (default: recommended ones) to accept or return. */
export default function IntakePage() {
  const { t } = useTranslation('intake');
  const { message } = App.useApp();
  const onError = useApiError();
  const phone = !Grid.useBreakpoint().md;
  const canExport = useAbility('applications.export');
  const campaigns = useCampaigns({ pageSize: 200, sort: '-year' });
  const [urlFilters, setFilters] = useUrlFilters(FILTERS, DEFAULTS);
  const filters: IntakeFilters = {
    ...urlFilters,
    status: urlFilters.status === 'all' ? undefined : urlFilters.status,
  };
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const [openId, setOpenId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  /** Rows ticked for a batch, kept across pages and filters of one campaign (another campaign: none). */
  const [ticked, setTicked] = useState<{ campaignId?: string; rows: Map<string, ApplicationListItem> }>({
    rows: new Map(),
  });

  // Default campaign: the open one (else the latest).
  const items0 = campaigns.data?.items ?? [];
  const fallbackId = (items0.find((c) => c.status === 'open') ?? items0[0])?.id;
  const query: IntakeFilters = { ...filters, campaignId: filters.campaignId ?? fallbackId };

  const selected = ticked.campaignId === query.campaignId ? ticked.rows : NONE;
  const setSelected = (f: (m: Map<string, ApplicationListItem>) => Map<string, ApplicationListItem>) =>
    setTicked({ campaignId: query.campaignId, rows: f(selected) });
  const toggle = (a: ApplicationListItem, on: boolean) =>
    setSelected((m) => {
      const next = new Map(m);
      if (on) next.set(a.id, a);
      else next.delete(a.id);
      return next;
    });
  const campaign = useCampaign(query.campaignId);
  const list = useIntakeList(query, !!query.campaignId);
  const zh = currentLanguage() === 'zh-CN';
  const trackOptions = useMemo(
    () => (campaign.data?.tracks ?? []).map((tr) => ({ value: tr.track, label: zh ? tr.nameZh : tr.nameEn })),
    [campaign.data, zh],
  );

  const set = (patch: Partial<UrlFilters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const doExport = async () => {
    setExporting(true);
    try {
      const name = await exportIntake(query, t('exportName'));
      message.success(t('exported', { name }));
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };

  const orgCell = (a: ApplicationListItem) => (
    <Flex vertical gap={2}>
      <Typography.Link onClick={() => setOpenId(a.id)} data-testid="intake-row-open">
        {a.orgName}
      </Typography.Link>
      <Typography.Text type="secondary" className="sf-mono" style={{ fontSize: 12 }}>
        {a.orgCode}
      </Typography.Text>
    </Flex>
  );

  const columns: TableProps<ApplicationListItem>['columns'] = [
    {
      title: t('org'),
      key: 'orgName',
      dataIndex: 'orgName',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'orgName'),
      fixed: 'left',
      width: 240,
      render: (_v, a) => orgCell(a),
    },
    {
      title: t('brand'),
      dataIndex: 'brandName',
      key: 'brandName',
      width: 180,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('track'),
      key: 'track',
      width: 170,
      render: (_v, a) => (
        <Flex vertical gap={2}>
          <span>{zh ? a.trackNameZh : a.trackNameEn}</span>
          {a.venueName ? <Typography.Text type="secondary">{a.venueName}</Typography.Text> : null}
        </Flex>
      ),
    },
    { title: t('orgKind'), key: 'kind', width: 110, render: (_v, a) => <KindTag kind={a.orgKind} /> },
    { title: t('unit'), dataIndex: 'unitName', key: 'unitName', width: 200, ellipsis: true },
    {
      title: t('rank'),
      dataIndex: 'unitRank',
      key: 'unitRank',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'unitRank'),
      width: 100,
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'status'),
      width: 120,
      render: (s: ApplicationStatus) => <AppStatusTag status={s} />,
    },
    {
      title: t('submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'submittedAt'),
      width: 150,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 80,
      render: (_v, a) => (
        <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setOpenId(a.id)}>
          {t('common.view')}
        </Button>
      ),
    },
  ];

  const filterWidth = phone ? 'calc(50% - 4px)' : 140;
  const items = list.data?.items ?? [];
  const pagination = {
    current: filters.page,
    pageSize: filters.pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !phone,
    size: phone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.total', { n }),
  };

  return (
    <Flex vertical>
      <PageHeader
        title={t('pageTitle')}
        sub={t('subtitle')}
        extra={
          canExport ? (
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              disabled={!query.campaignId}
              onClick={() => void doExport()}
              data-testid="intake-export"
            >
              {t('export')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            value={query.campaignId}
            placeholder={t('pickCampaign')}
            loading={campaigns.isPending}
            onChange={(campaignId: string) => set({ campaignId, trackCode: undefined })}
            options={(campaigns.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.year} · ${c.name}`,
            }))}
            style={{ width: phone ? '100%' : 260 }}
            data-testid="intake-campaign"
          />
          <SearchBox
            value={searchText}
            onChange={setSearchText}
            onSearch={(v) => set({ q: v || undefined })}
            placeholder={t('searchPlaceholder')}
            width={phone ? '100%' : 240}
            testId="intake-search"
          />
          <Select<ApplicationStatus>
            allowClear
            placeholder={t('status')}
            value={filters.status}
            onChange={(status) => set({ status: status ?? 'all' })}
            options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`appStatus.${s}`) }))}
            style={{ width: filterWidth }}
            data-testid="intake-status"
          />
          <Select<string>
            allowClear
            placeholder={t('track')}
            value={filters.trackCode}
            onChange={(trackCode) => set({ trackCode })}
            options={trackOptions}
            style={{ width: filterWidth }}
            data-testid="intake-track"
          />
          <Select<OrgKind>
            allowClear
            placeholder={t('orgKind')}
            value={filters.orgKind}
            onChange={(orgKind) => set({ orgKind })}
            options={KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            style={{ width: filterWidth }}
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={daysToPicker(filters.submittedFrom, filters.submittedTo)}
            onChange={(r) => {
              const d = pickerToDays(r);
              set({ submittedFrom: d.from, submittedTo: d.to });
            }}
            placeholder={[t('submittedFrom'), t('submittedTo')]}
            style={{ width: phone ? '100%' : 250 }}
            data-testid="intake-submitted"
          />
          <div style={{ width: phone ? '100%' : 200 }}>
            <OrgPicker
              mode="unit"
              allowClear
              value={filters.unitId ?? null}
              onChange={(id) => set({ unitId: id ?? undefined })}
              placeholder={t('unit')}
              data-testid="intake-unit"
            />
          </div>
        </Flex>
        {!campaigns.isPending && !campaigns.data?.items.length ? (
          <Empty description={t('noCampaign')} />
        ) : phone ? (
          <IntakeCards
            items={items}
            loading={list.isFetching}
            pagination={pagination}
            onOpen={setOpenId}
            selected={selected}
            onToggle={toggle}
            onPage={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
          />
        ) : (
          <Table<ApplicationListItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            scroll={{ x: 1350 }}
            data-testid="intake-table"
            locale={{ emptyText: <Empty description={t('empty')} /> }}
            pagination={pagination}
            onChange={onTableChange(applicationSortKeys, (p) => setFilters((f) => ({ ...f, ...p })))}
            rowSelection={{
              selectedRowKeys: [...selected.keys()],
              preserveSelectedRowKeys: true,
              // Any row may be ticked (its dossier can be downloaded); accept and return need 已推荐.
              getCheckboxProps: (a) => ({
                'aria-label': a.orgName,
                'data-testid': 'intake-row-select',
              }),
              onSelect: (a, on) => toggle(a, on),
              onSelectAll: (on, _rows, changed) =>
                setSelected((m) => {
                  const next = new Map(m);
                  for (const a of changed)
                    if (on) next.set(a.id, a);
                    else next.delete(a.id);
                  return next;
                }),
            }}
          />
        )}
        <IntakeBatchBar
          selected={[...selected.values()]}
          onClear={() => setSelected(() => new Map())}
          phone={phone}
        />
      </Card>
      <IntakeDrawer id={openId} phone={phone} onClose={() => setOpenId(null)} />
    </Flex>
  );
}

interface CardsProps {
  items: ApplicationListItem[];
  loading: boolean;
  selected: Map<string, ApplicationListItem>;
  onToggle: (a: ApplicationListItem, on: boolean) => void;
  pagination: { current?: number; pageSize?: number; total: number };
  onOpen: (id: string) => void;
  onPage: (page: number, pageSize: number) => void;
}

/** Phones: one card per application instead of a wide table. */
function IntakeCards({ items, loading, selected, onToggle, pagination, onOpen, onPage }: CardsProps) {
  const { t } = useTranslation('intake');
  const zh = currentLanguage() === 'zh-CN';
  return (
    <Flex vertical gap={8} data-testid="intake-cards">
      {!loading && !items.length ? <Empty description={t('empty')} /> : null}
      {items.map((a) => (
        <Card
          key={a.id}
          size="small"
          hoverable
          onClick={() => onOpen(a.id)}
          data-testid="intake-card"
          styles={{ body: { padding: 12 } }}
        >
          <Flex justify="space-between" gap={8} align="start">
            <Flex gap={8} align="start">
              {/* A tick for the batch; the card itself opens the application. */}
              <Checkbox
                checked={selected.has(a.id)}
                onClick={(e) => e.stopPropagation()}
                onChange={(e) => onToggle(a, e.target.checked)}
                aria-label={a.orgName}
                data-testid="intake-card-select"
              />
              <Typography.Text strong>{a.orgName}</Typography.Text>
            </Flex>
            <AppStatusTag status={a.status} />
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {a.unitName} · {zh ? a.trackNameZh : a.trackNameEn}
          </Typography.Text>
          <Flex gap={8} wrap style={{ marginTop: 6 }} align="center">
            <KindTag kind={a.orgKind} />
            {a.brandName ? <Typography.Text>{a.brandName}</Typography.Text> : null}
            {a.unitRank !== null ? (
              <Typography.Text type="secondary">
                {t('rank')} {a.unitRank}
              </Typography.Text>
            ) : null}
          </Flex>
        </Card>
      ))}
      <Flex justify="center">
        <Pagination
          simple
          size="small"
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={onPage}
        />
      </Flex>
      <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
        {t('common.total', { n: pagination.total })}
      </Typography.Text>
    </Flex>
  );
}
