import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Typography,
} from 'antd';
import type { ButtonProps, TableProps } from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  campaignSortKeys,
  copyCampaign,
  type CampaignSummary,
} from '../../../../shared/src/contracts/campaigns';
import { CAMPAIGN_STATUSES } from '../../../../shared/src/domain/campaign-rules';
import type { CampaignStatus } from '../../../../shared/src/domain/application-workflow';
import { CAMPAIGNS, copyCampaignReq, useCampaigns, type CampaignFilters } from '../../api/campaigns';
import { useTracks } from '../../api/standards';
import { PageHeader } from '../../components/PageHeader';
import { useZodRule } from '../../components/useZodRule';
import { formatDateTime } from '../../lib/format';
import { onTableChange, sortOrderOf, tablePagination } from '../../lib/list';
import { trackName } from './CampaignFields';
import { CampaignStatusTag } from './tags';
import { useCampaignError } from './useCampaignError';

/** The committee's campaigns by year, with "new" and "copy from last year". */
export default function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<CampaignFilters>({ page: 1, pageSize: 20, sort: '-year' });
  const [copyFrom, setCopyFrom] = useState<CampaignSummary | null>(null);
  const list = useCampaigns(filters);
  const tracks = useTracks().data?.items ?? [];
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  const columns: TableProps<CampaignSummary>['columns'] = [
    {
      title: t('year'),
      dataIndex: 'year',
      key: 'year',
      width: 90,
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'year'),
    },
    {
      title: t('name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'name'),
      render: (v: string, c) => (
        <Typography.Link onClick={() => navigate(`/campaigns/${c.id}`)} data-testid="campaign-row-open">
          {v}
        </Typography.Link>
      ),
    },
    {
      title: t('status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'status'),
      render: (s: CampaignStatus) => <CampaignStatusTag status={s} />,
    },
    {
      title: t('tracks'),
      dataIndex: 'tracks',
      key: 'tracks',
      width: 280,
      render: (v: string[]) => v.map((c) => trackName(tracks, c)).join(t('common.listSeparator')),
    },
    {
      title: t('opensAt'),
      key: 'opensAt',
      width: 150,
      render: (_v, c) => formatDateTime(c.timeline.applicationOpensAt),
    },
    {
      title: t('closesAt'),
      key: 'closesAt',
      width: 150,
      render: (_v, c) => formatDateTime(c.timeline.applicationClosesAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 150,
      render: (_v, c) => (
        <Flex gap={4}>
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 4 }}
            onClick={() => navigate(`/campaigns/${c.id}`)}
          >
            {t('open')}
          </Button>
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 4 }}
            icon={<CopyOutlined />}
            onClick={() => setCopyFrom(c)}
            data-testid="campaign-copy"
          >
            {t('common.copy')}
          </Button>
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
            onClick={() => navigate('/campaigns/new')}
            data-testid="campaign-create"
          >
            {t('create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select<number>
            allowClear
            placeholder={t('allYears')}
            value={filters.year}
            onChange={(year) => setFilters((f) => ({ ...f, year, page: 1 }))}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: phone ? 'calc(50% - 4px)' : 140 }}
            data-testid="campaign-year"
          />
          <Select<CampaignStatus>
            allowClear
            placeholder={t('status')}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))}
            options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaignStatus.${s}`) }))}
            style={{ width: phone ? 'calc(50% - 4px)' : 140 }}
          />
        </Flex>
        <Table<CampaignSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1100 }}
          data-testid="campaign-table"
          locale={{ emptyText: <Empty description={t('none')} /> }}
          pagination={tablePagination(filters, list.data?.total ?? 0, (n) => t('common.total', { n }), {
            size: phone ? 'small' : undefined,
          })}
          onChange={onTableChange(campaignSortKeys, (p) =>
            setFilters((f) => ({ ...f, ...p, sort: p.sort ?? '-year' })),
          )}
        />
      </Card>
      <CopyCampaignModal source={copyFrom} onClose={() => setCopyFrom(null)} />
    </Flex>
  );
}

/** "复制上一年": a new draft from a campaign, for a new year and name. */
export function CopyCampaignModal({
  source,
  onClose,
}: {
  source: CampaignSummary | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('campaigns');
  const { message } = App.useApp();
  const rule = useZodRule();
  const onError = useCampaignError();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ year: number; name: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !source) return;
    setBusy(true);
    try {
      const created = await copyCampaignReq(source.id, { year: v.year, name: v.name.trim() });
      await qc.invalidateQueries({ queryKey: CAMPAIGNS });
      message.success(t('copied'));
      onClose();
      navigate(`/campaigns/${created.id}`);
    } catch (e) {
      onError(e, { form, roots: ['year', 'name'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!source}
      title={source ? t('copyTitle', { name: source.name }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.copy')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open && source)
          form.setFieldsValue({
            year: source.year + 1,
            name: source.name.replace(String(source.year), String(source.year + 1)),
          });
      }}
      okButtonProps={{ 'data-testid': 'campaign-copy-ok' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('copyHint')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="year" label={t('year')} rules={[rule(copyCampaign.shape.year)]}>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            style={{ width: 160 }}
            data-testid="campaign-copy-year"
          />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={[rule(copyCampaign.shape.name)]}>
          <Input maxLength={100} data-testid="campaign-copy-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
