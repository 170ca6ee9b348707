import { useState } from 'react';
import { App, Button, Card, Flex, Grid, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { reviewerSortKeys, type Reviewer } from '../../../../shared/src/contracts/reviewers';
import { patchReviewerReq, REVIEWERS, useReviewers, type ReviewerFilters } from '../../api/reviewers';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { formatDateTime } from '../../lib/format';
import { onTableChange, sortOrderOf, tablePagination } from '../../lib/list';
import { OneTimePasswordModal } from '../accounts/OneTimePasswordModal';
import { ReviewerFormModal, type ReviewerFormTarget } from './ReviewerFormModal';
import { ReviewerImportModal } from './ReviewerImportModal';
import { Affiliation, AvailableTag } from './tags';

/** 评审专家库: the experts, where they come from, what they know and whether they can serve now. */
export default function ReviewersPage() {
  const { t } = useTranslation('evaluation');
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const phone = !Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<ReviewerFilters>({ page: 1, pageSize: 20 });
  const [searchText, setSearchText] = useState('');
  const [tagText, setTagText] = useState('');
  const [target, setTarget] = useState<ReviewerFormTarget | null>(null);
  const [otp, setOtp] = useState<{
    account: { username: string; displayName: string };
    oneTimePassword: string;
  } | null>(null);
  const [importing, setImporting] = useState(false);
  const list = useReviewers(filters);

  const toggle = (r: Reviewer) =>
    modal.confirm({
      title: r.available
        ? t('pool.pauseTitle', { name: r.displayName })
        : t('pool.resumeTitle', { name: r.displayName }),
      content: r.available ? t('pool.pauseText') : t('pool.resumeText'),
      okText: r.available ? t('pool.pause') : t('pool.resume'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await patchReviewerReq(r.id, { available: !r.available, version: r.version });
          message.success(t('common.saved'));
        } catch (e) {
          onError(e, { reload: [REVIEWERS] });
        } finally {
          await qc.invalidateQueries({ queryKey: REVIEWERS });
        }
      },
    });

  const columns: TableProps<Reviewer>['columns'] = [
    {
      title: t('pool.name'),
      dataIndex: 'displayName',
      key: 'displayName',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'displayName'),
      fixed: phone ? undefined : 'left',
      width: 150,
      render: (v: string, r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" className="sf-mono" style={{ fontSize: 12 }}>
            {r.username}
          </Typography.Text>
          {phone ? (
            <Flex gap={4} wrap>
              <Affiliation r={r} />
              <AvailableTag r={r} />
              {r.title ? <Tag style={{ marginInlineEnd: 0 }}>{r.title}</Tag> : null}
            </Flex>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('pool.affiliation'),
      key: 'affiliation',
      width: 220,
      render: (_v, r) => <Affiliation r={r} />,
    },
    {
      title: t('pool.title'),
      dataIndex: 'title',
      key: 'title',
      width: 140,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('pool.expertise'),
      dataIndex: 'expertise',
      key: 'expertise',
      width: 220,
      render: (tags: string[]) =>
        tags.length ? (
          <Flex gap={4} wrap>
            {tags.map((x) => (
              <Tag key={x} color="blue" style={{ marginInlineEnd: 0 }}>
                {x}
              </Tag>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('pool.available'),
      key: 'available',
      width: 110,
      render: (_v, r) => <AvailableTag r={r} />,
    },
    {
      title: t('pool.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'createdAt'),
      width: 130,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 150,
      render: (_v, r) => (
        <Flex gap={4}>
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 4 }}
            onClick={() => setTarget({ mode: 'edit', reviewer: r })}
          >
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => toggle(r)}>
            {r.available ? t('pool.pause') : t('pool.resume')}
          </Button>
        </Flex>
      ),
    },
  ];

  const filterWidth = phone ? 'calc(50% - 4px)' : 170;
  return (
    <Flex vertical>
      <PageHeader
        title={t('nav.reviewers')}
        sub={t('pool.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="reviewer-import"
            >
              {t('pool.importButton')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'create' })}
              data-testid="reviewer-create"
            >
              {t('pool.create')}
            </Button>
          </Flex>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <SearchBox
            value={searchText}
            onChange={setSearchText}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v || undefined, page: 1 }))}
            placeholder={t('pool.searchPlaceholder')}
            width={phone ? '100%' : 280}
            testId="reviewer-search"
          />
          <Input
            allowClear
            value={tagText}
            maxLength={30}
            placeholder={t('pool.tagFilter')}
            onChange={(e) => {
              setTagText(e.target.value);
              if (!e.target.value) setFilters((f) => ({ ...f, tag: undefined, page: 1 }));
            }}
            onPressEnter={() => setFilters((f) => ({ ...f, tag: tagText.trim() || undefined, page: 1 }))}
            style={{ width: filterWidth }}
          />
          <Select<'true' | 'false'>
            allowClear
            placeholder={t('pool.available')}
            value={filters.available}
            onChange={(available) => setFilters((f) => ({ ...f, available, page: 1 }))}
            options={[
              { value: 'true', label: t('pool.availableYes') },
              { value: 'false', label: t('pool.availableNo') },
            ]}
            style={{ width: filterWidth }}
          />
        </Flex>
        <Table<Reviewer>
          rowKey="id"
          size="middle"
          columns={phone ? columns.filter((c) => c.key === 'displayName' || c.key === 'actions') : columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: phone ? undefined : 1100 }}
          data-testid="reviewer-table"
          pagination={tablePagination(filters, list.data?.total ?? 0, (n) => t('common.total', { n }), {
            showSizeChanger: !phone,
            size: phone ? 'small' : undefined,
          })}
          onChange={onTableChange(reviewerSortKeys, (p) => setFilters((f) => ({ ...f, ...p })))}
        />
      </Card>
      <ReviewerFormModal
        target={target}
        onClose={() => setTarget(null)}
        onCreated={(r) => {
          setTarget(null);
          setOtp({ account: r.reviewer, oneTimePassword: r.oneTimePassword });
        }}
        onSaved={() => {
          setTarget(null);
          message.success(t('common.saved'));
        }}
      />
      <OneTimePasswordModal value={otp} onClose={() => setOtp(null)} />
      <ReviewerImportModal open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}
