import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Modal,
  Radio,
  Select,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { DownloadOutlined, FilterOutlined, PrinterOutlined, SettingOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TitleSummary } from '../../../../shared/src/contracts/titles';
import { titleSortKeys } from '../../../../shared/src/contracts/titles';
import { TITLE_STATUSES, type TitleStatus } from '../../../../shared/src/domain/title-workflow';
import { ORG_KINDS } from '../../../../shared/src/enums';
import { useSession } from '../../api/auth';
import { useTracks } from '../../api/standards';
import {
  exportTitles,
  printBatch,
  printTitle,
  useTitle,
  useTitles,
  type TitleFilters,
} from '../../api/titles';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { OrgPicker } from '../../components/OrgPicker';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { KindTag } from '../../components/tags';
import { bilingual, kindLabel } from '../../i18n/labels';
import { formatDateTime, formatInZone, todayInZone } from '../../lib/format';
import { daysToPicker, pickerToDays } from '../../lib/date-range';
import { sortOrderOf } from '../../lib/list';
import { useAction } from '../../lib/useAction';
import { useUrlFilters, type FilterSpec } from '../../lib/url-filters';

type State = TitleFilters & { page?: number; pageSize?: number; sort?: string };

const FILTERS: FilterSpec<State> = {
  year: 'number',
  track: 'string',
  orgKind: ['string', 'kind'],
  unitId: ['string', 'unit'],
  status: 'string',
  campaignId: ['string', 'campaign'],
  q: 'string',
  certifiedFrom: 'string',
  certifiedTo: 'string',
  page: 'number',
  pageSize: 'number',
  sort: 'string',
};
const DEFAULTS: State = { page: 1, pageSize: 20, sort: 'serial' };

export const STATUS_COLOR: Record<TitleStatus, string> = {
  active: 'success',
  under_rereview: 'processing',
  rectifying: 'warning',
  revoked: 'error',
  expired: 'default',
};

export function TitleStatusTag({ status }: { status: TitleStatus }) {
  const { t } = useTranslation('titles');
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="title-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

/** The years a registry can be filtered by: from the first campaigns to next year. */
function yearOptions(t: TFunction<'titles'>) {
  const now = Number(todayInZone().slice(0, 4));
  const out = [];
  for (let y = now + 1; y >= 2020; y--) out.push({ value: y, label: t('registry.yearValue', { year: y }) });
  return out;
}

/** 称号台账: every title the user may see, filtered, with its history, export and printing. */
export default function TitlesPage() {
  const { t, i18n } = useTranslation('titles');
  const me = useSession();
  const manage = me.abilities.includes('titles.manage');
  const phone = !Grid.useBreakpoint().md;
  const [state, setState] = useUrlFilters(FILTERS, DEFAULTS);
  const { page = 1, pageSize = 20, sort, ...filters } = state;
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [batching, setBatching] = useState(false);
  const list = useTitles(state);
  const tracks = useTracks().data?.items ?? [];
  const trackName = (code: string, zh: string) => {
    const tr = tracks.find((x) => x.code === code);
    return tr ? bilingual(i18n.language, tr.nameZh, tr.nameEn) : zh;
  };
  const setFilter = (patch: Partial<TitleFilters>) => setState((f) => ({ ...f, ...patch, page: 1 }));
  const activeFilters = [
    filters.year,
    filters.track,
    filters.orgKind,
    filters.unitId,
    filters.status,
    filters.certifiedFrom ?? filters.certifiedTo,
  ].filter((v) => v !== undefined).length;

  const exporting = useAction(() => exportTitles(filters, t('registry.exportFile')));

  const validity = (r: TitleSummary) => t('field.validRange', { from: r.validFrom, until: r.validUntil });
  const columns: ListColumn<TitleSummary>[] = [
    {
      title: t('field.serial'),
      dataIndex: 'serial',
      key: 'serial',
      width: 160,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'serial'),
      render: (v: string) => <span className="sf-mono">{v}</span>,
    },
    {
      title: t('field.holder'),
      dataIndex: 'holderName',
      key: 'holderName',
      width: 200,
      locked: true,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'holderName'),
      render: (v: string, r) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Link onClick={() => setOpenId(r.id)} data-testid="title-open">
            {v}
          </Typography.Link>
          {r.holderName !== r.organizationName || r.brandName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[r.holderName !== r.organizationName ? r.organizationName : null, r.brandName]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('field.track'),
      key: 'track',
      width: 190,
      render: (_v, r) => (
        <Flex vertical gap={2} align="start">
          <span>{trackName(r.track, r.trackNameZh)}</span>
          <Flex gap={6} align="center">
            <KindTag kind={r.orgKind} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('registry.yearValue', { year: r.year })}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    { title: t('field.unit'), dataIndex: 'unitName', key: 'unitName', width: 150 },
    {
      title: t('field.validity'),
      dataIndex: 'validUntil',
      key: 'validUntil',
      width: 190,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'validUntil'),
      render: (_v, r) => validity(r),
    },
    {
      title: t('field.certifiedAt'),
      dataIndex: 'certifiedAt',
      key: 'certifiedAt',
      width: 110,
      defaultHidden: true,
      render: (v: string) => formatInZone(v, 'YYYY-MM-DD'),
    },
    {
      title: t('field.status'),
      dataIndex: 'status',
      key: 'status',
      width: 80,
      render: (s: TitleStatus) => <TitleStatusTag status={s} />,
    },
    ...(manage
      ? [
          {
            title: '',
            label: t('print.certificate'),
            key: 'print',
            width: 100,
            locked: true,
            render: (_v: unknown, r: TitleSummary) => (
              <PrintButton id={r.id} serial={r.serial} size="small" />
            ),
          },
        ]
      : []),
  ];

  const w = phone ? '100%' : 160;
  const items = list.data?.items ?? [];
  return (
    <Flex vertical>
      <PageHeader
        title={t('registry.title')}
        sub={t('registry.subtitle')}
        extra={
          <>
            {manage ? (
              <Link to="/titles/templates">
                <Button icon={<SettingOutlined />} data-testid="titles-templates">
                  {t('registry.templates')}
                </Button>
              </Link>
            ) : null}
            {manage ? (
              <Button icon={<PrinterOutlined />} onClick={() => setBatching(true)} data-testid="titles-batch">
                {t('registry.batch')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              loading={exporting.busy}
              onClick={() => exporting.run()}
              data-testid="titles-export"
            >
              {t('registry.export')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <ListTable<TitleSummary>
          listId="titles"
          phone={phone}
          columns={columns}
          items={items}
          total={list.data?.total ?? 0}
          loading={list.isFetching}
          paging={{ page, pageSize, sort }}
          sortKeys={titleSortKeys}
          onPaging={(p) => setState((f) => ({ ...f, ...p, sort: p.sort ?? DEFAULTS.sort }))}
          empty={t('registry.empty')}
          testId="titles-table"
          cardsTestId="title-cards"
          onRow={(r) => ({ onDoubleClick: () => setOpenId(r.id) })}
          renderCard={(r) => (
            <Card key={r.id} size="small" hoverable onClick={() => setOpenId(r.id)} data-testid="title-card">
              <Flex vertical gap={4}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong ellipsis>
                    {r.holderName}
                  </Typography.Text>
                  <TitleStatusTag status={r.status} />
                </Flex>
                <Typography.Text className="sf-mono" style={{ fontSize: 13 }}>
                  {r.serial}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {trackName(r.track, r.trackNameZh)} · {kindLabel(t, r.orgKind)} · {r.unitName}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('field.validity')} {validity(r)}
                </Typography.Text>
              </Flex>
            </Card>
          )}
          toolbar={
            <Flex gap={8} wrap>
              <SearchBox
                value={searchText}
                onChange={setSearchText}
                onSearch={(v) => setFilter({ q: v || undefined })}
                placeholder={t('registry.search')}
                width={phone ? '100%' : 280}
                testId="titles-search"
              />
              {phone ? (
                <Button
                  icon={<FilterOutlined />}
                  onClick={() => setFiltersOpen((o) => !o)}
                  data-testid="titles-filters-toggle"
                >
                  {activeFilters ? t('registry.filtersCount', { n: activeFilters }) : t('registry.filters')}
                </Button>
              ) : null}
              <Flex
                gap={8}
                wrap
                style={{
                  width: phone ? '100%' : undefined,
                  display: phone && !filtersOpen ? 'none' : 'flex',
                }}
              >
                <Select<number>
                  allowClear
                  placeholder={t('registry.year')}
                  value={filters.year}
                  onChange={(year) => setFilter({ year })}
                  options={yearOptions(t)}
                  style={{ width: phone ? '100%' : 130 }}
                  data-testid="titles-year"
                />
                <Select<string>
                  allowClear
                  placeholder={t('registry.track')}
                  value={filters.track}
                  onChange={(track) => setFilter({ track })}
                  options={tracks.map((x) => ({
                    value: x.code,
                    label: bilingual(i18n.language, x.nameZh, x.nameEn),
                  }))}
                  style={{ width: phone ? '100%' : 220 }}
                  popupMatchSelectWidth={false}
                  data-testid="titles-track"
                />
                <Select<string>
                  allowClear
                  placeholder={t('registry.kind')}
                  value={filters.orgKind}
                  onChange={(orgKind) => setFilter({ orgKind })}
                  options={ORG_KINDS.filter((k) => k !== 'working_committee').map((k) => ({
                    value: k,
                    label: kindLabel(t, k),
                  }))}
                  style={{ width: w }}
                />
                {manage ? (
                  <div style={{ width: phone ? '100%' : 220 }}>
                    <OrgPicker
                      mode="unit"
                      allowClear
                      placeholder={t('registry.unit')}
                      value={filters.unitId ?? null}
                      onChange={(id) => setFilter({ unitId: id ?? undefined })}
                    />
                  </div>
                ) : null}
                <Select<string>
                  allowClear
                  placeholder={t('registry.status')}
                  value={filters.status}
                  onChange={(status) => setFilter({ status })}
                  options={TITLE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                  style={{ width: phone ? '100%' : 130 }}
                  data-testid="titles-status"
                />
                <DatePicker.RangePicker
                  allowEmpty={[true, true]}
                  value={daysToPicker(filters.certifiedFrom, filters.certifiedTo)}
                  onChange={(r) => {
                    const d = pickerToDays(r);
                    setFilter({ certifiedFrom: d.from, certifiedTo: d.to });
                  }}
                  placeholder={[t('registry.certifiedFrom'), t('registry.certifiedTo')]}
                  style={{ width: phone ? '100%' : 260 }}
                  data-testid="titles-certified"
                />
              </Flex>
            </Flex>
          }
        />
      </Card>
      <TitleDrawer
        id={openId}
        phone={phone}
        manage={manage}
        trackName={trackName}
        onClose={() => setOpenId(null)}
      />
      <BatchModal open={batching} defaultYear={filters.year} onClose={() => setBatching(false)} />
    </Flex>
  );
}

function PrintButton({
  id,
  serial,
  kind = 'certificate',
  size,
}: {
  id: string;
  serial: string;
  kind?: 'certificate' | 'plaque';
  size?: 'small';
}) {
  const { t } = useTranslation('titles');
  const print = useAction(() => printTitle(id, kind, `${serial}.pdf`), {
    success: (name) => t('print.done', { name }),
  });
  return (
    <Button
      size={size}
      icon={<PrinterOutlined />}
      loading={print.busy}
      onClick={(e) => {
        e.stopPropagation();
        print.run();
      }}
      data-testid={kind === 'certificate' ? 'title-print' : 'title-print-plaque'}
    >
      {t(kind === 'certificate' ? 'print.certificate' : 'print.plaque')}
    </Button>
  );
}

function TitleDrawer({
  id,
  phone,
  manage,
  trackName,
  onClose,
}: {
  id: string | null;
  phone: boolean;
  manage: boolean;
  trackName: (code: string, zh: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation('titles');
  const d = useTitle(id).data;
  const verifyUrl = d ? `${location.origin}${d.verifyPath}` : '';
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={phone ? '100%' : 560}
      title={d && !phone ? `${t('detail.title')} · ${d.serial}` : t('detail.title')}
      destroyOnHidden
      extra={
        d && manage ? (
          <Flex gap={8} wrap>
            <PrintButton id={d.id} serial={d.serial} />
            {phone ? null : <PrintButton id={d.id} serial={d.serial} kind="plaque" />}
          </Flex>
        ) : null
      }
    >
      {d ? (
        <Flex vertical gap={16} data-testid="title-detail">
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {d.holderName}
            </Typography.Title>
            <TitleStatusTag status={d.status} />
          </Flex>
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { whiteSpace: 'nowrap', width: phone ? undefined : 120 } }}
            items={[
              { key: 's', label: t('field.serial'), children: <span className="sf-mono">{d.serial}</span> },
              { key: 't', label: t('field.track'), children: trackName(d.track, d.trackNameZh) },
              { key: 'k', label: t('field.kind'), children: <KindTag kind={d.orgKind} /> },
              { key: 'o', label: t('field.organization'), children: d.organizationName },
              ...(d.brandName ? [{ key: 'b', label: t('field.brand'), children: d.brandName }] : []),
              { key: 'u', label: t('field.unit'), children: d.unitName },
              { key: 'y', label: t('field.year'), children: d.year },
              {
                key: 'v',
                label: t('field.validity'),
                children: `${t('field.validRange', { from: d.validFrom, until: d.validUntil })}（${t('field.validYears', { n: d.validityYears })}）`,
              },
              { key: 'c', label: t('field.certifiedAt'), children: formatDateTime(d.certifiedAt) },
              {
                key: 'q',
                label: t('detail.verifyLink'),
                children: (
                  <Flex vertical>
                    <Typography.Link
                      href={d.verifyPath}
                      target="_blank"
                      copyable={{ text: verifyUrl }}
                      data-testid="title-verify-link"
                      style={{ wordBreak: 'break-all' }}
                    >
                      {d.verifyPath}
                    </Typography.Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('detail.verifyHelp')}
                    </Typography.Text>
                  </Flex>
                ),
              },
            ]}
          />
          {phone && manage ? <PrintButton id={d.id} serial={d.serial} kind="plaque" /> : null}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('detail.history')}
          </Typography.Title>
          {d.events.length ? (
            <Timeline
              data-testid="title-history"
              items={d.events.map((e) => ({
                key: e.id,
                color: e.toStatus === 'revoked' ? 'red' : e.toStatus === 'active' ? 'green' : 'blue',
                children: (
                  <Flex vertical>
                    <Typography.Text strong>
                      {t(`action.${e.action}`)} → {t(`status.${e.toStatus}`)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.at)}
                      {e.actorName ? ` · ${t('detail.by', { name: e.actorName })}` : ''}
                    </Typography.Text>
                    {e.reason ? <Typography.Text>{e.reason}</Typography.Text> : null}
                  </Flex>
                ),
              }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noHistory')} />
          )}
        </Flex>
      ) : null}
    </Drawer>
  );
}

function BatchModal({
  open,
  defaultYear,
  onClose,
}: {
  open: boolean;
  defaultYear: number | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation('titles');
  const [form] = Form.useForm<{ year: number; kind: 'certificate' | 'plaque' }>();
  const print = useAction(
    (v: { year: number; kind: 'certificate' | 'plaque' }) => printBatch(v, `${v.year}-${v.kind}.pdf`),
    { success: (name) => t('print.done', { name }), onSuccess: onClose },
  );
  return (
    <Modal
      open={open}
      title={t('print.batchTitle')}
      onCancel={onClose}
      okText={t('print.batchOk')}
      okButtonProps={{ loading: print.busy, 'data-testid': 'titles-batch-ok' } as ButtonProps}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('print.batchHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => print.run(v)}
        initialValues={{ year: defaultYear ?? Number(todayInZone().slice(0, 4)), kind: 'certificate' }}
      >
        <Form.Item name="year" label={t('print.batchYear')} rules={[{ required: true }]}>
          <Select options={yearOptions(t)} data-testid="titles-batch-year" />
        </Form.Item>
        <Form.Item name="kind" label={t('print.batchKind')}>
          <Radio.Group
            options={[
              { value: 'certificate', label: t('print.kindCertificate') },
              { value: 'plaque', label: t('print.kindPlaque') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
