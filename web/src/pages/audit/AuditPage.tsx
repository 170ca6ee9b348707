import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Form, Grid, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, FilterOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOMES, auditSortKeys, type AuditEvent } from '../../../../shared/src/contracts/audit';
import { exportAudit, useAuditEvents, type AuditFilters } from '../../api/audit';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { roleLabel } from '../../i18n/labels';
import {
  actionLabel,
  actionOptions,
  knownAuditNames,
  nameOf,
  objectTypeLabel,
  outcomeLabel,
  valueOptions,
} from './labels';
import { auditDetailText } from '../../../../shared/src/audit-fields';
import { formatDateTimeSeconds } from '../../lib/format';
import { onTableChange, sortOrderOf, tablePagination } from '../../lib/list';
import { useUrlFilters, type FilterSpec } from '../../lib/url-filters';
import { AuditChanges } from './AuditChanges';

type Outcome = (typeof AUDIT_OUTCOMES)[number];
const OUTCOME_COLOR: Record<Outcome, string> = { success: 'success', failure: 'warning', denied: 'error' };

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: Outcome;
}

/** Turns the filter form into the list query (times as ISO instants). */
function toFilters(v: FilterValues): AuditFilters {
  const s = (x: string | undefined) => (x && x.trim() ? x.trim() : undefined);
  return {
    from: v.range?.[0]?.toISOString(),
    to: v.range?.[1]?.toISOString(),
    actor: s(v.actor),
    action: s(v.action),
    objectType: s(v.objectType),
    objectId: s(v.objectId),
    outcome: v.outcome,
  };
}

/** The log's filters in the URL (`/audit?from=…&outcome=denied`): a work desk's counts open it so. */
const FILTERS: FilterSpec<AuditFilters> = {
  from: 'string',
  to: 'string',
  actor: 'string',
  action: 'string',
  objectType: 'string',
  objectId: 'string',
  outcome: 'string',
  page: 'number',
  pageSize: 'number',
  sort: 'string',
};
const DEFAULTS: AuditFilters = { page: 1, pageSize: 20 };

/** The form's values for filters read from the URL. */
function toFormValues(q: AuditFilters): FilterValues {
  const at = (x: string | undefined) => (x ? dayjs(x) : null);
  return {
    range: q.from || q.to ? [at(q.from), at(q.to)] : null,
    actor: q.actor,
    action: q.action,
    objectType: q.objectType,
    objectId: q.objectId,
    outcome: q.outcome,
  };
}

export default function AuditPage() {
  const { t } = useTranslation('audit');
  const onError = useApiError();
  const phone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<FilterValues>();
  const [state, setState] = useUrlFilters(FILTERS, DEFAULTS);
  const { page = 1, pageSize = 20, sort, ...query } = state;
  const paging = { page, pageSize, sort };
  const setQuery = (q: AuditFilters) =>
    setState((f) => ({ ...q, page: 1, pageSize: f.pageSize, sort: f.sort }));
  const setPaging = (p: { page: number; pageSize: number; sort?: string }) =>
    setState((f) => ({ ...f, ...p }));
  const [exporting, setExporting] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = Object.values(query).filter((v) => v !== undefined).length;
  const list = useAuditEvents({ ...query, ...paging });
  const actions = actionOptions(t);
  const objects = knownAuditNames(t, 'object');

  const doExport = async () => {
    setExporting(true);
    try {
      await exportAudit(query, t('exportFile'));
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<AuditEvent>['columns'] = [
    {
      title: t('field.at'),
      dataIndex: 'at',
      key: 'at',
      sorter: true,
      sortOrder: sortOrderOf(paging.sort, 'at'),
      width: 170,
      render: (v: string, e) => (
        <Flex vertical>
          <span>{formatDateTimeSeconds(v)}</span>
          {e.ip ? (
            <Typography.Text type="secondary" className="sf-mono" style={{ fontSize: 12 }}>
              {e.ip}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('field.actor'),
      dataIndex: 'actorName',
      key: 'actorName',
      sorter: true,
      sortOrder: sortOrderOf(paging.sort, 'actorName'),
      width: 170,
      render: (_v, e) => {
        const scope = nameOf(e, e.scopeOrgId);
        return (
          <Flex vertical>
            <span>{nameOf(e, e.actorId) ?? e.actorName ?? t('anonymous')}</span>
            {e.role ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {scope ? `${roleLabel(t, e.role)} · ${scope}` : roleLabel(t, e.role)}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    {
      title: t('field.action'),
      dataIndex: 'action',
      key: 'action',
      sorter: true,
      sortOrder: sortOrderOf(paging.sort, 'action'),
      width: 160,
      render: (v: string) => actionLabel(t, v),
    },
    {
      title: t('field.object'),
      key: 'object',
      width: 190,
      render: (_v, e) =>
        e.objectType ? (
          <Flex vertical style={{ minWidth: 0 }}>
            <span>{objectTypeLabel(t, e.objectType)}</span>
            {e.objectId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {nameOf(e, e.objectId) ?? t('deletedRecord')}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('field.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      width: 84,
      render: (o: Outcome) => <Tag color={OUTCOME_COLOR[o]}>{outcomeLabel(t, o)}</Tag>,
    },
    {
      title: t('field.detail'),
      dataIndex: 'detail',
      key: 'detail',
      minWidth: 220,
      render: (v: string | null, e) => (
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: true }}>
          {auditDetailText(v, valueOptions(t, e)) || '—'}
        </Typography.Paragraph>
      ),
    },
  ];

  const w = phone ? '100%' : 200;
  return (
    <Flex vertical>
      <PageHeader
        title={t('nav.audit')}
        sub={t('subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void doExport()}
            data-testid="audit-export"
          >
            {t('export')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        {phone ? (
          <Button
            icon={<FilterOutlined />}
            onClick={() => setFiltersOpen((o) => !o)}
            style={{ marginBottom: 12 }}
            data-testid="audit-filters-toggle"
          >
            {activeFilters ? t('filtersCount', { n: activeFilters }) : t('filters')}
          </Button>
        ) : null}
        <Form<FilterValues>
          form={form}
          initialValues={toFormValues(query)}
          layout={phone ? 'vertical' : 'inline'}
          onFinish={(v) => {
            setQuery(toFilters(v));
            setFiltersOpen(false);
          }}
          style={{ marginBottom: 16, rowGap: 8, display: phone && !filtersOpen ? 'none' : undefined }}
        >
          <Form.Item
            name="range"
            label={phone ? t('field.at') : undefined}
            style={{ width: phone ? '100%' : undefined }}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
              placeholder={[t('from'), t('to')]}
              style={{ width: phone ? '100%' : 340 }}
            />
          </Form.Item>
          <Form.Item name="actor">
            <Input
              allowClear
              placeholder={t('field.actor')}
              maxLength={64}
              style={{ width: w }}
              data-testid="audit-actor"
            />
          </Form.Item>
          <Form.Item name="action">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('field.action')}
              options={actions}
              style={{ width: w }}
              popupMatchSelectWidth={280}
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item name="objectType">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('field.objectType')}
              options={objects}
              style={{ width: w }}
            />
          </Form.Item>
          <Form.Item name="objectId">
            <Input allowClear placeholder={t('field.objectId')} maxLength={64} style={{ width: w }} />
          </Form.Item>
          <Form.Item name="outcome">
            <Select<Outcome>
              allowClear
              placeholder={t('field.outcome')}
              options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(t, o) }))}
              style={{ width: phone ? '100%' : 130 }}
            />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setQuery({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Flex>
          </Form.Item>
        </Form>
        <Table<AuditEvent>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1040 }}
          data-testid="audit-table"
          expandable={{ expandedRowRender: (e) => <AuditChanges event={e} /> }}
          pagination={tablePagination(paging, list.data?.total ?? 0, (n) => t('common.total', { n }), {
            showSizeChanger: !phone,
            size: phone ? 'small' : undefined,
          })}
          onChange={onTableChange(auditSortKeys, setPaging)}
        />
      </Card>
    </Flex>
  );
}
