import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, List, Result, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined, LoadingOutlined, LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PanelView } from '../../../../shared/src/contracts/presentation';
import { lockScoreReq, saveScoreReq, SESSIONS, usePanelView } from '../../api/presentation';
import { ApiError } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { OverallScore } from '../reviews/ReviewSheetPage';
import { TimerDisplay } from './TimerDisplay';
import { BackLink } from '../../components/BackLink';

type Presenter = PanelView['presenters'][number];
const MY_COLOR = { pending: 'default', draft: 'blue', locked: 'green', conflicted: 'orange' } as const;

/** A panel member's phone during a session: who is presenting, the timer, its score of each presenter, lock. */
export default function PanelPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('reviews');
  const q = usePanelView(id);
  const [picked, setPicked] = useState<string | null>(null);
  if (q.error && !q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={t('live.notFound')}
        extra={
          <Link to="/reviews">
            <Button>{t('sheet.back')}</Button>
          </Link>
        }
      />
    );
  if (!q.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const v = q.data;
  const selectedId = picked ?? v.current?.applicationId ?? null;
  const selected = v.presenters.find((p) => p.applicationId === selectedId) ?? null;
  return (
    <Flex vertical gap={12}>
      <BackLink to="/reviews">{t('sheet.back')}</BackLink>
      <Flex vertical>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="panel-title">
          {v.name}
        </Typography.Title>
        <Typography.Text type="secondary">
          {[v.room, t(`live.status.${v.status}`)].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
      <Card size="small" styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="center" gap={12}>
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text type="secondary">{t('live.onStage')}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="panel-current">
              {v.current
                ? t('live.currentName', { n: v.current.position, name: v.current.organizationName })
                : v.status === 'finished'
                  ? t('live.finished')
                  : t('live.waiting')}
            </Typography.Text>
          </Flex>
          <TimerDisplay timer={v.timer} receivedAt={q.dataUpdatedAt} size={36} />
        </Flex>
      </Card>
      {selected ? (
        <ScoreCard key={selected.applicationId} sessionId={v.sessionId} p={selected} />
      ) : (
        <Alert type="info" showIcon message={t('live.pickPresenter')} />
      )}
      <Card size="small" title={t('live.allPresenters')}>
        <List
          dataSource={v.presenters}
          renderItem={(p) => (
            <List.Item
              data-testid="panel-presenter"
              onClick={() => setPicked(p.applicationId)}
              style={{
                cursor: 'pointer',
                paddingInline: 8,
                background: p.applicationId === selectedId ? '#fff1f0' : undefined,
              }}
            >
              <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
                <Typography.Text ellipsis style={{ minWidth: 0 }}>
                  {p.position}. {p.organizationName}
                </Typography.Text>
                <Flex gap={4} style={{ flex: 'none' }}>
                  {p.myStatus ? (
                    <Tag color={MY_COLOR[p.myStatus]} style={{ marginInlineEnd: 0 }}>
                      {p.myScore !== null && p.myStatus !== 'conflicted' ? `${p.myScore} · ` : ''}
                      {t(`live.myStatus.${p.myStatus}`)}
                    </Tag>
                  ) : null}
                  {p.released ? <Tag color="red">{t('live.releasedTag')}</Tag> : null}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}

/** The score of one presenter: saved as typed (0–100, step 0.5), then confirmed (locked) with its consequence. */
function ScoreCard({ sessionId, p }: { sessionId: string; p: Presenter }) {
  const { t } = useTranslation('reviews');
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiError();
  const [value, setValue] = useState<number | null>(p.myScore);
  const [saving, setSaving] = useState(false);
  const [savedScore, setSavedScore] = useState<number | null>(p.myScore);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: [...SESSIONS, 'panel', sessionId] });
  const editable = p.myStatus === 'pending' || p.myStatus === 'draft';

  const save = async (score: number): Promise<boolean> => {
    setSaving(true);
    try {
      await saveScoreReq(sessionId, p.applicationId, score);
      setSavedScore(score);
      return true;
    } catch (e) {
      onError(e);
      return false;
    } finally {
      setSaving(false);
    }
  };
  const change = (v: number | null) => {
    setValue(v);
    if (timer.current) clearTimeout(timer.current);
    if (v !== null) timer.current = setTimeout(() => void save(v).then(refresh), 600);
  };
  const lock = () =>
    modal.confirm({
      title: t('live.lockTitle', { score: value }),
      content: t('live.lockText', { name: p.organizationName }),
      okText: t('sheet.lockOk'),
      onOk: async () => {
        if (timer.current) clearTimeout(timer.current);
        if (value === null || !(await save(value))) return;
        try {
          await lockScoreReq(sessionId, p.applicationId);
          message.success(t('sheet.locked'));
        } catch (e) {
          onError(e);
        } finally {
          await refresh();
        }
      },
    });

  return (
    <Card
      size="small"
      data-testid="panel-score-card"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {t('live.scoreOf', { n: p.position, name: p.organizationName })}
        </span>
      }
    >
      {p.myStatus === 'conflicted' || p.myStatus === null ? (
        <Alert type="warning" showIcon message={t('live.conflicted')} />
      ) : p.myStatus === 'locked' ? (
        <Alert
          type="success"
          showIcon
          icon={<LockOutlined />}
          message={t('live.lockedScore', { score: p.myScore })}
          data-testid="panel-locked"
        />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('sheet.rubricOverall')}</Typography.Text>
          <OverallScore value={value} editable={editable} onChange={change} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="panel-save-state">
            {saving ? (
              <>
                <LoadingOutlined /> {t('sheet.saving')}
              </>
            ) : savedScore !== null ? (
              <>
                <CheckOutlined /> {t('live.savedScore', { score: savedScore })}
              </>
            ) : null}
          </Typography.Text>
          <Button
            type="primary"
            size="large"
            block
            icon={<LockOutlined />}
            disabled={value === null}
            onClick={lock}
            data-testid="panel-lock"
          >
            {t('sheet.lock')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
