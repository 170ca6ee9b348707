import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps, TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CreateRound, RoundSummary, TitleFiguresView } from '../../../../shared/src/contracts/rereviews';
import type { RereviewSelectionMode, StandardBasis } from '../../../../shared/src/domain/rereview';
import { SEED_MAX } from '../../../../shared/src/domain/evaluation/draw';
import { createRoundReq, REREVIEWS, useRounds, useTitleFigures } from '../../api/rereviews';
import { TITLES, useTitles } from '../../api/titles';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { kindLabel } from '../../i18n/labels';
import { formatDateTime, todayInZone } from '../../lib/format';
import { scrollWidth } from '../../lib/list';
import { useAction } from '../../lib/useAction';

export function RoundStatusTag({ status }: { status: RoundSummary['status'] }) {
  const { t } = useTranslation('titles');
  return (
    <Tag color={status === 'open' ? 'processing' : 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`rereview.roundStatus.${status}`)}
    </Tag>
  );
}

/** 复评复审: the rounds, opening a new one, and the 优进劣出 figures. */
export default function RereviewsPage() {
  const { t } = useTranslation('titles');
  const phone = !Grid.useBreakpoint().md;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useRounds(page);
  const items = list.data?.items ?? [];
  const mode = (r: RoundSummary) =>
    r.awardYear === null
      ? t(`rereview.mode.${r.mode}`)
      : `${t(`rereview.mode.${r.mode}`)} · ${t('registry.yearValue', { year: r.awardYear })}`;
  const columns: ListColumn<RoundSummary>[] = [
    {
      title: t('rereview.field.name'),
      dataIndex: 'name',
      key: 'name',
      width: 220,
      locked: true,
      render: (v: string, r) => (
        <Link to={`/rereviews/${r.id}`} data-testid="round-open">
          {v}
        </Link>
      ),
    },
    { title: t('rereview.field.year'), dataIndex: 'year', key: 'year', width: 90 },
    { title: t('rereview.field.mode'), key: 'mode', width: 180, render: (_v, r) => mode(r) },
    {
      title: t('rereview.field.basis'),
      dataIndex: 'standardBasis',
      key: 'basis',
      width: 120,
      render: (b: StandardBasis) => t(`rereview.basis.${b}`),
    },
    {
      title: t('rereview.field.progress'),
      key: 'progress',
      width: 110,
      render: (_v, r) => t('rereview.progress', { decided: r.decided, n: r.titles }),
    },
    {
      title: t('rereview.field.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: RoundSummary['status']) => <RoundStatusTag status={s} />,
    },
    {
      title: t('rereview.field.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('rereview.title')}
        sub={t('rereview.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="round-create"
          >
            {t('rereview.create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <ListTable<RoundSummary>
          listId="rereviews"
          phone={phone}
          columns={columns}
          items={items}
          total={list.data?.total ?? 0}
          loading={list.isFetching}
          paging={page}
          onPaging={(p) => setPage({ page: p.page, pageSize: p.pageSize })}
          empty={t('rereview.empty')}
          testId="rounds-table"
          cardsTestId="round-cards"
          renderCard={(r) => (
            <Link key={r.id} to={`/rereviews/${r.id}`}>
              <Card size="small" hoverable data-testid="round-card">
                <Flex vertical gap={4}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong ellipsis>
                      {r.name}
                    </Typography.Text>
                    <RoundStatusTag status={r.status} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.year} · {mode(r)} · {t(`rereview.basis.${r.standardBasis}`)}
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 13 }}>
                    {t('rereview.progress', { decided: r.decided, n: r.titles })}
                  </Typography.Text>
                </Flex>
              </Card>
            </Link>
          )}
        />
      </Card>
      <FiguresCard phone={phone} />
      <CreateRoundModal open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}

type YearRow = TitleFiguresView['years'][number];
type FreedRow = TitleFiguresView['freed'][number];

/** 优进劣出: per year in and out, the standing pool, turnover, and the places revocations free. */
function FiguresCard({ phone }: { phone: boolean }) {
  const { t } = useTranslation('titles');
  const f = useTitleFigures().data;
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const num = (key: keyof YearRow, width = 70) => ({
    title: t(`rereview.figures.${key}`),
    dataIndex: key,
    key,
    width,
    align: 'right' as const,
  });
  const years: TableProps<YearRow>['columns'] = [
    { title: t('rereview.figures.year'), dataIndex: 'year', key: 'year', width: 70 },
    num('added'),
    num('kept'),
    num('rectified'),
    num('revoked'),
    num('expired'),
    num('standing', 80),
    { ...num('turnover', 80), render: (v: number | null) => pct(v) },
  ];
  const freed: TableProps<FreedRow>['columns'] = [
    {
      title: t('rereview.figures.campaignYear'),
      dataIndex: 'campaignYear',
      key: 'campaignYear',
      width: 110,
      render: (v: number, r) => t('rereview.figures.forCampaign', { year: v, from: r.year }),
    },
    { title: t('field.track'), dataIndex: 'trackNameZh', key: 'track', width: 180 },
    {
      title: t('field.kind'),
      dataIndex: 'orgKind',
      key: 'kind',
      width: 100,
      render: (k: FreedRow['orgKind']) => kindLabel(t, k),
    },
    { title: t('rereview.figures.places'), dataIndex: 'places', key: 'places', width: 80, align: 'right' },
  ];
  return (
    <Card
      title={t('rereview.figures.title')}
      styles={{ body: { padding: phone ? 12 : 20 } }}
      data-testid="title-figures"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('rereview.figures.help')}</Typography.Text>
        <Table<YearRow>
          rowKey="year"
          size="small"
          columns={years}
          dataSource={f?.years ?? []}
          pagination={false}
          scroll={{ x: scrollWidth(years) }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        />
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('rereview.figures.freedTitle')}
        </Typography.Title>
        <Table<FreedRow>
          rowKey={(r) => `${r.year}-${r.trackCode}-${r.orgKind}`}
          size="small"
          columns={freed}
          dataSource={f?.freed ?? []}
          pagination={false}
          scroll={{ x: scrollWidth(freed) }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rereview.figures.noFreed')} />
            ),
          }}
          data-testid="freed-places"
        />
      </Flex>
    </Card>
  );
}

interface RoundForm {
  name: string;
  year: number;
  standardBasis: StandardBasis;
  mode: RereviewSelectionMode;
  awardYear?: number;
  size?: number;
  seed?: number | null;
  titleIds?: string[];
}

/** A new round: the selection (a year, a seeded sample, a list) and the standard basis; opening it is the consequence. */
function CreateRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('titles');
  const [form] = Form.useForm<RoundForm>();
  const mode = Form.useWatch('mode', form) ?? 'year';
  const [q, setQ] = useState('');
  const active = useTitles({ status: 'active', q: q || undefined, pageSize: 50 });
  const navigate = useNavigate();
  const create = useAction(createRoundReq, {
    invalidate: [REREVIEWS, TITLES],
    form,
    fields: ['name', 'year', 'awardYear', 'size', 'seed', 'titleIds'],
    onSuccess: (r) => {
      onClose();
      void navigate(`/rereviews/${r.id}`);
    },
  });
  const year = Number(todayInZone().slice(0, 4));
  const submit = (v: RoundForm) => {
    const selection: CreateRound['selection'] =
      v.mode === 'list'
        ? { mode: 'list', titleIds: v.titleIds ?? [] }
        : v.mode === 'sample'
          ? {
              mode: 'sample',
              awardYear: v.awardYear!,
              size: v.size!,
              ...(v.seed === null || v.seed === undefined ? {} : { seed: v.seed }),
            }
          : { mode: 'year', awardYear: v.awardYear! };
    create.run({ name: v.name, year: v.year, standardBasis: v.standardBasis, selection });
  };
  return (
    <Modal
      open={open}
      title={t('rereview.createTitle')}
      onCancel={onClose}
      okText={t('rereview.createOk')}
      okButtonProps={{ loading: create.busy, 'data-testid': 'round-create-ok' } as ButtonProps}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<RoundForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          year,
          standardBasis: 'awarded',
          mode: 'year',
          awardYear: year - 3,
          name: t('rereview.defaultName', { year }),
        }}
      >
        <Form.Item name="name" label={t('rereview.field.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="round-name" />
        </Form.Item>
        <Form.Item name="year" label={t('rereview.field.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="standardBasis" label={t('rereview.field.basis')} extra={t('rereview.basisHelp')}>
          <Radio.Group
            options={(['awarded', 'current'] as const).map((b) => ({
              value: b,
              label: t(`rereview.basis.${b}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('rereview.field.mode')}>
          <Radio.Group
            optionType="button"
            options={(['year', 'sample', 'list'] as const).map((m) => ({
              value: m,
              label: t(`rereview.mode.${m}`),
            }))}
            data-testid="round-mode"
          />
        </Form.Item>
        {mode !== 'list' ? (
          <Form.Item name="awardYear" label={t('rereview.field.awardYear')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="round-award-year" />
          </Form.Item>
        ) : null}
        {mode === 'sample' ? (
          <>
            <Form.Item name="size" label={t('rereview.field.size')} rules={[{ required: true }]}>
              <InputNumber min={1} max={2000} style={{ width: '100%' }} data-testid="round-size" />
            </Form.Item>
            <Form.Item name="seed" label={t('rereview.field.seed')} extra={t('rereview.seedHelp')}>
              <InputNumber min={0} max={SEED_MAX} style={{ width: '100%' }} data-testid="round-seed" />
            </Form.Item>
          </>
        ) : null}
        {mode === 'list' ? (
          <Form.Item name="titleIds" label={t('rereview.field.titles')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              showSearch
              filterOption={false}
              onSearch={setQ}
              placeholder={t('rereview.titlesPlaceholder')}
              options={(active.data?.items ?? []).map((x) => ({
                value: x.id,
                label: `${x.serial} ${x.holderName}`,
              }))}
              data-testid="round-titles"
            />
          </Form.Item>
        ) : null}
      </Form>
      <Alert type="warning" showIcon message={t('rereview.createConsequence')} />
    </Modal>
  );
}
