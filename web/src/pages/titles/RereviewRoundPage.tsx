import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps, TableProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { RoundDetail, RoundItem } from '../../../../shared/src/contracts/rereviews';
import type { RereviewOutcome } from '../../../../shared/src/domain/rereview';
import { followUpReq, outcomeReq, REREVIEWS, useRound } from '../../api/rereviews';
import { TITLES } from '../../api/titles';
import { useApiError } from '../../app/useApiError';
import { BackLink } from '../../components/BackLink';
import { PageHeader } from '../../components/PageHeader';
import { KindTag } from '../../components/tags';
import { formatDateTime, todayInZone } from '../../lib/format';
import { scrollWidth } from '../../lib/list';
import { RoundStatusTag } from './RereviewsPage';
import { TitleStatusTag } from './TitlesPage';

/** What a button asks: an outcome of the round, or the follow-up of a rectification. */
type Step = 'keep' | 'rectify' | 'revoke' | 'passed' | 'revoked';
const NEEDS_REASON: Record<Step, boolean> = {
  keep: false,
  rectify: true,
  revoke: true,
  passed: false,
  revoked: true,
};
const OUTCOME_COLOR: Record<RereviewOutcome, string> = {
  keep: 'success',
  rectify: 'warning',
  revoke: 'error',
  expired: 'default',
};

/** One round: each title, its holder, standard and outcome, with the committee's outcome buttons. */
export default function RereviewRoundPage() {
  const { id } = useParams();
  const { t } = useTranslation('titles');
  const phone = !Grid.useBreakpoint().md;
  const round = useRound(id);
  const [step, setStep] = useState<{ item: RoundItem; step: Step } | null>(null);
  const r = round.data;
  if (!r) return <Skeleton active />;
  const open = r.status === 'open';
  const steps = (i: RoundItem): Step[] =>
    i.outcome === null && open && i.titleStatus === 'under_rereview'
      ? ['keep', 'rectify', 'revoke']
      : i.outcome === 'rectify' && i.followUp === null && i.titleStatus === 'rectifying'
        ? ['passed', 'revoked']
        : [];
  const buttons = (i: RoundItem) => (
    <Flex gap={6} wrap>
      {steps(i).map((s) => (
        <Button
          key={s}
          size="small"
          danger={s === 'revoke' || s === 'revoked'}
          type={s === 'keep' || s === 'passed' ? 'primary' : 'default'}
          onClick={() => setStep({ item: i, step: s })}
          data-testid={`round-step-${s}`}
        >
          {t(`rereview.step.${s}`)}
        </Button>
      ))}
    </Flex>
  );
  const outcomeOf = (i: RoundItem) =>
    i.outcome ? (
      <Flex vertical gap={2} align="start">
        <Tag color={OUTCOME_COLOR[i.outcome]} style={{ marginInlineEnd: 0 }} data-testid="round-outcome">
          {t(`rereview.outcome.${i.outcome}`)}
        </Tag>
        {i.deadline ? (
          <Typography.Text style={{ fontSize: 12 }}>
            {t('rereview.deadlineValue', { date: i.deadline })}
          </Typography.Text>
        ) : null}
        {i.reason ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.reason}
          </Typography.Text>
        ) : null}
        {i.followUp ? (
          <Typography.Text style={{ fontSize: 12 }}>
            {t(`rereview.followUp.${i.followUp}`)}
            {i.followUpReason ? `：${i.followUpReason}` : ''}
          </Typography.Text>
        ) : null}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('rereview.pending')}</Typography.Text>
    );
  const columns: TableProps<RoundItem>['columns'] = [
    {
      title: t('field.serial'),
      dataIndex: 'serial',
      key: 'serial',
      width: 150,
      render: (v: string) => <span className="sf-mono">{v}</span>,
    },
    {
      title: t('field.holder'),
      key: 'holder',
      width: 180,
      render: (_v, i) => (
        <Flex vertical>
          <span>{i.holderName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[i.holderName !== i.organizationName ? i.organizationName : null, i.unitName]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('field.track'),
      key: 'track',
      width: 160,
      render: (_v, i) => (
        <Flex vertical gap={2} align="start">
          <span>{i.trackNameZh}</span>
          <Flex gap={6} align="center">
            <KindTag kind={i.orgKind} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('registry.yearValue', { year: i.awardYear })}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('rereview.field.standard'),
      key: 'standard',
      width: 140,
      render: (_v, i) =>
        i.standardName ? t('rereview.standardValue', { name: i.standardName, v: i.standardVersion }) : '—',
    },
    {
      title: t('field.status'),
      dataIndex: 'titleStatus',
      key: 'titleStatus',
      width: 90,
      render: (s: RoundItem['titleStatus']) => <TitleStatusTag status={s} />,
    },
    { title: t('rereview.field.outcome'), key: 'outcome', width: 170, render: (_v, i) => outcomeOf(i) },
    { title: '', key: 'actions', width: 170, render: (_v, i) => buttons(i) },
  ];
  return (
    <Flex vertical gap={16}>
      <BackLink to="/rereviews">{t('rereview.title')}</BackLink>
      <PageHeader
        title={r.name}
        sub={`${r.year} · ${t(`rereview.mode.${r.mode}`)} · ${t(`rereview.basis.${r.standardBasis}`)}`}
      />
      {open ? null : <Alert type="info" showIcon message={t('rereview.frozen')} data-testid="round-frozen" />}
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Descriptions
          size="small"
          column={phone ? 1 : 3}
          items={[
            { key: 's', label: t('rereview.field.status'), children: <RoundStatusTag status={r.status} /> },
            {
              key: 'p',
              label: t('rereview.field.progress'),
              children: t('rereview.progress', { decided: r.decided, n: r.titles }),
            },
            {
              key: 'c',
              label: t('rereview.field.createdAt'),
              children: `${formatDateTime(r.createdAt)}${r.createdByName ? ` · ${r.createdByName}` : ''}`,
            },
            ...(r.awardYear !== null
              ? [{ key: 'a', label: t('rereview.field.awardYear'), children: r.awardYear }]
              : []),
            ...(r.closedAt
              ? [{ key: 'x', label: t('rereview.field.closedAt'), children: formatDateTime(r.closedAt) }]
              : []),
          ]}
        />
        {r.draw ? <DrawCard draw={r.draw} /> : null}
      </Card>
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        {phone ? (
          <Flex vertical gap={8} data-testid="round-item-cards">
            {r.items.map((i) => (
              <Card key={i.titleId} size="small" data-testid="round-item-card">
                <Flex vertical gap={6}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong ellipsis>
                      {i.holderName}
                    </Typography.Text>
                    <TitleStatusTag status={i.titleStatus} />
                  </Flex>
                  <Typography.Text className="sf-mono" style={{ fontSize: 13 }}>
                    {i.serial}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.trackNameZh} · {i.unitName}
                  </Typography.Text>
                  {outcomeOf(i)}
                  {buttons(i)}
                </Flex>
              </Card>
            ))}
          </Flex>
        ) : (
          <Table<RoundItem>
            rowKey="titleId"
            size="middle"
            columns={columns}
            dataSource={r.items}
            pagination={false}
            scroll={{ x: scrollWidth(columns) }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            data-testid="round-items"
          />
        )}
      </Card>
      <StepModal round={r} step={step} onClose={() => setStep(null)} />
    </Flex>
  );
}

/** The recorded draw, so anyone can re-run it: seed, algorithm, size and the pool it was drawn from. */
function DrawCard({ draw }: { draw: NonNullable<RoundDetail['draw']> }) {
  const { t } = useTranslation('titles');
  return (
    <Alert
      style={{ marginTop: 12 }}
      type="info"
      data-testid="round-draw"
      message={
        <Flex gap={8} wrap align="center">
          <span>{t('rereview.draw.seed')}</span>
          <Typography.Text className="sf-mono" copyable data-testid="round-seed-value">
            {String(draw.seed)}
          </Typography.Text>
          <span>{t('rereview.draw.sized', { size: draw.size, pool: draw.pool.length })}</span>
        </Flex>
      }
      description={
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rereview.draw.help', { algorithm: draw.algorithm })}
          </Typography.Text>
          <Typography.Text type="secondary" className="sf-mono" style={{ fontSize: 12 }}>
            {draw.pool.join(', ')}
          </Typography.Text>
        </Flex>
      }
    />
  );
}

function StepModal({
  round,
  step,
  onClose,
}: {
  round: RoundDetail;
  step: { item: RoundItem; step: Step } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('titles');
  const [form] = Form.useForm<{ reason?: string; deadline?: Dayjs }>();
  const qc = useQueryClient();
  const report = useApiError();
  const [busy, setBusy] = useState(false);
  const today = todayInZone();
  if (!step) return null;
  const { item, step: s } = step;
  const submit = async (v: { reason?: string; deadline?: Dayjs }) => {
    setBusy(true);
    try {
      const reason = v.reason?.trim() || null;
      if (s === 'passed' || s === 'revoked') await followUpReq(round.id, item.titleId, { result: s, reason });
      else
        await outcomeReq(round.id, item.titleId, {
          outcome: s,
          reason,
          deadline: s === 'rectify' ? (v.deadline?.format('YYYY-MM-DD') ?? null) : null,
        });
      void qc.invalidateQueries({ queryKey: REREVIEWS });
      void qc.invalidateQueries({ queryKey: TITLES });
      onClose();
    } catch (err) {
      report(err, { form, fields: ['reason', 'deadline'], reload: [REREVIEWS] });
    } finally {
      setBusy(false);
    }
  };
  const danger = s === 'revoke' || s === 'revoked';
  const last = round.status === 'open' && round.decided === round.titles - 1 && item.outcome === null;
  return (
    <Modal
      open
      title={t(`rereview.confirm.${s}.title`, { holder: item.holderName })}
      onCancel={onClose}
      okText={t(`rereview.step.${s}`)}
      okButtonProps={{ loading: busy, danger, 'data-testid': 'round-step-ok' } as ButtonProps}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text className="sf-mono">
          {item.serial} · {item.holderName}
        </Typography.Text>
        <Alert
          type={danger ? 'error' : 'warning'}
          showIcon
          message={t(`rereview.confirm.${s}.consequence`)}
          description={last ? t('rereview.confirm.closes') : undefined}
          data-testid="round-step-consequence"
        />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          {s === 'rectify' ? (
            <Form.Item
              name="deadline"
              label={t('rereview.field.deadline')}
              rules={[{ required: true }]}
              extra={t('rereview.deadlineHelp')}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.format('YYYY-MM-DD') <= today}
                defaultPickerValue={dayjs(today).add(3, 'month')}
                data-testid="round-deadline"
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="reason"
            label={t('rereview.field.reason')}
            rules={[{ required: NEEDS_REASON[s], whitespace: true, max: 2000 }]}
          >
            <Input.TextArea rows={3} data-testid="round-reason" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
