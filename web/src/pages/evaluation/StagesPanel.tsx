import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Dropdown,
  Empty,
  Flex,
  Input,
  Modal,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckCircleFilled,
  DeleteOutlined,
  EditOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  RedoOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CampaignDetail } from '../../../../shared/src/contracts/campaigns';
import type { StageDetail } from '../../../../shared/src/contracts/stages';
import { STAGE_TEMPLATES, type StageTemplate } from '../../../../shared/src/domain/stages';
import {
  applyTemplateReq,
  deleteStageReq,
  moveStageReq,
  reorderStagesReq,
  STAGES,
  useStages,
  type StageMove,
} from '../../api/stages';
import { evaluationOver } from '../../../../shared/src/domain/campaign-rules';
import { ApiError } from '../../api/client';
import { CAMPAIGNS } from '../../api/campaigns';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { moved, percent, stageActions, weightSums, type StageAction } from './stage-model';
import { StageEditDrawer } from './StageEditDrawer';
import { StageStatusTag, MethodTag } from './tags';
import { useStageError } from './useStageError';

export const stageName = (s: Pick<StageDetail, 'nameZh' | 'nameEn'>) =>
  currentLanguage() === 'zh-CN' ? s.nameZh : s.nameEn;

/** `前 10 名` / `前 30%` / `全部已受理` — the entry rule in words. */
export function entryText(
  t: TFunction<'evaluation'>,
  s: Pick<StageDetail, 'entry' | 'entryN' | 'entryShare'>,
) {
  if (s.entry === 'top_n') return t('entryShort.top_n', { n: s.entryN ?? '?' });
  if (s.entry === 'top_share') return t('entryShort.top_share', { share: percent(s.entryShare ?? 0) });
  return t(`entryShort.${s.entry}`);
}

/**
 * The campaign's 评审环节 tab: the ordered stages with method, window, weight, entry rule and status; the
 * weights per track; one-click templates; create, edit, reorder, delete, open, close and reopen — each
 * confirmation says what will happen.
 */
export function StagesPanel({ campaign: c, phone }: { campaign: CampaignDetail; phone: boolean }) {
  const { t } = useTranslation('evaluation');
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const onError = useStageError();
  const qc = useQueryClient();
  const { data, isPending } = useStages(c.id);
  const [editing, setEditing] = useState<StageDetail | 'new' | null>(null);
  const over = evaluationOver(c.status);
  const zh = currentLanguage() === 'zh-CN';
  const stages = [...(data?.items ?? [])].sort((a, b) => a.position - b.position);
  const reload = async () => {
    await qc.invalidateQueries({ queryKey: STAGES });
    await qc.invalidateQueries({ queryKey: CAMPAIGNS });
  };
  const trackLabel = (code: string) => {
    const tr = c.tracks.find((x) => x.track === code);
    return tr ? (zh ? tr.nameZh : tr.nameEn) : code;
  };

  const applyTemplate = (template: StageTemplate) => {
    const steps = STAGE_TEMPLATES[template];
    modal.confirm({
      title: t(`template.${template}.title`),
      width: 560,
      content: (
        <Flex vertical gap={8} data-testid="template-confirm">
          <Typography.Text>{t(`template.${template}.intro`, { n: steps.length })}</Typography.Text>
          <ol style={{ margin: 0, paddingInlineStart: 22 }}>
            {steps.map((s) => (
              <li key={s.nameZh}>
                <Typography.Text strong>{zh ? s.nameZh : s.nameEn}</Typography.Text>
                {' · '}
                {t(`method.${s.method}`)} · {t('stage.weightIs', { w: percent(s.weight) })} ·{' '}
                {t(`entryShort.${s.entry}`)} · {t('stage.minReviewsIs', { n: s.minReviews })}
              </li>
            ))}
          </ol>
          <Typography.Text type="secondary">
            {t(`template.${template}.window`, {
              from: formatDateTime(c.timeline.reviewStartsAt),
              to: formatDateTime(c.timeline.reviewEndsAt),
            })}
          </Typography.Text>
        </Flex>
      ),
      okText: t('template.apply'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await applyTemplateReq(c.id, template);
          message.success(t('template.applied', { n: steps.length }));
        } catch (e) {
          onError(e, { reload: [STAGES] });
        } finally {
          await reload();
        }
      },
    });
  };

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (e) {
      onError(e, { reload: [STAGES] });
    } finally {
      await reload();
    }
  };

  const move = (s: StageDetail, m: Exclude<StageMove, 'reopen'>) =>
    modal.confirm({
      title: t(`move.${m}.title`, { name: stageName(s) }),
      content: (
        <Typography.Paragraph style={{ margin: 0 }} data-testid={`move-${m}-text`}>
          {t(`move.${m}.text`, {
            entry: entryText(t, s),
            from: formatDateTime(s.opensAt),
            to: formatDateTime(s.closesAt),
          })}
          {m === 'open' && stages.every((x) => x.status === 'draft') ? ` ${t('move.open.firstWeights')}` : ''}
        </Typography.Paragraph>
      ),
      okText: t(`move.${m}.ok`),
      okButtonProps: { danger: m === 'close' },
      cancelText: t('common.cancel'),
      onOk: () =>
        m === 'close' ? close(s) : run(() => moveStageReq(s, m), t(`move.${m}.done`, { name: stageName(s) })),
    });

  /** Close; when reviews are missing (409 STAGE_INCOMPLETE) say how many, and close only with a reason. */
  const close = async (s: StageDetail) => {
    try {
      await moveStageReq(s, 'close');
      message.success(t('move.close.done', { name: stageName(s) }));
      await reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'STAGE_INCOMPLETE') closeWithReason(s, e);
      else {
        onError(e, { reload: [STAGES] });
        await reload();
      }
    }
  };

  /** A confirmation that moves the stage (close, reopen) only with a written reason, which is audited. */
  const withReason = (
    s: StageDetail,
    m: 'close' | 'reopen',
    d: { title: string; body: ReactNode; placeholder: string; ok: string; testId: string; danger?: boolean },
  ) => {
    let reason = '';
    modal.confirm({
      title: d.title,
      width: 560,
      content: (
        <Flex vertical gap={8} data-testid={`${d.testId}-dialog`}>
          {d.body}
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={d.placeholder}
            onChange={(ev) => (reason = ev.target.value)}
            data-testid={d.testId}
          />
        </Flex>
      ),
      okText: d.ok,
      okButtonProps: { danger: d.danger },
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (!reason.trim()) {
          message.warning(t('move.reopen.reasonRequired'));
          throw new Error('reason required');
        }
        await run(() => moveStageReq(s, m, reason.trim()), t(`move.${m}.done`, { name: stageName(s) }));
      },
    });
  };

  const closeWithReason = (s: StageDetail, e: ApiError) => {
    const below = e.details.filter((d) => d.code === 'below_min_reviews').length;
    const unlocked = e.details.filter((d) => d.code === 'not_locked').length;
    withReason(s, 'close', {
      title: t('move.close.incomplete.title', { name: stageName(s) }),
      body: (
        <>
          <Typography.Text data-testid="close-incomplete">
            {t('move.close.incomplete.text', { below, unlocked, min: s.minReviews })}
          </Typography.Text>
          {/* The dialog renders outside the router: it navigates through the panel's own hook. */}
          <Typography.Link
            onClick={() => {
              Modal.destroyAll();
              void navigate(`/campaigns/${s.campaignId}/stages/${s.id}`);
            }}
          >
            {t('move.close.incomplete.progress')}
          </Typography.Link>
        </>
      ),
      placeholder: t('move.close.incomplete.reason'),
      ok: t('move.close.incomplete.ok'),
      testId: 'close-reason',
      danger: true,
    });
  };

  const reopen = (s: StageDetail) =>
    withReason(s, 'reopen', {
      title: t('move.reopen.title', { name: stageName(s) }),
      body: <Typography.Text>{t('move.reopen.text')}</Typography.Text>,
      placeholder: t('move.reopen.reason'),
      ok: t('move.reopen.ok'),
      testId: 'reopen-reason',
    });

  const remove = (s: StageDetail) =>
    modal.confirm({
      title: t('delete.title', { name: stageName(s) }),
      content: t('delete.text'),
      okText: t('delete.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => run(() => deleteStageReq(s.id), t('delete.done')),
    });

  const reorder = (s: StageDetail, dir: 'up' | 'down') =>
    run(() => reorderStagesReq(c.id, moved(stages, s.id, dir)), t('reordered'));

  const actionButtons = (s: StageDetail): ReactNode[] => {
    const acts = over ? [] : stageActions(s, stages);
    const has = (a: StageAction) => acts.includes(a);
    const b: ReactNode[] = [];
    b.push(
      <Link key="detail" to={`/campaigns/${c.id}/stages/${s.id}`} data-testid={`stage-detail-${s.position}`}>
        <Button size="small" icon={<TeamOutlined />}>
          {t('stage.manage')}
        </Button>
      </Link>,
    );
    if (has('edit') || has('rename'))
      b.push(
        <Button key="edit" size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
          {has('edit') ? t('common.edit') : t('stage.rename')}
        </Button>,
      );
    if (has('open'))
      b.push(
        <Button
          key="open"
          size="small"
          type="primary"
          ghost
          icon={<PlayCircleOutlined />}
          disabled={c.status !== 'reviewing'}
          title={c.status !== 'reviewing' ? t('stage.openNeedsReviewing') : undefined}
          onClick={() => move(s, 'open')}
          data-testid={`stage-open-${s.position}`}
        >
          {t('move.open.ok')}
        </Button>,
      );
    if (has('close'))
      b.push(
        <Button
          key="close"
          size="small"
          danger
          icon={<PauseCircleOutlined />}
          onClick={() => move(s, 'close')}
          data-testid={`stage-close-${s.position}`}
        >
          {t('move.close.ok')}
        </Button>,
      );
    if (has('reopen'))
      b.push(
        <Button key="reopen" size="small" icon={<RedoOutlined />} onClick={() => reopen(s)}>
          {t('move.reopen.ok')}
        </Button>,
      );
    if (has('up'))
      b.push(
        <Tooltip key="up" title={t('moveUp')}>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={t('moveUp')}
            onClick={() => void reorder(s, 'up')}
          />
        </Tooltip>,
      );
    if (has('down'))
      b.push(
        <Tooltip key="down" title={t('moveDown')}>
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={t('moveDown')}
            onClick={() => void reorder(s, 'down')}
          />
        </Tooltip>,
      );
    if (has('delete'))
      b.push(
        <Tooltip key="delete" title={t('delete.ok')}>
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('delete.ok')}
            onClick={() => remove(s)}
            data-testid={`stage-delete-${s.position}`}
          />
        </Tooltip>,
      );
    return b;
  };

  const sums = weightSums(
    stages,
    c.tracks.map((x) => x.track),
  );

  const toolbar = (
    <Flex gap={8} wrap>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setEditing('new')}
        data-testid="stage-new"
      >
        {t('stage.new')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'seed',
              label: t('template.seed.menu'),
              disabled: stages.length > 0,
              'data-testid': 'template-seed',
            } as never,
            { key: 'gate', label: t('template.gate.menu'), 'data-testid': 'template-gate' } as never,
          ],
          onClick: ({ key }) => applyTemplate(key as StageTemplate),
        }}
      >
        <Button icon={<ThunderboltOutlined />} data-testid="stage-template">
          {t('template.button')}
        </Button>
      </Dropdown>
    </Flex>
  );

  if (isPending) return <Skeleton active />;

  return (
    <Flex vertical gap={12} data-testid="stages-panel">
      {c.status === 'draft' || c.status === 'open' ? (
        <Alert type="info" showIcon title={t('stagesBeforeReview')} />
      ) : null}
      {over ? <Alert type="info" showIcon title={t('stagesOver')} data-testid="stages-over" /> : null}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex gap={8} wrap align="center" data-testid="weight-sums">
          <Typography.Text type="secondary">{t('weightSums')}</Typography.Text>
          {sums.map((w) => (
            <Tag
              key={w.track}
              color={w.ok ? 'success' : 'warning'}
              icon={w.ok ? <CheckCircleFilled /> : <WarningFilled />}
              data-testid={`weight-${w.track}`}
            >
              {trackLabel(w.track)} {percent(w.sum)}
            </Tag>
          ))}
        </Flex>
        {over ? null : toolbar}
      </Flex>
      {!over && sums.some((w) => !w.ok) && stages.length ? (
        <Typography.Text type="warning">{t('weightsMustSum')}</Typography.Text>
      ) : null}
      {stages.length === 0 ? (
        <Card>
          {over ? (
            <Empty description={t('noStagesRecorded')} />
          ) : (
            <Empty description={t('noStages')}>
              <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => applyTemplate('seed')}>
                {t('template.seed.menu')}
              </Button>
            </Empty>
          )}
        </Card>
      ) : phone ? (
        <Flex vertical gap={8} data-testid="stage-cards">
          {stages.map((s) => (
            <Card key={s.id} size="small" data-testid={`stage-row-${s.position}`}>
              <Flex vertical gap={6}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Typography.Text strong>
                    {s.position}. {stageName(s)}
                  </Typography.Text>
                  <StageStatusTag status={s.status} />
                </Flex>
                <Flex gap={6} wrap>
                  <MethodTag method={s.method} />
                  <Tag>{t('stage.weightIs', { w: percent(s.weight) })}</Tag>
                  <Tag>{entryText(t, s)}</Tag>
                </Flex>
                <Typography.Text type="secondary">
                  {formatDateTime(s.opensAt)} – {formatDateTime(s.closesAt)}
                </Typography.Text>
                {s.status !== 'draft' ? (
                  <Typography.Text type="secondary">
                    {t('stage.entrantsN', { n: s.entrants })}
                  </Typography.Text>
                ) : null}
                <Flex gap={6} wrap>
                  {actionButtons(s)}
                </Flex>
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<StageDetail>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={stages}
          onRow={(s) => ({ 'data-testid': `stage-row-${s.position}` }) as never}
          scroll={{ x: 1240 }}
          columns={[
            { key: 'pos', title: t('stage.position'), width: 56, render: (_, s) => s.position },
            {
              key: 'name',
              title: t('stage.name'),
              render: (_, s) => (
                <Flex vertical gap={2}>
                  <Link to={`/campaigns/${c.id}/stages/${s.id}`}>{stageName(s)}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.tracks.length ? s.tracks.map(trackLabel).join('、') : t('stage.allTracks')}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'method',
              title: t('stage.method'),
              width: 110,
              render: (_, s) => <MethodTag method={s.method} />,
            },
            {
              key: 'window',
              title: t('stage.window'),
              width: 190,
              render: (_, s) => (
                <Flex vertical>
                  <span>{formatDateTime(s.opensAt)}</span>
                  <span>{formatDateTime(s.closesAt)}</span>
                </Flex>
              ),
            },
            {
              key: 'weight',
              title: t('stage.weight'),
              width: 72,
              align: 'right',
              render: (_, s) => percent(s.weight),
            },
            { key: 'entry', title: t('stage.entry'), width: 120, render: (_, s) => entryText(t, s) },
            {
              key: 'status',
              title: t('stage.status'),
              width: 110,
              render: (_, s) => (
                <Flex vertical gap={2}>
                  <StageStatusTag status={s.status} />
                  {s.status !== 'draft' ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('stage.entrantsN', { n: s.entrants })}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 420,
              render: (_, s) => (
                <Flex gap={6} wrap>
                  {actionButtons(s)}
                </Flex>
              ),
            },
          ]}
        />
      )}
      <StageEditDrawer stage={editing} campaign={c} phone={phone} onClose={() => setEditing(null)} />
    </Flex>
  );
}
