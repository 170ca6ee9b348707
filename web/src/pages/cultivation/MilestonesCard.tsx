import { useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Empty, Flex, Input, Popconfirm, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CultivationDetail, Milestone } from '../../../../shared/src/contracts/cultivation';
import { addMilestoneReq, deleteMilestoneReq, patchMilestoneReq } from '../../api/cultivation';
import { useApiError } from '../../app/useApiError';
import { formatDateTime, todayInZone } from '../../lib/format';
import { isOverdue } from './milestones';

interface Props {
  detail: CultivationDetail;
  editable: boolean;
  onChanged: () => Promise<void>;
}

/** Milestones: add (title, due date), tick done, delete; open ones past their due date are highlighted. */
export function MilestonesCard({ detail, editable, onChanged }: Props) {
  const { t } = useTranslation('cultivation');
  const onError = useApiError();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const today = todayInZone();
  const ms = detail.milestones;

  const run = async (key: string, fn: () => Promise<unknown>) => {
    setBusy(key);
    try {
      await fn();
      await onChanged();
      return true;
    } catch (e) {
      onError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const add = async () => {
    if (!title.trim()) return;
    const ok = await run('add', () =>
      addMilestoneReq(detail.id, { title: title.trim(), dueOn: due ? due.format('YYYY-MM-DD') : null }),
    );
    if (ok) {
      setTitle('');
      setDue(null);
    }
  };

  const row = (m: Milestone) => {
    const overdue = isOverdue(m, today);
    return (
      <Flex
        key={m.id}
        gap={8}
        align="center"
        justify="space-between"
        data-testid="milestone"
        data-overdue={overdue ? 'true' : undefined}
        style={{
          padding: '6px 8px',
          borderRadius: 6,
          background: overdue ? 'var(--ant-color-error-bg)' : undefined,
        }}
      >
        <Flex gap={8} align="start" style={{ minWidth: 0 }}>
          <Checkbox
            checked={m.done}
            disabled={!editable || busy !== null}
            onChange={(e) =>
              void run(m.id, () => patchMilestoneReq(detail.id, m.id, { done: e.target.checked }))
            }
            data-testid="milestone-done"
          />
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text delete={m.done} style={{ wordBreak: 'break-word' }}>
              {m.title}
            </Typography.Text>
            <Flex gap={6} wrap align="center">
              {m.dueOn ? (
                <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {t('milestone.dueOn', { date: m.dueOn })}
                </Typography.Text>
              ) : null}
              {overdue ? (
                <Tag color="error" style={{ marginInlineEnd: 0 }}>
                  {t('milestone.overdue')}
                </Tag>
              ) : null}
              {m.done && m.doneAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('milestone.doneAt', { time: formatDateTime(m.doneAt) })}
                </Typography.Text>
              ) : null}
            </Flex>
          </Flex>
        </Flex>
        {editable ? (
          <Popconfirm
            title={t('milestone.deleteTitle', { title: m.title })}
            onConfirm={() => run(m.id, () => deleteMilestoneReq(detail.id, m.id))}
          >
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('milestone.delete')}
              data-testid="milestone-delete"
            />
          </Popconfirm>
        ) : null}
      </Flex>
    );
  };

  return (
    <Card
      size="small"
      title={t('milestone.title', { done: detail.milestonesDone, total: detail.milestonesTotal })}
      data-testid="cultivation-milestones"
    >
      <Flex vertical gap={4}>
        {ms.length ? (
          ms.map(row)
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('milestone.none')} />
        )}
      </Flex>
      {editable ? (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Input
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onPressEnter={() => void add()}
            placeholder={t('milestone.titlePlaceholder')}
            style={{ flex: '1 1 200px' }}
            data-testid="milestone-title"
          />
          <DatePicker
            value={due}
            onChange={setDue}
            placeholder={t('milestone.due')}
            style={{ flex: '0 1 150px' }}
            data-testid="milestone-due"
          />
          <Button
            icon={<PlusOutlined />}
            loading={busy === 'add'}
            disabled={!title.trim()}
            onClick={() => void add()}
            data-testid="milestone-add"
          >
            {t('milestone.add')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
