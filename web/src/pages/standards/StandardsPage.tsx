import { useState } from 'react';
import {
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Pagination,
  Select,
  Skeleton,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { standardSortKeys, type StandardSummary } from '../../../../shared/src/contracts/standards';
import type { OrgKind } from '../../../../shared/src/enums';
import { useStandards, useTracks, type StandardFilters } from '../../api/standards';
import { PageHeader } from '../../components/PageHeader';
import { ActiveTag, KindTag } from '../../components/tags';
import { onTableChange, sortOrderOf, tablePagination } from '../../lib/list';
import { KINDS, trackName } from '../campaigns/CampaignFields';
import { bilingual, kindLabel } from '../../i18n/labels';
import { StandardDetailDrawer } from './StandardDetailDrawer';
import { StandardEditorDrawer, type EditorTarget } from './StandardEditorDrawer';

/** The committee's standards (创建标准) by track: kinds, latest version, active; detail, edit and create. */
export default function StandardsPage() {
  const { t, i18n } = useTranslation('standards');
  const phone = !Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<StandardFilters>({
    page: 1,
    pageSize: 20,
    sort: 'code',
    active: 'true',
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const [editor, setEditor] = useState<EditorTarget | null>(null);
  const list = useStandards(filters);
  const tracks = useTracks().data?.items ?? [];
  const items = list.data?.items ?? [];

  const kinds = (s: StandardSummary) =>
    s.orgKinds.length ? (
      <Flex gap={4} wrap>
        {s.orgKinds.map((k) => (
          <KindTag key={k} kind={k} />
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('common.anyKind')}</Typography.Text>
    );

  const columns: TableProps<StandardSummary>['columns'] = [
    {
      title: t('code'),
      dataIndex: 'code',
      key: 'code',
      width: 130,
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'code'),
    },
    {
      title: t('name'),
      dataIndex: 'nameZh',
      key: 'nameZh',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'nameZh'),
      render: (_v, s) => (
        <Typography.Link onClick={() => setOpenId(s.id)} data-testid="standard-row-open">
          {bilingual(i18n.language, s.nameZh, s.nameEn)}
        </Typography.Link>
      ),
    },
    {
      title: t('track'),
      dataIndex: 'track',
      key: 'track',
      width: 130,
      render: (v: string) => trackName(tracks, v),
    },
    { title: t('kinds'), key: 'kinds', width: 170, render: (_v, s) => kinds(s) },
    {
      title: t('latestVersion'),
      dataIndex: 'latestVersion',
      key: 'latestVersion',
      width: 90,
      render: (n: number) => <Tag style={{ marginInlineEnd: 0 }}>{t('versionN', { n })}</Tag>,
    },
    { title: t('criteriaCount'), dataIndex: 'criteriaCount', key: 'criteriaCount', width: 80 },
    {
      title: t('totalPoints'),
      key: 'points',
      width: 90,
      render: (_v, s) => `${s.totalPoints} + ${s.bonusCap}`,
    },
    {
      title: t('active'),
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (a: boolean) => <ActiveTag active={a} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 110,
      render: (_v, s) => (
        <Flex gap={4}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setOpenId(s.id)}>
            {t('common.view')}
          </Button>
          {s.active ? (
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 4 }}
              onClick={() => setEditor({ id: s.id })}
              data-testid="standard-row-edit"
            >
              {t('common.edit')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical>
      <PageHeader
        title={t('pageTitle')}
        sub={t('subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditor({ id: null, track: filters.track })}
            data-testid="standard-create"
          >
            {t('create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Select<string>
            allowClear
            placeholder={t('allTracks')}
            value={filters.track}
            onChange={(track) => setFilters((f) => ({ ...f, track, page: 1 }))}
            options={tracks.map((x) => ({ value: x.code, label: trackName(tracks, x.code) }))}
            style={{ width: phone ? 'calc(50% - 4px)' : 180 }}
            data-testid="standard-track-filter"
          />
          <Select<OrgKind>
            allowClear
            placeholder={t('common.anyKind')}
            value={filters.orgKind as OrgKind | undefined}
            onChange={(orgKind) => setFilters((f) => ({ ...f, orgKind, page: 1 }))}
            options={KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            style={{ width: phone ? 'calc(50% - 4px)' : 180 }}
            data-testid="standard-kind-filter"
          />
          <Flex gap={6} align="center">
            <Switch
              size="small"
              checked={filters.active === 'all'}
              onChange={(on) => setFilters((f) => ({ ...f, active: on ? 'all' : 'true', page: 1 }))}
              data-testid="standard-show-inactive"
            />
            <Typography.Text>{t('showInactive')}</Typography.Text>
          </Flex>
        </Flex>
        {phone ? (
          <Flex vertical gap={8} data-testid="standard-cards">
            {items.length ? null : list.isFetching ? <Skeleton active /> : <Empty description={t('none')} />}
            {items.map((s) => (
              <Card
                key={s.id}
                size="small"
                onClick={() => setOpenId(s.id)}
                hoverable
                data-testid="standard-card"
              >
                <Flex vertical gap={6}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong>{bilingual(i18n.language, s.nameZh, s.nameEn)}</Typography.Text>
                    <ActiveTag active={s.active} />
                  </Flex>
                  <Typography.Text type="secondary">
                    {s.code} · {trackName(tracks, s.track)} · {t('versionN', { n: s.latestVersion })}
                  </Typography.Text>
                  {kinds(s)}
                  <Typography.Text type="secondary">
                    {t('criteriaCount')} {s.criteriaCount} · {t('totalPoints')} {s.totalPoints} ·{' '}
                    {t('bonusCap')} {s.bonusCap}
                  </Typography.Text>
                </Flex>
              </Card>
            ))}
            <Pagination
              size="small"
              align="end"
              current={filters.page}
              pageSize={filters.pageSize}
              total={list.data?.total ?? 0}
              hideOnSinglePage
              onChange={(page) => setFilters((f) => ({ ...f, page }))}
            />
          </Flex>
        ) : (
          <Table<StandardSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            scroll={{ x: 1060 }}
            data-testid="standard-table"
            locale={{ emptyText: <Empty description={t('none')} /> }}
            pagination={tablePagination(filters, list.data?.total ?? 0, (n) => t('common.total', { n }))}
            onChange={onTableChange(standardSortKeys, (p) =>
              setFilters((f) => ({ ...f, ...p, sort: p.sort ?? 'code' })),
            )}
          />
        )}
      </Card>
      <StandardDetailDrawer
        id={openId}
        tracks={tracks}
        phone={phone}
        onClose={() => setOpenId(null)}
        onEdit={(id) => setEditor({ id })}
      />
      <StandardEditorDrawer target={editor} tracks={tracks} phone={phone} onClose={() => setEditor(null)} />
    </Flex>
  );
}
