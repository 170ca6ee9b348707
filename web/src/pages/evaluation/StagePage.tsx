import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Grid,
  Input,
  InputNumber,
  Progress,
  Result,
  Select,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { BellOutlined, DeleteOutlined, ThunderboltOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  addPanelReq,
  autoAssignReq,
  drawPanelReq,
  overrideConflictReq,
  removeAssignmentReq,
  removePanelReq,
  STAGE_WORK,
  useAssignments,
  useConflicts,
  usePanel,
  type AutoAssignResult,
  type PanelDrawResult,
} from '../../api/assignments';
import { useCampaign } from '../../api/campaigns';
import { useReviewers } from '../../api/reviewers';
import { remindStageReq, useStage } from '../../api/stages';
import { useAction } from '../../lib/useAction';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { entryText, stageName } from './StagesPanel';
import { percent } from './stage-model';
import { StatisticsTab } from './StatisticsTab';
import { MethodTag, StageStatusTag } from './tags';
import { BackLink } from '../../components/BackLink';

const spreadOf = (loads: readonly { load: number }[]) =>
  loads.length ? Math.max(...loads.map((l) => l.load)) - Math.min(...loads.map((l) => l.load)) : 0;

/** One stage's work: its panel of experts, the assignment board, conflicts of interest and progress. */
export default function StagePage() {
  const { campaignId, stageId } = useParams();
  const { t } = useTranslation('evaluation');
  const phone = !Grid.useBreakpoint().md;
  const campaign = useCampaign(campaignId);
  const { data: s, isPending } = useStage(campaignId, stageId);
  const [tab, setTab] = useState('panel');

  if (isPending || campaign.isPending) return <Skeleton active />;
  if (!s || !campaign.data) return <Result status="404" title={t('work.notFound')} />;

  return (
    <Flex vertical gap={12}>
      <BackLink to={`/campaigns/${campaignId}?tab=stages`}>{campaign.data.name}</BackLink>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="stage-title">
              {s.position}. {stageName(s)}
            </span>
            <StageStatusTag status={s.status} />
          </Flex>
        }
        extra={
          s.method === 'presentation' ? (
            <Link to={`/campaigns/${campaignId}/stages/${s.id}/sessions`} data-testid="stage-sessions">
              <Button type="primary">{t('live.sessions')}</Button>
            </Link>
          ) : null
        }
      />
      <Card size="small">
        <Descriptions
          size="small"
          column={phone ? 1 : 3}
          items={[
            { key: 'method', label: t('stage.method'), children: <MethodTag method={s.method} /> },
            {
              key: 'window',
              label: t('stage.window'),
              children: `${formatDateTime(s.opensAt)} – ${formatDateTime(s.closesAt)}`,
            },
            { key: 'weight', label: t('stage.weight'), children: percent(s.weight) },
            { key: 'entry', label: t('stage.entry'), children: entryText(t, s) },
            { key: 'min', label: t('stage.minReviews'), children: s.minReviews },
            {
              key: 'entrants',
              label: t('work.entrants'),
              children: s.status === 'draft' ? t('work.entrantsAtOpen') : s.entrants,
            },
          ]}
        />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'panel', label: t('work.tab.panel'), children: <PanelTab stageId={s.id} phone={phone} /> },
          {
            key: 'assignments',
            label: <span data-testid="tab-assignments">{t('work.tab.assignments')}</span>,
            children: (
              <AssignmentsTab
                stageId={s.id}
                minReviews={s.minReviews}
                opened={s.status !== 'draft'}
                phone={phone}
              />
            ),
          },
          { key: 'conflicts', label: t('work.tab.conflicts'), children: <ConflictsTab stageId={s.id} /> },
          {
            key: 'progress',
            label: <span data-testid="tab-progress">{t('work.tab.progress')}</span>,
            children: <ProgressTab stageId={s.id} open={s.status === 'open'} phone={phone} />,
          },
          {
            key: 'statistics',
            label: <span data-testid="tab-statistics">{t('work.tab.statistics')}</span>,
            children: <StatisticsTab stageId={s.id} spreadThreshold={s.spreadThreshold} />,
          },
        ]}
      />
    </Flex>
  );
}

function PanelTab({ stageId, phone }: { stageId: string; phone: boolean }) {
  const { t } = useTranslation('evaluation');
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const panel = usePanel(stageId);
  const pool = useReviewers({ available: 'true', pageSize: 100 });
  const [pick, setPick] = useState<string | null>(null);
  const [count, setCount] = useState<number>(5);
  const [tags, setTags] = useState<string[]>([]);
  const [preview, setPreview] = useState<PanelDrawResult | null>(null);
  const reload = () => qc.invalidateQueries({ queryKey: STAGE_WORK });
  const members = panel.data?.items ?? [];
  const onPanel = new Set(members.map((m) => m.reviewerId));

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (e) {
      onError(e, { reload: [STAGE_WORK] });
    } finally {
      await reload();
    }
  };

  const doPreview = async () => {
    try {
      setPreview(await drawPanelReq(stageId, { count, tags: tags.length ? tags : undefined, preview: true }));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('work.draw.title')}>
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('work.draw.help')}</Typography.Text>
          <Flex gap={8} wrap align="center">
            <span>{t('work.draw.count')}</span>
            <InputNumber
              min={1}
              max={500}
              value={count}
              onChange={(v) => setCount(v ?? 1)}
              data-testid="draw-count"
            />
            <Select
              mode="tags"
              value={tags}
              onChange={setTags}
              placeholder={t('work.draw.tags')}
              open={false}
              suffixIcon={null}
              style={{ minWidth: 200, flex: phone ? '1 1 100%' : undefined }}
            />
            <Button
              icon={<ThunderboltOutlined />}
              onClick={() => void doPreview()}
              data-testid="draw-preview"
            >
              {t('work.draw.preview')}
            </Button>
          </Flex>
          {preview ? (
            <Alert
              type="info"
              data-testid="draw-result"
              title={t('work.draw.previewed', {
                n: preview.reviewers.length,
                candidates: preview.candidates,
                seed: preview.seed,
              })}
              description={
                <Flex vertical gap={8}>
                  <Flex gap={4} wrap>
                    {preview.reviewers.map((r) => (
                      <Tag key={r.id}>
                        {r.displayName}
                        {r.affiliation ? ` · ${r.affiliation}` : ''}
                      </Tag>
                    ))}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('work.draw.algorithm', { algorithm: preview.algorithm })}
                  </Typography.Text>
                  <Flex gap={8}>
                    <Button
                      type="primary"
                      data-testid="draw-commit"
                      onClick={() =>
                        modal.confirm({
                          title: t('work.draw.commitTitle'),
                          content: t('work.draw.commitText', {
                            n: preview.reviewers.length,
                            seed: preview.seed,
                          }),
                          okText: t('work.draw.commit'),
                          cancelText: t('common.cancel'),
                          onOk: () =>
                            run(
                              () =>
                                drawPanelReq(stageId, {
                                  count,
                                  seed: preview.seed,
                                  tags: tags.length ? tags : undefined,
                                  preview: false,
                                }).then(() => setPreview(null)),
                              t('work.draw.committed', { seed: preview.seed }),
                            ),
                        })
                      }
                    >
                      {t('work.draw.commit')}
                    </Button>
                    <Button onClick={() => setPreview(null)}>{t('common.cancel')}</Button>
                  </Flex>
                </Flex>
              }
            />
          ) : null}
        </Flex>
      </Card>
      <Card
        size="small"
        title={t('work.panelN', { n: members.length })}
        extra={
          <Flex gap={8} wrap>
            <Select
              showSearch
              allowClear
              value={pick}
              onChange={setPick}
              placeholder={t('work.addByHand')}
              optionFilterProp="label"
              style={{ width: phone ? 180 : 260 }}
              options={(pool.data?.items ?? [])
                .filter((r) => !onPanel.has(r.id))
                .map((r) => ({ value: r.id, label: r.displayName }))}
            />
            <Button
              icon={<UserAddOutlined />}
              disabled={!pick}
              onClick={() =>
                pick && void run(() => addPanelReq(stageId, pick), t('work.added')).then(() => setPick(null))
              }
            >
              {t('work.add')}
            </Button>
          </Flex>
        }
      >
        <Table
          rowKey="reviewerId"
          size="small"
          pagination={false}
          loading={panel.isFetching}
          dataSource={members}
          data-testid="panel-table"
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.noPanel')} />,
          }}
          columns={[
            { key: 'name', title: t('pool.name'), dataIndex: 'displayName' },
            ...(phone
              ? []
              : [
                  {
                    key: 'aff',
                    title: t('pool.affiliation'),
                    render: (_: unknown, m: (typeof members)[number]) => m.affiliation ?? '—',
                  },
                  {
                    key: 'how',
                    title: t('work.how'),
                    render: (_: unknown, m: (typeof members)[number]) =>
                      m.drawId ? <Tag color="blue">{t('work.drawn')}</Tag> : <Tag>{t('work.byHand')}</Tag>,
                  },
                ]),
            { key: 'load', title: t('work.load'), dataIndex: 'load', width: 70, align: 'right' as const },
            {
              key: 'act',
              title: t('common.actions'),
              width: 80,
              render: (_: unknown, m: (typeof members)[number]) => (
                <Button
                  size="small"
                  danger
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('work.remove')}
                  disabled={m.load > 0}
                  onClick={() =>
                    modal.confirm({
                      title: t('work.removeTitle', { name: m.displayName }),
                      content: t('work.removeText'),
                      okText: t('work.remove'),
                      okButtonProps: { danger: true },
                      cancelText: t('common.cancel'),
                      onOk: () => run(() => removePanelReq(stageId, m.reviewerId), t('work.removed')),
                    })
                  }
                />
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

function AssignmentsTab({
  stageId,
  minReviews,
  opened,
  phone,
}: {
  stageId: string;
  minReviews: number;
  opened: boolean;
  phone: boolean;
}) {
  const { t } = useTranslation('evaluation');
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const list = useAssignments(stageId);
  const [k, setK] = useState(minReviews);
  const [preview, setPreview] = useState<AutoAssignResult | null>(null);
  const reload = () => qc.invalidateQueries({ queryKey: STAGE_WORK });
  const items = list.data?.items ?? [];

  const doPreview = async () => {
    try {
      setPreview(await autoAssignReq(stageId, { perApplication: k, preview: true }));
    } catch (e) {
      onError(e);
    }
  };
  const commit = (p: AutoAssignResult) =>
    modal.confirm({
      title: t('work.auto.commitTitle'),
      content: t('work.auto.commitText', { n: p.assignments.length, seed: p.seed }),
      okText: t('work.auto.commit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await autoAssignReq(stageId, { perApplication: k, seed: p.seed, preview: false });
          setPreview(null);
          message.success(t('work.auto.committed', { n: r.assignments.length, seed: r.seed }));
        } catch (e) {
          onError(e, { reload: [STAGE_WORK] });
        } finally {
          await reload();
        }
      },
    });

  // The board: one row per application, its reviewers as tags (conflicted ones marked).
  const byApp = new Map<string, { applicationId: string; organizationName: string; rows: typeof items }>();
  for (const a of items) {
    const row = byApp.get(a.applicationId) ?? {
      applicationId: a.applicationId,
      organizationName: a.organizationName,
      rows: [],
    };
    row.rows.push(a);
    byApp.set(a.applicationId, row);
  }
  const board = [...byApp.values()].sort((a, b) =>
    a.organizationName.localeCompare(b.organizationName, 'zh-CN'),
  );
  const short = list.data?.short ?? [];

  return (
    <Flex vertical gap={12}>
      {!opened ? <Alert type="info" showIcon title={t('work.auto.needsOpen')} /> : null}
      <Card size="small" title={t('work.auto.title')}>
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('work.auto.help')}</Typography.Text>
          <Flex gap={8} wrap align="center">
            <span>{t('work.auto.k')}</span>
            <InputNumber min={1} max={50} value={k} onChange={(v) => setK(v ?? 1)} data-testid="auto-k" />
            <Button
              icon={<ThunderboltOutlined />}
              disabled={!opened}
              onClick={() => void doPreview()}
              data-testid="auto-preview"
            >
              {t('work.auto.preview')}
            </Button>
          </Flex>
          {preview ? (
            <Alert
              type={preview.shortfalls.length ? 'warning' : 'success'}
              data-testid="auto-result"
              title={t('work.auto.previewed', {
                n: preview.assignments.length,
                seed: preview.seed,
                spread: spreadOf(preview.loads),
              })}
              description={
                <Flex vertical gap={8}>
                  <Flex gap={4} wrap data-testid="auto-loads">
                    {preview.loads.map((l) => (
                      <Tag key={l.reviewerId}>
                        {l.reviewerName} {l.load}
                      </Tag>
                    ))}
                  </Flex>
                  {preview.shortfalls.length ? (
                    <Typography.Text type="warning">
                      {t('work.auto.shortfalls', { n: preview.shortfalls.length })}
                    </Typography.Text>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('work.draw.algorithm', { algorithm: preview.algorithm })}
                  </Typography.Text>
                  <Flex gap={8}>
                    <Button type="primary" onClick={() => commit(preview)} data-testid="auto-commit">
                      {t('work.auto.commit')}
                    </Button>
                    <Button onClick={() => setPreview(null)}>{t('common.cancel')}</Button>
                  </Flex>
                </Flex>
              }
            />
          ) : null}
        </Flex>
      </Card>
      {short.length && items.length ? (
        <Alert type="warning" showIcon title={t('work.short', { n: short.length, min: minReviews })} />
      ) : null}
      <Card size="small" title={t('work.boardN', { n: board.length, total: items.length })}>
        <Table
          rowKey="applicationId"
          size="small"
          loading={list.isFetching}
          dataSource={board}
          data-testid="assignment-board"
          pagination={{ pageSize: 20, size: phone ? 'small' : undefined }}
          columns={[
            { key: 'org', title: t('work.application'), dataIndex: 'organizationName' },
            {
              key: 'reviewers',
              title: t('work.reviewers'),
              render: (_: unknown, r: (typeof board)[number]) => (
                <Flex gap={4} wrap>
                  {r.rows.map((a) => (
                    <Tag
                      key={a.id}
                      color={a.conflicted ? 'error' : a.reviewStatus === 'locked' ? 'success' : undefined}
                      closable={a.reviewStatus === 'pending'}
                      onClose={(e) => {
                        e.preventDefault();
                        modal.confirm({
                          title: t('work.unassignTitle', { name: a.reviewerName, org: a.organizationName }),
                          content: t('work.unassignText'),
                          okText: t('work.remove'),
                          okButtonProps: { danger: true },
                          cancelText: t('common.cancel'),
                          onOk: async () => {
                            try {
                              await removeAssignmentReq(a.id);
                              message.success(t('work.removed'));
                            } catch (err) {
                              onError(err, { reload: [STAGE_WORK] });
                            } finally {
                              await reload();
                            }
                          },
                        });
                      }}
                    >
                      {a.reviewerName}
                      {a.conflicted ? ` · ${t('work.conflicted')}` : ''}
                      {a.reviewStatus !== 'pending' ? ` · ${t(`reviewStatus.${a.reviewStatus}`)}` : ''}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

function ConflictsTab({ stageId }: { stageId: string }) {
  const { t } = useTranslation('evaluation');
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const list = useConflicts(stageId);
  const items = list.data?.items ?? [];

  const override = (c: (typeof items)[number]) => {
    let reason = '';
    modal.confirm({
      title: t('work.override.title', { name: c.reviewerName, org: c.organizationName }),
      width: 520,
      content: (
        <Flex vertical gap={8}>
          <Typography.Text>{t('work.override.text')}</Typography.Text>
          <Input.TextArea rows={3} maxLength={500} showCount onChange={(e) => (reason = e.target.value)} />
        </Flex>
      ),
      okText: t('work.override.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (!reason.trim()) {
          message.warning(t('move.reopen.reasonRequired'));
          throw new Error('reason required');
        }
        try {
          await overrideConflictReq(c.reviewerId, c.applicationId, reason.trim());
          message.success(t('work.override.done'));
        } catch (e) {
          onError(e, { reload: [STAGE_WORK] });
        } finally {
          await qc.invalidateQueries({ queryKey: STAGE_WORK });
        }
      },
    });
  };

  return (
    <Card size="small">
      <Table
        rowKey={(c) => `${c.reviewerId}|${c.applicationId}`}
        size="small"
        loading={list.isFetching}
        dataSource={items}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.noConflicts')} />,
        }}
        columns={[
          { key: 'r', title: t('work.reviewer'), dataIndex: 'reviewerName' },
          { key: 'a', title: t('work.application'), dataIndex: 'organizationName' },
          {
            key: 's',
            title: t('work.source'),
            render: (_: unknown, c: (typeof items)[number]) => (
              <Flex gap={4} wrap>
                {c.sources.map((x) => (
                  <Tag key={x} color={x === 'declared' ? 'orange' : 'red'}>
                    {t(`conflictSource.${x}`)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            key: 'st',
            title: t('work.state'),
            render: (_: unknown, c: (typeof items)[number]) =>
              c.override ? (
                <Flex vertical>
                  <Tag color="gold">{t('work.overridden')}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.override.reason}（{c.override.byName ?? '—'}，{formatDateTime(c.override.at)}）
                  </Typography.Text>
                </Flex>
              ) : c.declared ? (
                <Flex vertical>
                  <Tag color="orange">{t('work.declaredTag')}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.declared.reason}
                  </Typography.Text>
                </Flex>
              ) : (
                <Tag color="red">{t('work.blocked')}</Tag>
              ),
          },
          {
            key: 'act',
            title: t('common.actions'),
            render: (_: unknown, c: (typeof items)[number]) =>
              c.conflicted && !c.declared && !c.override ? (
                <Button size="small" onClick={() => override(c)}>
                  {t('work.override.ok')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** 催办: asks first, saying who will be reminded of how many reviews; only while the stage is open. */
function RemindButton({ stageId, experts, reviews }: { stageId: string; experts: number; reviews: number }) {
  const { t } = useTranslation('evaluation');
  const { modal } = App.useApp();
  const remind = useAction(() => remindStageReq(stageId), {
    success: (r) => t('work.progress.reminded', { n: r.reviewers, reviews: r.reviews }),
  });
  return (
    <Button
      icon={<BellOutlined />}
      data-testid="remind-experts"
      disabled={experts === 0}
      loading={remind.busy}
      onClick={() =>
        modal.confirm({
          title: t('work.progress.remindTitle'),
          content: t('work.progress.remindText', { n: experts, reviews }),
          okText: t('work.progress.remindOk'),
          cancelText: t('common.cancel'),
          onOk: () => remind.run(),
        })
      }
    >
      {t('work.progress.remind', { n: experts })}
    </Button>
  );
}

function ProgressTab({ stageId, open, phone }: { stageId: string; open: boolean; phone: boolean }) {
  const { t } = useTranslation('evaluation');
  const list = useAssignments(stageId);
  const items = list.data?.items ?? [];
  const per = new Map<
    string,
    { reviewerId: string; name: string; assigned: number; locked: number; draft: number }
  >();
  for (const a of items) {
    const p = per.get(a.reviewerId) ?? {
      reviewerId: a.reviewerId,
      name: a.reviewerName,
      assigned: 0,
      locked: 0,
      draft: 0,
    };
    p.assigned += 1;
    if (a.reviewStatus === 'locked') p.locked += 1;
    if (a.reviewStatus === 'draft') p.draft += 1;
    per.set(a.reviewerId, p);
  }
  const rows = [...per.values()].sort((a, b) => a.locked / a.assigned - b.locked / b.assigned);
  const locked = items.filter((a) => a.reviewStatus === 'locked').length;
  const waiting = rows.filter((r) => r.locked < r.assigned);

  return (
    <Flex vertical gap={12} data-testid="progress">
      <Card size="small">
        <Flex gap={16} align="center" wrap>
          <Progress
            type="circle"
            size={phone ? 72 : 88}
            percent={items.length ? Math.round((locked / items.length) * 100) : 0}
          />
          <Flex vertical>
            <Typography.Text strong data-testid="progress-counts">
              {t('work.progress.counts', { locked, assigned: items.length })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('work.progress.waiting', { n: waiting.length })}
            </Typography.Text>
          </Flex>
          {open ? (
            <RemindButton
              stageId={stageId}
              experts={waiting.length}
              reviews={waiting.reduce((n, r) => n + r.assigned - r.locked, 0)}
            />
          ) : null}
        </Flex>
      </Card>
      {phone ? (
        <Flex vertical gap={8}>
          {rows.map((r) => (
            <Card key={r.reviewerId} size="small">
              <Flex justify="space-between" align="center">
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text>
                  {r.locked}/{r.assigned}
                </Typography.Text>
              </Flex>
              <Progress percent={Math.round((r.locked / r.assigned) * 100)} size="small" />
            </Card>
          ))}
          {rows.length === 0 ? <Empty description={t('work.progress.none')} /> : null}
        </Flex>
      ) : (
        <Table
          rowKey="reviewerId"
          size="small"
          loading={list.isFetching}
          dataSource={rows}
          pagination={false}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.progress.none')} />,
          }}
          columns={[
            { key: 'n', title: t('work.reviewer'), dataIndex: 'name' },
            { key: 'a', title: t('work.progress.assigned'), dataIndex: 'assigned', align: 'right' as const },
            { key: 'd', title: t('work.progress.draft'), dataIndex: 'draft', align: 'right' as const },
            { key: 'l', title: t('work.progress.locked'), dataIndex: 'locked', align: 'right' as const },
            {
              key: 'p',
              title: t('work.progress.done'),
              render: (_: unknown, r: (typeof rows)[number]) => (
                <Progress percent={Math.round((r.locked / r.assigned) * 100)} size="small" />
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
