import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CaretRightOutlined,
  DesktopOutlined,
  PauseOutlined,
  StepForwardOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../shared/src/contracts/presentation';
import {
  controlReq,
  releaseReq,
  SESSIONS,
  useChairSession,
  type SessionAction,
} from '../../api/presentation';
import { ApiError } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { TimerDisplay } from './TimerDisplay';
import { BackLink } from '../../components/BackLink';

type Presenter = SessionView['presenters'][number];
const STATUS_COLOR = { planned: 'default', running: 'processing', finished: 'green' } as const;
const SCORE_COLOR = { pending: 'default', draft: 'blue', locked: 'green', conflicted: 'orange' } as const;

/** The chair's desk for one session: the drawn order, the timer, the panel's progress, releasing results. */
export default function ChairPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation('evaluation');
  const q = useChairSession(sessionId);
  if (q.error && !q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={t('live.notFound')}
      />
    );
  if (!q.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <Chair s={{ ...q.data, id: sessionId }} receivedAt={q.dataUpdatedAt} />;
}

function Chair({ s, receivedAt }: { s: SessionView & { id: string }; receivedAt: number }) {
  const { campaignId } = useParams();
  const { t } = useTranslation('evaluation');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiError();
  const [busy, setBusy] = useState<string | null>(null);
  const current = s.currentIndex !== null && s.status === 'running' ? s.presenters[s.currentIndex] : null;

  const run = async (key: string, call: () => Promise<SessionView>, done?: string) => {
    setBusy(key);
    try {
      qc.setQueryData([...SESSIONS, 'chair', s.id], await call());
      if (done) message.success(done);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };
  const control = (action: SessionAction) => run(action, () => controlReq(s.id, action));
  const release = (p: Presenter) =>
    run(`release-${p.applicationId}`, () => releaseReq(s.id, p.applicationId), t('live.released'));

  const last = s.currentIndex !== null && s.currentIndex >= s.presenters.length - 1;
  return (
    <Flex vertical gap={12}>
      <BackLink to={`/campaigns/${campaignId}/stages/${s.stageId}/sessions`}>{t('live.back')}</BackLink>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="session-title">{s.name}</span>
            <Tag color={STATUS_COLOR[s.status]} data-testid="session-status">
              {t(`live.status.${s.status}`)}
            </Tag>
          </Flex>
        }
        sub={[s.room, t('live.presenterCount', { n: s.presenters.length })].filter(Boolean).join(' · ')}
        extra={
          <>
            <Button
              icon={<DesktopOutlined />}
              href={`/screen/sessions/${s.id}`}
              target="_blank"
              data-testid="open-screen"
            >
              {t('live.openScreen')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('live.current')} style={{ height: '100%' }}>
            <Flex vertical gap={16}>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="current-presenter">
                {current
                  ? t('live.currentName', { n: current.position, name: current.organizationName })
                  : s.status === 'finished'
                    ? t('live.finished')
                    : t('live.notStarted')}
              </Typography.Title>
              <Flex align="center" gap={24} wrap>
                <TimerDisplay timer={s.timer} receivedAt={receivedAt} size={64} />
                <Typography.Text type="secondary">
                  {t('live.limit', { minutes: Math.round(s.timer.seconds / 6) / 10 })}
                </Typography.Text>
              </Flex>
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  size="large"
                  icon={<CaretRightOutlined />}
                  disabled={s.status === 'finished' || s.timer.running}
                  loading={busy === 'start'}
                  onClick={() => void control('start')}
                  data-testid="timer-start"
                >
                  {s.status === 'planned' ? t('live.start') : t('live.resume')}
                </Button>
                <Button
                  size="large"
                  icon={<PauseOutlined />}
                  disabled={!s.timer.running}
                  loading={busy === 'pause'}
                  onClick={() => void control('pause')}
                  data-testid="timer-pause"
                >
                  {t('live.pause')}
                </Button>
                <Button
                  size="large"
                  icon={<StepForwardOutlined />}
                  disabled={s.status !== 'running' || last}
                  loading={busy === 'next'}
                  onClick={() => void control('next')}
                  data-testid="timer-next"
                >
                  {t('live.next')}
                </Button>
                <Button
                  size="large"
                  danger
                  icon={<StopOutlined />}
                  disabled={s.status === 'finished'}
                  loading={busy === 'finish'}
                  onClick={() => void control('finish')}
                  data-testid="timer-finish"
                >
                  {t('live.finish')}
                </Button>
              </Flex>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('live.draw')} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'seed',
                  label: t('live.seed'),
                  children: <span data-testid="draw-seed">{s.draw?.seed ?? '—'}</span>,
                },
                {
                  key: 'digest',
                  label: t('live.digest'),
                  children: (
                    <Typography.Text
                      code
                      copyable={!!s.draw}
                      style={{ fontSize: 12, wordBreak: 'break-all' }}
                    >
                      {s.draw?.resultDigest ?? '—'}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'panel',
                  label: t('live.panel'),
                  children: s.panel.map((p) => p.name).join('、'),
                },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('live.drawNote')}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card title={t('live.order')}>
        <PresenterTable s={s} busy={busy} onRelease={(p) => void release(p)} />
      </Card>
    </Flex>
  );
}

function PresenterTable({
  s,
  busy,
  onRelease,
}: {
  s: SessionView;
  busy: string | null;
  onRelease: (p: Presenter) => void;
}) {
  const { t } = useTranslation('evaluation');
  return (
    <Table<Presenter>
      size="middle"
      rowKey="applicationId"
      pagination={false}
      dataSource={s.presenters}
      scroll={{ x: 760 }}
      rowClassName={(p) =>
        s.status === 'running' && s.currentIndex === p.position - 1 ? 'ant-table-row-selected' : ''
      }
      onRow={() => ({ 'data-testid': 'presenter-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('live.col.position'), dataIndex: 'position', width: 70 },
        { title: t('live.col.organization'), dataIndex: 'organizationName', ellipsis: true },
        {
          title: t('live.col.panel'),
          render: (_, p) => {
            const counted = p.scores.filter((x) => x.status !== 'conflicted');
            const locked = counted.filter((x) => x.status === 'locked').length;
            return (
              <Flex gap={4} wrap align="center">
                <Typography.Text strong style={{ marginInlineEnd: 4 }}>
                  {t('live.lockedOf', { locked, total: counted.length })}
                </Typography.Text>
                {p.scores.map((x) => (
                  <Tag key={x.reviewerId} color={SCORE_COLOR[x.status]}>
                    {x.name} · {t(`live.scoreStatus.${x.status}`)}
                  </Tag>
                ))}
              </Flex>
            );
          },
        },
        {
          title: t('live.col.result'),
          width: 160,
          render: (_, p) =>
            p.releasedAt ? (
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="released-result">
                {p.result === null ? '—' : p.result.toFixed(2)}
              </Typography.Text>
            ) : (
              <Button
                loading={busy === `release-${p.applicationId}`}
                onClick={() => onRelease(p)}
                data-testid="release"
              >
                {t('live.release')}
              </Button>
            ),
        },
      ]}
    />
  );
}
