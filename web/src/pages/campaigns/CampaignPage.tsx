import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Grid,
  Result,
  Row,
  Skeleton,
  Steps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import {
  ArrowRightOutlined,
  AuditOutlined,
  CopyOutlined,
  EditOutlined,
  InboxOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../shared/src/contracts/campaigns';
import { evaluationOver } from '../../../../shared/src/domain/campaign-rules';
import { CAMPAIGNS, closeIntakeReq, transitionCampaignReq, useCampaign } from '../../api/campaigns';
import { useTracks } from '../../api/standards';
import { useAbility } from '../../api/auth';
import { BackLink } from '../../components/BackLink';
import { PageHeader } from '../../components/PageHeader';
import { kindLabel } from '../../i18n/labels';
import { currentLanguage } from '../../i18n';
import { TIMELINE_FIELDS } from '../../lib/campaigns';
import { formatDateTime } from '../../lib/format';
import { timelinePosition } from './campaign-view';
import { CampaignCharts } from './CampaignCharts';
import { CampaignDashboard } from './CampaignDashboard';
import { CampaignEditDrawer } from './CampaignEditDrawer';
import { trackName } from './CampaignFields';
import { CopyCampaignModal } from './CampaignsPage';
import { CampaignStatusTag } from './tags';
import { useCampaignError } from './useCampaignError';
import PublicityPanel from '../publicity/PublicityPanel';
import { StagesPanel } from '../evaluation/StagesPanel';

/** One campaign: settings, timeline with "now", the next step, edit, and the dashboard. */
export default function CampaignPage() {
  const { id } = useParams();
  const { t } = useTranslation(['campaigns', 'standards', 'evaluation', 'decisions', 'publicity']);
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const canDashboard = useAbility('campaigns.dashboard');
  const canIntake = useAbility('applications.intake');
  const canEvaluate = useAbility('evaluation.manage');
  const canDecide = useAbility('decisions.manage');
  const [params, setParams] = useSearchParams();
  const canPublicity = useAbility('publicity.manage');
  const asked = params.get('tab');
  const tab =
    canEvaluate && asked === 'stages'
      ? 'stages'
      : canPublicity && asked === 'publicity'
        ? 'publicity'
        : 'overview';
  const { data: c, isPending, isError } = useCampaign(id);
  const tracks = useTracks().data?.items ?? [];
  const [editing, setEditing] = useState(false);
  const [copying, setCopying] = useState(false);

  if (isPending) return <Skeleton active />;
  if (isError || !c) return <Result status="404" title={t('notFound')} />;

  const overview = (
    <Flex vertical gap={16}>
      <Card size="small" title={t('timelineTitle')}>
        <TimelineSteps c={c} phone={phone} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <SettingsCard c={c} />
        </Col>
        <Col xs={24} lg={12}>
          <QuotasCard c={c} tracks={tracks} />
        </Col>
      </Row>
      {canDashboard && c.status !== 'draft' ? (
        <Card title={t('charts.title')} styles={{ body: { padding: phone ? 8 : 16 } }}>
          <CampaignCharts id={c.id} />
        </Card>
      ) : null}
      {canDashboard && c.status !== 'draft' ? (
        <Card title={t('dashboard')} styles={{ body: { padding: phone ? 12 : 20 } }}>
          <CampaignDashboard id={c.id} tracks={tracks} campaignTracks={c.tracks} />
        </Card>
      ) : null}
    </Flex>
  );

  return (
    <Flex vertical gap={12}>
      <BackLink to="/campaigns">{t('pageTitle')}</BackLink>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="campaign-title">{c.name}</span>
            <CampaignStatusTag status={c.status} />
          </Flex>
        }
        sub={`${c.year}${c.copiedFromId ? ` · ${t('copiedFrom')}` : ''}`}
        extra={
          <>
            {canIntake && (c.status === 'open' || c.status === 'reviewing') ? (
              <Button icon={<InboxOutlined />} onClick={() => navigate(`/intake?campaign=${c.id}`)}>
                {t('goIntake')}
              </Button>
            ) : null}
            {canDecide && evaluationOver(c.status) ? (
              <Button
                icon={<AuditOutlined />}
                onClick={() => navigate(`/campaigns/${c.id}/decision`)}
                data-testid="campaign-decision"
              >
                {t('decisions:openDecision')}
              </Button>
            ) : null}
            <Button icon={<CopyOutlined />} onClick={() => setCopying(true)} data-testid="campaign-copy">
              {t('copy')}
            </Button>
            {c.status !== 'closed' ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="campaign-edit">
                {t('edit')}
              </Button>
            ) : null}
            <CloseIntakeButton c={c} />
            <NextStepButton c={c} />
          </>
        }
      />
      {canEvaluate ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'overview' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'overview', label: t('evaluation:tabOverview'), children: overview },
            {
              key: 'stages',
              label: <span data-testid="tab-stages">{t('evaluation:tabStages')}</span>,
              children: <StagesPanel campaign={c} phone={phone} />,
            },
            ...(canPublicity && evaluationOver(c.status)
              ? [
                  {
                    key: 'publicity',
                    label: <span data-testid="tab-publicity">{t('publicity:panel.tab')}</span>,
                    children: <PublicityPanel campaign={c} phone={phone} />,
                  },
                ]
              : []),
          ]}
        />
      ) : (
        overview
      )}
      <CampaignEditDrawer
        campaign={editing ? c : null}
        tracks={tracks}
        phone={phone}
        onClose={() => setEditing(false)}
      />
      <CopyCampaignModal
        source={copying ? { ...c, tracks: c.tracks.map((x) => x.track) } : null}
        onClose={() => setCopying(false)}
      />
    </Flex>
  );
}

function NextStepButton({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const { modal, message } = App.useApp();
  const onError = useCampaignError();
  const qc = useQueryClient();
  const next = c.nextStatus;
  if (!next) return null;
  const status = t(`campaignStatus.${next}`);
  return (
    <Button
      type="primary"
      icon={<ArrowRightOutlined />}
      data-testid="campaign-next"
      onClick={() =>
        modal.confirm({
          title: t('nextTitle', { status }),
          content: next === 'reviewing' ? t('nextTextReviewing') : t('nextText'),
          okText: t('next', { status }),
          cancelText: t('common.cancel'),
          onOk: async () => {
            try {
              await transitionCampaignReq(c.id, next, c.version);
              message.success(t('moved', { status }));
            } catch (e) {
              onError(e, { reload: [CAMPAIGNS] });
            } finally {
              await qc.invalidateQueries({ queryKey: CAMPAIGNS });
            }
          },
        })
      }
    >
      {t('next', { status })}
    </Button>
  );
}

/**
 * 立即截止申报 (issue #7.17): while the application window runs, the committee may end it now. The
 * confirmation says what happens to drafts, returned and unrecommended applications.
 */
function CloseIntakeButton({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const { modal, message } = App.useApp();
  const onError = useCampaignError();
  const qc = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  const running =
    c.status === 'open' &&
    now > Date.parse(c.timeline.applicationOpensAt) &&
    now < Date.parse(c.timeline.applicationClosesAt);
  if (!running) return null;
  return (
    <Button
      danger
      icon={<StopOutlined />}
      data-testid="campaign-close-intake"
      onClick={() =>
        modal.confirm({
          title: t('closeIntake.title'),
          width: 520,
          content: (
            <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="close-intake-text">
              <li>{t('closeIntake.drafts')}</li>
              <li>{t('closeIntake.submitted', { at: formatDateTime(c.timeline.recommendationDeadline) })}</li>
              <li>{t('closeIntake.sweep')}</li>
            </ul>
          ),
          okText: t('closeIntake.ok'),
          okButtonProps: { danger: true, 'data-testid': 'close-intake-ok' } as ButtonProps,
          cancelText: t('common.cancel'),
          onOk: async () => {
            try {
              await closeIntakeReq(c.id, c.version);
              setNow(Date.now());
              message.success(t('closeIntake.done'));
            } catch (e) {
              onError(e, { reload: [CAMPAIGNS] });
            } finally {
              await qc.invalidateQueries({ queryKey: CAMPAIGNS });
            }
          },
        })
      }
    >
      {t('closeIntake.button')}
    </Button>
  );
}

/** The tag under the step "now" is at: not started yet (on the first step), now, or ended (on the last). */
const PHASE_TAG = {
  not_started: { color: 'default', testId: 'timeline-not-started' },
  running: { color: 'red', testId: 'timeline-now' },
  ended: { color: 'success', testId: 'timeline-ended' },
} as const;

function TimelineSteps({ c, phone }: { c: CampaignDetail; phone: boolean }) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const [now] = useState(() => Date.now());
  const pos = timelinePosition(c.timeline, now);
  const tag = PHASE_TAG[pos.phase];
  const label = {
    not_started: t('timeline.notStarted'),
    running: t('timeline.now'),
    ended: t('timeline.ended'),
  }[pos.phase];
  return (
    <Steps
      size="small"
      orientation={phone ? 'vertical' : 'horizontal'}
      titlePlacement={phone ? undefined : 'vertical'}
      current={pos.current}
      data-testid="campaign-timeline"
      items={TIMELINE_FIELDS.map((f, i) => ({
        title: t(`timeline.${f}`),
        status: pos.statuses[i],
        content: (
          <Flex vertical align={phone ? 'start' : 'center'} gap={2}>
            <span>{formatDateTime(c.timeline[f])}</span>
            {i === pos.tagAt ? (
              <Tag color={tag.color} style={{ marginInlineEnd: 0 }} data-testid={tag.testId}>
                {label}
              </Tag>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}

function SettingsCard({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const zh = currentLanguage() === 'zh-CN';
  return (
    <Card size="small" title={t('settings')} style={{ height: '100%' }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'year', label: t('year'), children: c.year },
          {
            key: 'tracks',
            label: t('tracks'),
            children: (
              <Flex vertical gap={4}>
                {c.tracks.map((tr) => (
                  <span key={tr.track}>
                    {zh ? tr.nameZh : tr.nameEn}
                    {tr.eligibleKinds.length
                      ? `（${tr.eligibleKinds.map((k) => kindLabel(t, k)).join('、')}）`
                      : ''}
                  </span>
                ))}
              </Flex>
            ),
          },
          {
            key: 'standards',
            label: t('standards'),
            children: (
              <Flex vertical gap={4}>
                {c.standards.map((s) => (
                  <span key={`${s.track}|${s.orgKind}`}>
                    {s.orgKind ? `${kindLabel(t, s.orgKind)}：` : ''}
                    {zh ? s.nameZh : s.nameEn} · {t('standards:versionN', { n: s.version })}
                  </span>
                ))}
                {c.missingStandards.length ? (
                  <Typography.Text type="danger" data-testid="campaign-missing-standards">
                    {t('missingStandards', {
                      slots: c.missingStandards
                        .map((m) => `${m.track}/${m.orgKind ? kindLabel(t, m.orgKind) : t('common.anyKind')}`)
                        .join('、'),
                    })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          { key: 'updatedAt', label: t('updatedAt'), children: formatDateTime(c.updatedAt) },
        ]}
      />
    </Card>
  );
}

function QuotasCard({ c, tracks }: { c: CampaignDetail; tracks: Parameters<typeof trackName>[0] }) {
  const { t } = useTranslation(['campaigns', 'standards']);
  return (
    <Card size="small" title={t('quotas')} style={{ height: '100%' }}>
      <Flex vertical gap={4}>
        {c.quotas.map((q) => (
          <Flex key={`${q.track}|${q.orgKind}`} justify="space-between">
            <span>
              {trackName(tracks, q.track)} · {q.orgKind ? kindLabel(t, q.orgKind) : t('common.anyKind')}
            </span>
            <Typography.Text strong>{q.quota}</Typography.Text>
          </Flex>
        ))}
        <Typography.Text type="secondary" style={{ marginTop: 8 }}>
          {t('unitCaps')}
        </Typography.Text>
        {c.unitCaps.length ? (
          c.unitCaps.map((u) => (
            <Flex key={`${u.track}|${u.unitId}`} justify="space-between">
              <span>
                {trackName(tracks, u.track)} · {u.unitName}
              </span>
              <Typography.Text strong>{u.cap}</Typography.Text>
            </Flex>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noCaps')} />
        )}
      </Flex>
    </Card>
  );
}
