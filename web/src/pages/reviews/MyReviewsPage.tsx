import { Button, Card, Empty, Flex, List, Progress, Skeleton, Tag, Typography } from 'antd';
import { ClockCircleOutlined, SoundOutlined, WarningOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMyAssignments, type MyAssignment } from '../../api/reviews';
import { useMySessions } from '../../api/presentation';
import { PageHeader } from '../../components/PageHeader';
import { bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { timeLeft } from '../../lib/reviews';

const STATUS_COLOR = { pending: 'default', draft: 'blue', locked: 'green' } as const;

interface StageGroup {
  stageId: string;
  nameZh: string;
  nameEn: string;
  status: MyAssignment['stageStatus'];
  closesAt: string;
  items: MyAssignment[];
}

/** Assignments grouped by stage, the open ones with the nearest deadline first. */
export function groupByStage(items: readonly MyAssignment[]): StageGroup[] {
  const groups = new Map<string, StageGroup>();
  for (const a of items) {
    const g = groups.get(a.stageId) ?? {
      stageId: a.stageId,
      nameZh: a.stageNameZh,
      nameEn: a.stageNameEn,
      status: a.stageStatus,
      closesAt: a.closesAt,
      items: [],
    };
    g.items.push(a);
    groups.set(a.stageId, g);
  }
  const rank = { open: 0, draft: 1, closed: 2 } as const;
  return [...groups.values()].sort(
    (x, y) => rank[x.status] - rank[y.status] || x.closesAt.localeCompare(y.closesAt),
  );
}

/** The reviewer's work desk: what to score, by stage, with deadlines and progress. */
export default function MyReviewsPage() {
  const { t, i18n } = useTranslation('reviews');
  const q = useMyAssignments();
  const now = new Date();
  // A work desk's stage card opens the page on that stage (`/reviews?stage=<id>`).
  const [params] = useSearchParams();
  const stage = params.get('stage');

  if (!q.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const groups = groupByStage(q.data.items).filter((g) => !stage || g.stageId === stage);

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('pageTitle')}
        sub={t('subtitle')}
        extra={stage ? <Link to="/reviews">{t('allStages')}</Link> : null}
      />
      <MySessionsCard />
      {groups.length === 0 ? (
        <Card>
          <Empty
            description={
              <>
                <Typography.Text strong>{t('emptyTitle')}</Typography.Text>
                <br />
                {t('emptyText')}
              </>
            }
          />
        </Card>
      ) : null}
      {groups.map((g) => {
        const locked = g.items.filter((a) => a.reviewStatus === 'locked').length;
        const left = timeLeft(g.closesAt, now);
        return (
          <Card
            key={g.stageId}
            data-testid="stage-group"
            title={
              <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', paddingBlock: 8 }}>
                <span>{bilingual(i18n.language, g.nameZh, g.nameEn)}</span>
                <Tag
                  icon={<ClockCircleOutlined />}
                  color={left.over ? 'default' : left.days < 2 ? 'red' : 'orange'}
                >
                  {left.over ? t('overdue') : t('left', left)}
                </Tag>
              </Flex>
            }
            extra={
              <Typography.Text type="secondary">
                {t('deadline')} {formatDateTime(g.closesAt)}
              </Typography.Text>
            }
          >
            <Progress
              percent={Math.round((locked / g.items.length) * 100)}
              format={() => t('progress', { locked, total: g.items.length })}
              style={{ marginBottom: 8 }}
            />
            <List
              dataSource={g.items}
              renderItem={(a) => (
                <List.Item
                  data-testid="assignment"
                  actions={[
                    <Link key="open" to={`/reviews/${a.id}`}>
                      <Button
                        type={a.reviewStatus === 'locked' || g.status !== 'open' ? 'default' : 'primary'}
                      >
                        {a.reviewStatus === 'locked' || g.status !== 'open' ? t('view') : t('open')}
                      </Button>
                    </Link>,
                  ]}
                >
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Typography.Text strong ellipsis>
                      {a.organizationName
                        ? (a.title ?? a.organizationName)
                        : t('anonymousTrack', {
                            track: t(`track.${a.trackCode === 'venue' ? 'venue' : 'site'}`),
                          })}
                    </Typography.Text>
                    <Flex gap={4} wrap>
                      <Tag color={STATUS_COLOR[a.reviewStatus]}>{t(`status.${a.reviewStatus}`)}</Tag>
                      {a.conflicted ? (
                        <Tag color="red" icon={<WarningOutlined />}>
                          {t('conflictTag')}
                        </Tag>
                      ) : null}
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        );
      })}
    </Flex>
  );
}

const SESSION_COLOR = { planned: 'default', running: 'processing', finished: 'green' } as const;

/** The presentation sessions the reviewer sits on: each opens its phone view (current presenter, timer, score). */
function MySessionsCard() {
  const { t, i18n } = useTranslation('reviews');
  const q = useMySessions();
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card
      data-testid="my-sessions"
      title={
        <Flex gap={8} align="center">
          <SoundOutlined /> {t('live.sessions')}
        </Flex>
      }
    >
      <Typography.Text type="secondary">{t('live.sessionsHint')}</Typography.Text>
      <List
        dataSource={items}
        renderItem={(s) => (
          <List.Item
            data-testid="my-session"
            actions={[
              <Link key="open" to={`/sessions/${s.id}/panel`}>
                <Button type={s.status === 'running' ? 'primary' : 'default'}>{t('live.openPanel')}</Button>
              </Link>,
            ]}
          >
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Typography.Text strong ellipsis>
                {s.name}
                {s.room ? ` · ${s.room}` : ''}
              </Typography.Text>
              <Flex gap={4} wrap align="center">
                <Tag color={SESSION_COLOR[s.status]}>{t(`live.status.${s.status}`)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {bilingual(i18n.language, s.stageNameZh, s.stageNameEn)} ·{' '}
                  {t('live.presenters', { n: s.presenters })}
                </Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
