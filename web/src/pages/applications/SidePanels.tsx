import { Alert, Card, Flex, Progress, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, HistoryItem } from '../../../../shared/src/contracts/applications';
import {
  APPLICATION_ACTIONS,
  type ApplicationAction,
} from '../../../../shared/src/domain/application-workflow';
import { applicationStatusLabel, roleLabel } from '../../i18n/labels';
import { gapAnchor } from '../../lib/applications';
import { formatDateTime } from '../../lib/format';

const scrollTo = (anchor: string | null) => {
  if (!anchor) return;
  const el = document.getElementById(anchor);
  el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el?.querySelector<HTMLElement>('input,textarea')?.focus({ preventScroll: true });
};

/** Still being written (or back for changes): the card checks what is missing before submitting. */
const EDITABLE = new Set<ApplicationDetail['status']>(['draft', 'returned']);

/**
 * 完整性检查 while the application is written: the gaps that block submitting, each a link to its field
 * or criterion; the self-score. Once submitted it says what was submitted and when (issue #7.9), never
 * "可以提交".
 */
export function CompletenessCard({ detail }: { detail: ApplicationDetail }) {
  const { t } = useTranslation('applications');
  const max = detail.standard.totalPoints;
  const submitted = !EDITABLE.has(detail.status) && detail.submittedAt !== null;
  return (
    <Card
      title={t(submitted ? 'completeness.submittedTitle' : 'completeness.title')}
      size="small"
      data-testid="completeness"
    >
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="baseline">
          <Typography.Text type="secondary">{t('completeness.selfTotal')}</Typography.Text>
          <Typography.Text strong data-testid="self-total">
            {t('completeness.points', { n: detail.selfScoreTotal, max })}
          </Typography.Text>
        </Flex>
        <Progress
          percent={max > 0 ? Math.min(100, Math.round((detail.selfScoreTotal / max) * 1000) / 10) : 0}
          size="small"
          showInfo={false}
        />
        {submitted ? (
          <Flex vertical gap={4} data-testid="submitted-summary">
            <Typography.Text>
              <CheckCircleOutlined />{' '}
              {t('completeness.submittedWhat', {
                criteria: detail.criteria.filter((c) => c.score !== null).length,
                files: detail.evidence.length,
              })}
            </Typography.Text>
            {detail.submittedAt ? (
              <Typography.Text type="secondary">
                {t('completeness.submittedAt', { at: formatDateTime(detail.submittedAt) })}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : detail.gaps.length ? (
          <>
            <Typography.Text type="warning">
              <WarningOutlined /> {t('completeness.gaps', { n: detail.gaps.length })}
            </Typography.Text>
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="gap-list">
              {detail.gaps.map((g, i) => (
                <li key={`${g.kind}-${g.field ?? ''}-${g.criterionId ?? ''}-${i}`}>
                  <Typography.Link onClick={() => scrollTo(gapAnchor(g))}>{g.message}</Typography.Link>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Typography.Text type="success">
            <CheckCircleOutlined />{' '}
            {t(EDITABLE.has(detail.status) ? 'completeness.complete' : 'completeness.completeOnly')}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

const isAction = (a: string): a is ApplicationAction =>
  (APPLICATION_ACTIONS as readonly string[]).includes(a);

/** 办理记录: who did what when, from → to, and the reason. */
export function HistoryCard({ history }: { history: HistoryItem[] }) {
  const { t } = useTranslation('applications');
  const items = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card title={t('history.title')} size="small" data-testid="history">
      <Timeline
        style={{ marginTop: 8 }}
        items={items.map((h) => ({
          color: h.action === 'return' ? 'orange' : h.action === 'withdraw' ? 'gray' : 'blue',
          content: (
            <Flex vertical gap={2}>
              <Typography.Text strong>
                {isAction(h.action)
                  ? t(`action.${h.action}`)
                  : h.action === 'create'
                    ? t('action.create')
                    : h.action}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(h.at)} · {h.actorName ?? '—'}
                {h.role ? `（${roleLabel(t, h.role)}）` : ''}
              </Typography.Text>
              {h.fromStatus && h.toStatus ? (
                <Typography.Text style={{ fontSize: 12 }}>
                  {applicationStatusLabel(t, h.fromStatus)} → {applicationStatusLabel(t, h.toStatus)}
                </Typography.Text>
              ) : null}
              {h.reason ? (
                <Alert type={h.action === 'return' ? 'warning' : 'info'} showIcon={false} title={h.reason} />
              ) : null}
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
