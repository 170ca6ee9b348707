import { useState } from 'react';
import { Card, DatePicker, Flex, Grid, Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applicationSortKeys, type ApplicationListItem } from '../../../../shared/src/contracts/applications';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
} from '../../../../shared/src/domain/application-workflow';
import { useApplications, useCurrentCampaigns, type ApplicationFilters } from '../../api/applications';
import { useAbility } from '../../api/auth';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { applicationStatusLabel, bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { daysToPicker, pickerToDays } from '../../lib/date-range';
import { sortOrderOf } from '../../lib/list';
import { useUrlFilters, type FilterSpec } from '../../lib/url-filters';
import { CampaignCards } from './CampaignCards';
import { NewApplicationModal } from './NewApplicationModal';
import { StatusTag } from './StatusTag';

/** The list's filters in the URL (`/applications?status=returned`): a work desk's counts open it so. */
const FILTERS: FilterSpec<ApplicationFilters> = {
  campaignId: 'string',
  trackCode: 'string',
  status: 'list',
  q: 'string',
  submittedFrom: 'string',
  submittedTo: 'string',
  page: 'number',
  pageSize: 'number',
  sort: 'string',
};
const DEFAULTS: ApplicationFilters = { page: 1, pageSize: 20, sort: '-updatedAt' };

/** 我的申报: the open campaign(s) with 新建申报, and the caller's applications. */
export default function MyApplicationsPage() {
  const { t, i18n } = useTranslation('applications');
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const canWrite = useAbility('applications.write');
  const current = useCurrentCampaigns();
  const campaigns = current.data?.items.filter((c) => c.status === 'open') ?? [];
  const [creating, setCreating] = useState<string | null | false>(false);
  const [filters, setFilters] = useUrlFilters(FILTERS, DEFAULTS);
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const list = useApplications(filters);
  const title = (a: ApplicationListItem) => a.brandName || a.venueName || a.orgName;
  const open = (a: ApplicationListItem) => void navigate(`/applications/${a.id}`);

  const columns: ListColumn<ApplicationListItem>[] = [
    {
      title: t('field.title'),
      key: 'orgName',
      width: 260,
      locked: true,
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'orgName'),
      render: (_v, a) => (
        <Flex vertical gap={2}>
          <Typography.Link onClick={() => open(a)} data-testid="application-link">
            {title(a)}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.venueName ? `${a.venueName} · ${a.orgName}` : a.orgName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('field.track'),
      key: 'track',
      width: 140,
      render: (_v, a) => bilingual(i18n.language, a.trackNameZh, a.trackNameEn),
    },
    {
      title: t('field.campaign'),
      dataIndex: 'campaignName',
      key: 'campaign',
      width: 200,
      ellipsis: true,
    },
    {
      title: t('field.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'status'),
      width: 120,
      render: (s: ApplicationStatus) => <StatusTag status={s} />,
    },
    {
      title: t('field.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'submittedAt'),
      width: 160,
      render: (v: string | null) => formatDateTime(v),
    },
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

  const range = daysToPicker(filters.submittedFrom, filters.submittedTo);
  return (
    <Flex vertical>
      <PageHeader title={t('myTitle')} sub={t('mySubtitle')} />
      <CampaignCards
        campaigns={campaigns}
        loading={current.isLoading}
        canCreate={canWrite}
        onCreate={(id) => setCreating(id)}
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }} title={t('listTitle')}>
        <ListTable<ApplicationListItem>
          listId="my-applications"
          phone={phone}
          columns={columns}
          items={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          loading={list.isFetching}
          paging={{ page: filters.page ?? 1, pageSize: filters.pageSize ?? 20, sort: filters.sort }}
          sortKeys={applicationSortKeys}
          onPaging={(p) => setFilters((f) => ({ ...f, ...p, sort: p.sort ?? DEFAULTS.sort }))}
          empty={t('listEmpty')}
          testId="application-table"
          cardsTestId="application-cards"
          onRow={(a) => ({ onDoubleClick: () => open(a) })}
          renderCard={(a) => (
            <Card key={a.id} size="small" hoverable onClick={() => open(a)} data-testid="application-card">
              <Flex vertical gap={4}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong ellipsis>
                    {title(a)}
                  </Typography.Text>
                  <StatusTag status={a.status} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {bilingual(i18n.language, a.trackNameZh, a.trackNameEn)} · {a.campaignName}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('field.updatedAt')} {formatDateTime(a.updatedAt)}
                </Typography.Text>
              </Flex>
            </Card>
          )}
          toolbar={
            <Flex gap={8} wrap>
              <SearchBox
                value={searchText}
                onChange={setSearchText}
                onSearch={(v) => setFilters((f) => ({ ...f, q: v || undefined, page: 1 }))}
                placeholder={t('searchPlaceholder')}
                width={phone ? '100%' : 280}
                testId="application-search"
              />
              <Select<ApplicationStatus[]>
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                placeholder={t('field.status')}
                value={filters.status ?? []}
                onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))}
                options={APPLICATION_STATUSES.map((s) => ({ value: s, label: applicationStatusLabel(t, s) }))}
                style={{ width: phone ? '100%' : 260 }}
                data-testid="application-status-filter"
              />
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                value={range}
                onChange={(r) => {
                  const d = pickerToDays(r);
                  setFilters((f) => ({ ...f, submittedFrom: d.from, submittedTo: d.to, page: 1 }));
                }}
                placeholder={[t('submittedFrom'), t('submittedTo')]}
                style={{ width: phone ? '100%' : 260 }}
                data-testid="application-submitted-filter"
              />
            </Flex>
          }
        />
      </Card>
      <NewApplicationModal
        open={creating !== false}
        campaigns={campaigns}
        campaignId={creating || null}
        onClose={() => setCreating(false)}
      />
    </Flex>
  );
}
