import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Form, Grid, Input, Select, Tag, Typography } from 'antd';
import { DownloadOutlined, FilterOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOMES, auditSortKeys, type AuditEvent } from '../../../../shared/src/contracts/audit';
import { exportAudit, useAuditEvents, type AuditFilters } from '../../api/audit';
import { ListTable, type ListColumn } from '../../components/ListTable';
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
import { instantToPicker, pickerToInstant } from '../../lib/date-range';
import { sortOrderOf } from '../../lib/list';
import { useAction } from '../../lib/useAction';
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

/** Turns the filter form into the list query (times picked in Beijing time, as ISO instants). */
function toFilters(v: FilterValues): AuditFilters {
  const s = (x: string | undefined) => (x && x.trim() ? x.trim() : undefined);
  return {
    from: pickerToInstant(v.range?.[0]),
    to: pickerToInstant(v.range?.[1]),
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
  return {
    range: q.from || q.to ? [instantToPicker(q.from), instantToPicker(q.to)] : null,
    actor: q.actor,
    action: q.action,
    objectType: q.objectType,
    objectId: q.objectId,
    outcome: q.outcome,
  };
}

export default function AuditPage() {
  const { t } = useTranslation('audit');
  const phone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<FilterValues>();
  const [state, setState] = useUrlFilters(FILTERS, DEFAULTS);
  const { page = 1, pageSize = 20, sort, ...query } = state;
  const paging = { page, pageSize, sort };
  const setQuery = (q: AuditFilters) =>
    setState((f) => ({ ...q, page: 1, pageSize: f.pageSize, sort: f.sort }));
  const setPaging = (p: { page: number; pageSize: number; sort?: string }) =>
    setState((f) => ({ ...f, ...p }));
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = Object.values(query).filter((v) => v !== undefined).length;
  const list = useAuditEvents({ ...query, ...paging });
  const actions = actionOptions(t);
  const objects = knownAuditNames(t, 'object');

  const exporting = useAction(() => exportAudit(query, t('exportFile')));

  const columns: ListColumn<AuditEvent>[] = [
    {
      title: t('field.at'),
      dataIndex: 'at',
      key: 'at',
      locked: true,
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
            loading={exporting.busy}
            onClick={() => exporting.run()}
            data-testid="audit-export"
          >
            {t('export')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <ListTable<AuditEvent>
          listId="audit"
          phone={phone}
          columns={columns}
          items={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          loading={list.isFetching}
          paging={{ page, pageSize, sort }}
          sortKeys={auditSortKeys}
          onPaging={setPaging}
          empty={t('empty')}
          testId="audit-table"
          expandable={{ expandedRowRender: (e) => <AuditChanges event={e} /> }}
          toolbar={
            <Flex vertical gap={12}>
              {phone ? (
                <Button
                  icon={<FilterOutlined />}
                  onClick={() => setFiltersOpen((o) => !o)}
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
                style={{ rowGap: 8, display: phone && !filtersOpen ? 'none' : undefined }}
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
                    <Button
                      type="primary"
                      htmlType="submit"
                      icon={<SearchOutlined />}
                      data-testid="audit-search"
                    >
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
            </Flex>
          }
        />
      </Card>
    </Flex>
  );
}
