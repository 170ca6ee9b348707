import { useState } from 'react';
import {
  Alert,
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
  Progress,
  Result,
  Skeleton,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { DownloadOutlined, LockOutlined, NotificationOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DecisionDetail, DecisionLineBody } from '../../../../shared/src/contracts/decisions';
import {
  DECISIONS,
  acceptProposalReq,
  confirmDecisionReq,
  createDecisionReq,
  patchDecisionLineReq,
  releaseDecisionReq,
  useCampaignDecision,
} from '../../api/decisions';
import { ApiError, download } from '../../api/client';
import { useCampaign } from '../../api/campaigns';
import { useTracks } from '../../api/standards';
import { useAbility } from '../../api/auth';
import { BackLink } from '../../components/BackLink';
import { PageHeader } from '../../components/PageHeader';
import { kindLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { trackName } from '../campaigns/CampaignFields';
import { useCampaignError } from '../campaigns/useCampaignError';
import {
  deviationCount,
  quotaState,
  reasonNeed,
  selectedAfter,
  undecidedCount,
  type ReasonNeed,
} from './decision-model';
import { RankingPanel } from './RankingPanel';

type Group = DecisionDetail['groups'][number];

/**
 * The decision meeting (issue #6 §8): per track × kind the quota and how many are selected, the lines in
 * rank order with the proposal and the committee's choice, votes and reasons; accept the proposal, confirm
 * (freezes the snapshot), then the frozen view with its digest and the release.
 */
export default function DecisionPage() {
  const { id } = useParams();
  const { t } = useTranslation(['decisions', 'campaigns']);
  const phone = !Grid.useBreakpoint().md;
  const campaign = useCampaign(id);
  const decision = useCampaignDecision(id);
  const tracks = useTracks().data?.items ?? [];
  const canRank = useAbility('evaluation.manage');
  const [editing, setEditing] = useState<{ group: Group; line: DecisionLineBody } | null>(null);

  if (campaign.isPending || decision.isPending) return <Skeleton active />;
  if (campaign.isError || !campaign.data) return <Result status="404" title={t('notFound')} />;
  const c = campaign.data;
  const d = decision.data;
  const missing = decision.error instanceof ApiError && decision.error.status === 404;

  const groupTitle = (g: Group) =>
    `${trackName(tracks, g.track)} · ${g.orgKind ? kindLabel(t, g.orgKind) : t('wholeTrack')}`;

  return (
    <Flex vertical gap={12}>
      <BackLink to={`/campaigns/${c.id}`}>{c.name}</BackLink>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{t('title')}</span>
            {d ? (
              <Tag color={d.status === 'confirmed' ? 'green' : 'blue'} data-testid="decision-status">
                {t(`status.${d.status}`)}
              </Tag>
            ) : null}
          </Flex>
        }
        sub={`${c.name} · ${c.year}${d ? ` · ${t(`basis.${d.basis}`)}` : ''}`}
        extra={
          <>
            {d?.status === 'draft' ? <DraftActions d={d} /> : null}
            {d?.status === 'confirmed' && !d.releasedAt ? <ReleaseButton d={d} /> : null}
          </>
        }
      />
      {!d ? (
        missing ? (
          <NoDecision campaignId={c.id} deciding={c.status === 'deciding'} />
        ) : (
          <Result status="error" title={decision.error?.message} />
        )
      ) : (
        <>
          <Tabs
            items={[
              {
                key: 'decision',
                label: t('tabDecision'),
                children: (
                  <Flex vertical gap={16}>
                    {d.status === 'draft' ? (
                      <Alert
                        type="info"
                        showIcon
                        data-testid="decision-banner"
                        message={t('draftBanner')}
                        description={t('progress', {
                          undecided: undecidedCount(d),
                          deviations: deviationCount(d),
                        })}
                      />
                    ) : (
                      <FrozenCard d={d} />
                    )}
                    {d.groups
                      .filter((g) => g.lines.length > 0)
                      .map((g) => (
                        <GroupCard
                          key={`${g.track}/${g.orgKind ?? ''}`}
                          title={groupTitle(g)}
                          group={g}
                          editable={d.status === 'draft'}
                          phone={phone}
                          onEdit={(line) => setEditing({ group: g, line })}
                        />
                      ))}
                  </Flex>
                ),
              },
              ...(canRank
                ? [
                    {
                      key: 'ranking',
                      label: <span data-testid="tab-ranking">{t('tabRanking')}</span>,
                      children: (
                        <RankingPanel
                          campaignId={c.id}
                          groups={d.groups.filter((g) => g.lines.length > 0)}
                          titleOf={groupTitle}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <LineModal d={d} editing={editing} onClose={() => setEditing(null)} />
        </>
      )}
    </Flex>
  );
}

function NoDecision({ campaignId, deciding }: { campaignId: string; deciding: boolean }) {
  const { t } = useTranslation('decisions');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useCampaignError();
  const [busy, setBusy] = useState(false);
  return (
    <Card>
      <Empty description={t('noDecision')}>
        <Typography.Paragraph type="secondary">
          {deciding ? t('noDecisionText') : t('notDeciding')}
        </Typography.Paragraph>
        {deciding ? (
          <Button
            type="primary"
            loading={busy}
            data-testid="decision-create"
            onClick={async () => {
              setBusy(true);
              try {
                await createDecisionReq(campaignId);
                await qc.invalidateQueries({ queryKey: [...DECISIONS] });
                message.success(t('created'));
              } catch (err) {
                onError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('create')}
          </Button>
        ) : null}
      </Empty>
    </Card>
  );
}

/** Problems of a refused confirmation (`lines.<id>.reason`) named by the line's title. */
function problemList(d: DecisionDetail, err: ApiError) {
  const titles = new Map(d.groups.flatMap((g) => g.lines.map((l) => [l.applicationId, l.title])));
  return (
    <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="decision-problems">
      {err.details.map((p, i) => {
        const m = /lines\.([^.]+)\./.exec(p.field);
        const title = m ? titles.get(m[1]!) : null;
        return <li key={i}>{title ? `${title}：${p.message}` : p.message}</li>;
      })}
    </ul>
  );
}

function DraftActions({ d }: { d: DecisionDetail }) {
  const { t } = useTranslation('decisions');
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const onError = useCampaignError();
  const [accepting, setAccepting] = useState(false);
  const reload = [[...DECISIONS]] as const;
  const undecided = undecidedCount(d);
  return (
    <>
      <Button disabled={undecided === 0} onClick={() => setAccepting(true)} data-testid="decision-accept">
        {t('accept')}
      </Button>
      <Button
        type="primary"
        danger
        icon={<LockOutlined />}
        data-testid="decision-confirm"
        onClick={() =>
          modal.confirm({
            title: t('confirmTitle'),
            content: t('confirmText'),
            okText: t('confirmOk'),
            okButtonProps: { danger: true, 'data-testid': 'decision-confirm-ok' },
            onOk: async () => {
              try {
                await confirmDecisionReq(d);
                await qc.invalidateQueries({ queryKey: [...DECISIONS] });
                message.success(t('confirmed'));
              } catch (err) {
                if (err instanceof ApiError && err.code === 'DECISION_INCOMPLETE' && err.details.length)
                  modal.error({ title: t('incomplete'), content: problemList(d, err) });
                else onError(err, { reload });
              }
            },
          })
        }
      >
        {t('confirm')}
      </Button>
      <AcceptModal d={d} open={accepting} onClose={() => setAccepting(false)} />
    </>
  );
}

interface VotesForm {
  for: number | null;
  against: number | null;
  abstain: number | null;
}

function VotesFields() {
  const { t } = useTranslation('decisions');
  return (
    <Flex gap={12} wrap>
      {(['for', 'against', 'abstain'] as const).map((k) => (
        <Form.Item
          key={k}
          name={k}
          label={t(k === 'for' ? 'votesFor' : k === 'against' ? 'votesAgainst' : 'votesAbstain')}
          style={{ marginBottom: 8 }}
        >
          <InputNumber min={0} max={1000} precision={0} style={{ width: 96 }} data-testid={`votes-${k}`} />
        </Form.Item>
      ))}
    </Flex>
  );
}

function AcceptModal({ d, open, onClose }: { d: DecisionDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('decisions');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useCampaignError();
  const [form] = Form.useForm<VotesForm>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={t('acceptTitle', { n: undecidedCount(d) })}
      okText={t('accept')}
      okButtonProps={{ loading: busy, 'data-testid': 'decision-accept-ok' }}
      onCancel={onClose}
      destroyOnHidden
      onOk={() => form.submit()}
    >
      <Typography.Paragraph>{t('acceptText')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          try {
            const votes =
              v.for === null && v.against === null && v.abstain === null
                ? undefined
                : { for: v.for ?? 0, against: v.against ?? 0, abstain: v.abstain ?? 0 };
            await acceptProposalReq(d, votes);
            await qc.invalidateQueries({ queryKey: [...DECISIONS] });
            message.success(t('acceptDone'));
            onClose();
          } catch (err) {
            onError(err, { reload: [[...DECISIONS]] });
          } finally {
            setBusy(false);
          }
        }}
        initialValues={{ for: null, against: null, abstain: null }}
      >
        <VotesFields />
      </Form>
    </Modal>
  );
}

function ReleaseButton({ d }: { d: DecisionDetail }) {
  const { t } = useTranslation('decisions');
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const onError = useCampaignError();
  return (
    <Button
      type="primary"
      icon={<NotificationOutlined />}
      data-testid="decision-release"
      onClick={() =>
        modal.confirm({
          title: t('releaseTitle'),
          content: t('releaseText'),
          okText: t('releaseOk'),
          onOk: async () => {
            try {
              await releaseDecisionReq(d);
              await qc.invalidateQueries({ queryKey: [...DECISIONS] });
              message.success(t('releasedDone'));
            } catch (err) {
              onError(err, { reload: [[...DECISIONS]] });
            }
          },
        })
      }
    >
      {t('release')}
    </Button>
  );
}

function FrozenCard({ d }: { d: DecisionDetail }) {
  const { t } = useTranslation('decisions');
  const onError = useCampaignError();
  return (
    <Alert
      type="success"
      showIcon
      icon={<LockOutlined />}
      data-testid="decision-frozen"
      message={t('frozenBanner', { at: formatDateTime(d.confirmedAt), by: d.confirmedByName ?? '—' })}
      description={
        <Flex vertical gap={4}>
          <span>
            {t('digest')}：
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="decision-digest">
              {d.snapshotDigest}
            </Typography.Text>
          </span>
          {d.releasedAt ? <span>{t('released', { at: formatDateTime(d.releasedAt) })}</span> : null}
          <Flex gap={8} wrap>
            {(['pdf', 'xlsx'] as const).map((ext) => (
              <Button
                key={ext}
                icon={<DownloadOutlined />}
                data-testid={`decision-result-${ext}`}
                onClick={() =>
                  download(
                    `/api/decisions/${d.id}/result.${ext}`,
                    undefined,
                    `${t('resultFile')}.${ext}`,
                  ).catch(onError)
                }
              >
                {t(ext === 'pdf' ? 'resultPdf' : 'resultXlsx')}
              </Button>
            ))}
          </Flex>
        </Flex>
      }
    />
  );
}

function QuotaGauge({ g }: { g: Group }) {
  const { t } = useTranslation('decisions');
  const state = quotaState(g);
  return (
    <Flex align="center" gap={12} wrap data-testid="quota-gauge">
      <Typography.Text strong style={{ fontSize: 16 }} type={state === 'over' ? 'danger' : undefined}>
        {t('gauge', { selected: g.selectedCount, quota: g.quota })}
      </Typography.Text>
      <Progress
        percent={g.quota ? Math.min(100, Math.round((g.selectedCount / g.quota) * 100)) : 100}
        status={state === 'over' ? 'exception' : state === 'full' ? 'success' : 'normal'}
        showInfo={false}
        style={{ width: 120, margin: 0 }}
      />
      <Typography.Text type="secondary">{t('proposedCount', { n: g.proposedCount })}</Typography.Text>
      {state === 'over' ? <Tag color="red">{t('overQuota')}</Tag> : null}
    </Flex>
  );
}

function ProposalCell({ line }: { line: DecisionLineBody }) {
  const { t } = useTranslation('decisions');
  return (
    <Flex vertical gap={2}>
      <span>
        <Tag color={line.proposed ? 'blue' : 'default'}>
          {line.proposed ? t('proposed') : t('notProposed')}
        </Tag>
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`proposalReason.${line.proposalReason}`)}
      </Typography.Text>
    </Flex>
  );
}

function DecisionCell({ line }: { line: DecisionLineBody }) {
  const { t } = useTranslation('decisions');
  if (line.selected === null) return <Tag>{t('undecided')}</Tag>;
  return (
    <Flex gap={4} wrap>
      <Tag color={line.selected ? 'green' : 'default'} data-testid="line-decision">
        {line.selected ? t('selected') : t('notSelected')}
      </Tag>
      {line.selected !== line.proposed ? <Tag color="orange">{t('deviates')}</Tag> : null}
    </Flex>
  );
}

function votesText(t: (k: string, o?: object) => string, line: DecisionLineBody): string {
  return line.votes
    ? t('votesShort', { for: line.votes.for, against: line.votes.against, abstain: line.votes.abstain })
    : '—';
}

function GroupCard(props: {
  title: string;
  group: Group;
  editable: boolean;
  phone: boolean;
  onEdit: (line: DecisionLineBody) => void;
}) {
  const { title, group: g, editable, phone, onEdit } = props;
  const { t } = useTranslation('decisions');
  const tt = t as unknown as (k: string, o?: object) => string;
  const recordButton = (l: DecisionLineBody) =>
    editable ? (
      <Button size="small" onClick={() => onEdit(l)} data-testid={`line-record-${l.rank}`}>
        {t('record')}
      </Button>
    ) : null;
  const deviating = (l: DecisionLineBody) => l.selected !== null && l.selected !== l.proposed;

  if (phone)
    return (
      <Card size="small" title={title} data-testid="decision-group">
        <QuotaGauge g={g} />
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          {g.lines.map((l) => (
            <Card
              key={l.applicationId}
              size="small"
              style={deviating(l) ? { borderColor: '#fa8c16' } : undefined}
              data-testid="decision-line"
            >
              <Flex justify="space-between" align="start" gap={8}>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text strong>
                    {l.rank}. {l.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.unitName} · {l.finalScore?.toFixed(2) ?? '—'}
                  </Typography.Text>
                </Flex>
                {recordButton(l)}
              </Flex>
              <Flex gap={8} wrap style={{ marginTop: 6 }} align="center">
                <ProposalCell line={l} />
                <DecisionCell line={l} />
                <Typography.Text type="secondary">
                  {t('col.votes')}: {votesText(tt, l)}
                </Typography.Text>
              </Flex>
              {l.reason ? (
                <Typography.Paragraph style={{ margin: '6px 0 0' }}>{l.reason}</Typography.Paragraph>
              ) : null}
            </Card>
          ))}
        </Flex>
      </Card>
    );

  return (
    <Card
      title={title}
      extra={<QuotaGauge g={g} />}
      data-testid="decision-group"
      styles={{ body: { padding: 0 } }}
    >
      <Table<DecisionLineBody>
        rowKey="applicationId"
        size="middle"
        pagination={false}
        tableLayout="fixed"
        dataSource={g.lines}
        rowClassName={() => 'decision-line'}
        onRow={(l) =>
          ({
            'data-testid': 'decision-line',
            style: deviating(l) ? { background: '#fff7e6' } : undefined,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { key: 'rank', title: t('col.rank'), dataIndex: 'rank', width: 64, align: 'center' },
          {
            key: 'applicant',
            title: t('col.applicant'),
            render: (_, l) => (
              <Flex vertical>
                <Typography.Text strong>{l.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.organizationName} · {l.unitName}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'score',
            title: t('col.score'),
            width: 100,
            align: 'right',
            render: (_, l) => <Typography.Text strong>{l.finalScore?.toFixed(2) ?? '—'}</Typography.Text>,
          },
          {
            key: 'proposal',
            title: t('col.proposal'),
            width: 140,
            render: (_, l) => <ProposalCell line={l} />,
          },
          {
            key: 'decision',
            title: t('col.decision'),
            width: 150,
            render: (_, l) => <DecisionCell line={l} />,
          },
          { key: 'votes', title: t('col.votes'), width: 120, render: (_, l) => votesText(tt, l) },
          {
            key: 'reason',
            title: t('col.reason'),
            ellipsis: true,
            render: (_, l) => (
              <Typography.Text ellipsis={{ tooltip: l.reason }}>{l.reason ?? ''}</Typography.Text>
            ),
          },
          ...(editable
            ? [
                {
                  key: 'op',
                  title: '',
                  width: 80,
                  render: (_: unknown, l: DecisionLineBody) => recordButton(l),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

interface LineForm extends VotesForm {
  selected: boolean;
  reason: string;
}

/** Server field errors of a line edit (`reason`, `selected`, `votes`) on the form's fields. */
function showLineErrors(form: FormInstance<LineForm>, err: ApiError): boolean {
  const fields = err.details.flatMap((p) => {
    const name = p.field
      .replace(/^body\./, '')
      .split('.')
      .pop();
    if (name === 'reason' || name === 'selected') return [{ name, errors: [p.message] }];
    if (name === 'votes' || name === 'votesFor') return [{ name: 'for' as const, errors: [p.message] }];
    return [];
  });
  if (!fields.length) return false;
  form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return true;
}

function LineModal(props: {
  d: DecisionDetail;
  editing: { group: Group; line: DecisionLineBody } | null;
  onClose: () => void;
}) {
  const { d, editing, onClose } = props;
  const { t } = useTranslation('decisions');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useCampaignError();
  const [form] = Form.useForm<LineForm>();
  const [busy, setBusy] = useState(false);
  const selected = Form.useWatch('selected', form);
  const line = editing?.line;
  const need: ReasonNeed =
    editing && selected !== undefined ? reasonNeed(editing.group, editing.line, selected) : null;
  return (
    <Modal
      open={!!editing}
      title={line ? t('lineTitle', { title: line.title }) : ''}
      okText={t('record')}
      okButtonProps={{ loading: busy, 'data-testid': 'line-save' }}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      onOk={() => form.submit()}
    >
      {editing && line ? (
        <Form<LineForm>
          key={line.applicationId}
          form={form}
          layout="vertical"
          initialValues={{
            selected: line.selected ?? line.proposed,
            for: line.votes?.for ?? null,
            against: line.votes?.against ?? null,
            abstain: line.votes?.abstain ?? null,
            reason: line.reason ?? '',
          }}
          onFinish={async (v) => {
            setBusy(true);
            try {
              await patchDecisionLineReq(d.id, line.applicationId, {
                selected: v.selected,
                votesFor: v.for,
                votesAgainst: v.against,
                votesAbstain: v.abstain,
                reason: v.reason?.trim() || null,
                version: d.version,
              });
              await qc.invalidateQueries({ queryKey: [...DECISIONS] });
              message.success(t('lineSaved'));
              onClose();
            } catch (err) {
              if (!(err instanceof ApiError && showLineErrors(form, err)))
                onError(err, { reload: [[...DECISIONS]] });
            } finally {
              setBusy(false);
            }
          }}
        >
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <ProposalCell line={line} />
            <Typography.Text type="secondary">
              {t('col.score')}: {line.finalScore?.toFixed(2) ?? '—'}
            </Typography.Text>
          </Flex>
          <Form.Item name="selected" label={t('selectedField')} valuePropName="checked">
            <Switch
              checkedChildren={t('selected')}
              unCheckedChildren={t('notSelected')}
              data-testid="line-selected"
            />
          </Form.Item>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('gauge', {
              selected: selectedAfter(editing.group, line.applicationId, !!selected),
              quota: editing.group.quota,
            })}
          </Typography.Text>
          <VotesFields />
          {need ? (
            <Alert
              type="warning"
              showIcon
              message={t(`reasonNeed.${need}`)}
              style={{ marginBottom: 12 }}
              data-testid="reason-need"
            />
          ) : null}
          <Form.Item
            name="reason"
            label={t('reasonField')}
            rules={need ? [{ required: true, whitespace: true, message: t('reasonRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="line-reason" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
