import type { ReactNode } from 'react';
import { Card, Col, Empty, Flex, List, Progress, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DeskDeadline } from '../../../../shared/src/contracts/desk';
import { beijingTime, remaining } from '../../lib/desk-links';

/** One count of a desk: a Statistic card that opens the filtered list it counts. */
export function CountCard({
  title,
  value,
  to,
  testId,
  icon,
  hint,
  alert,
}: {
  title: string;
  value: number;
  to: string;
  testId: string;
  icon: ReactNode;
  hint?: ReactNode;
  /** Shown in the warning colour when the count is above zero (something waits for the user). */
  alert?: boolean;
}) {
  const hot = alert && value > 0;
  return (
    <Col xs={12} md={8} xl={6}>
      <Link
        to={to}
        data-testid={`desk-${testId}`}
        data-count={value}
        style={{ display: 'block', height: '100%' }}
      >
        <Card hoverable size="small" style={{ height: '100%' }} styles={{ body: { padding: '14px 16px' } }}>
          <Statistic
            title={
              <Flex gap={6} align="center">
                <span style={{ color: hot ? '#c7000b' : '#8c8c8c' }}>{icon}</span>
                <span>{title}</span>
              </Flex>
            }
            value={value}
            styles={{ content: { color: hot ? '#c7000b' : undefined, fontWeight: 600 } }}
          />
          {hint ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hint}
            </Typography.Text>
          ) : null}
        </Card>
      </Link>
    </Col>
  );
}

/** A countdown in words with its urgency colour: under 3 days red, under 7 orange, else blue. */
export function Countdown({ at, now }: { at: string; now: Date }) {
  const { t } = useTranslation('dashboard');
  const r = remaining(at, now);
  if (r.past) return <Tag>{t('desk.past')}</Tag>;
  const color = r.days < 3 ? 'red' : r.days < 7 ? 'orange' : 'blue';
  const text =
    r.days > 0
      ? t('desk.leftDays', { days: r.days, hours: r.hours })
      : t('desk.leftHours', { hours: r.hours, minutes: r.minutes });
  return <Tag color={color}>{text}</Tag>;
}

/** The deadlines the role works towards, soonest first, in Beijing time with a countdown. */
export function DeadlineList({
  deadlines,
  linkOf,
  now,
}: {
  deadlines: DeskDeadline[];
  linkOf: (d: DeskDeadline) => string;
  now: Date;
}) {
  const { t } = useTranslation('dashboard');
  return (
    <Card size="small" title={t('desk.deadlines')} data-testid="desk-deadlines">
      {deadlines.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.noDeadlines')} />
      ) : (
        <List
          size="small"
          dataSource={deadlines}
          renderItem={(d) => (
            <List.Item extra={<Countdown at={d.at} now={now} />} style={{ paddingInline: 0 }}>
              <Flex vertical style={{ minWidth: 0 }}>
                <Link to={linkOf(d)}>{t(`desk.deadline.${d.kind}`)}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                  {d.campaignName} · {t('desk.beijing', { time: beijingTime(d.at) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** Done out of total as a small bar (progress of a stage, fill of a quota or a cap). */
export function FillBar({ done, total, testId }: { done: number; total: number; testId?: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <Progress
      percent={percent}
      size="small"
      status={total > 0 && done > total ? 'exception' : undefined}
      format={() => `${done} / ${total}`}
      data-testid={testId}
    />
  );
}

/** A card with a title and a list, or an empty state that says there is nothing to do. */
export function DeskListCard<T>({
  title,
  items,
  render,
  empty,
  extra,
  footer,
  testId,
}: {
  title: ReactNode;
  items: T[];
  render: (item: T) => ReactNode;
  empty: string;
  extra?: ReactNode;
  footer?: ReactNode;
  testId: string;
}) {
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => render(item)}
          footer={footer ?? undefined}
        />
      )}
    </Card>
  );
}
