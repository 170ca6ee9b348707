import { Alert, Card, Descriptions, Flex, Grid, Table, Tag, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationResult } from '../../../../shared/src/contracts/decisions';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-guards';
import { useApplicationResults } from '../../api/decisions';
import { bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';

/** Statuses at which the committee's decision may have been released (earlier ones never have results). */
const DECIDED: readonly ApplicationStatus[] = [
  'not_selected',
  'proposed',
  'in_publicity',
  'certified',
  'withdrawn',
];

type StageLine = ApplicationResult['stages'][number];

const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/**
 * The application's own results once the committee released them: the outcome, its final score and rank,
 * and each stage's score (reviewer names only where the stage shows them). Before the release: a note
 * (after the decision) or nothing.
 */
export function ResultsCard({ applicationId, status }: { applicationId: string; status: ApplicationStatus }) {
  const { t } = useTranslation('decisions');
  const decided = DECIDED.includes(status);
  const q = useApplicationResults(applicationId, decided);
  if (!decided) return null;
  if (!q.data) {
    if (!q.error || status === 'withdrawn') return null;
    return <Alert type="info" showIcon message={t('own.notReleased')} data-testid="results-pending" />;
  }
  return <Released result={q.data} />;
}

function Released({ result: r }: { result: ApplicationResult }) {
  const { t, i18n } = useTranslation('decisions');
  const phone = !Grid.useBreakpoint().md;
  const selected = r.outcome === 'selected';
  return (
    <Card
      data-testid="own-results"
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', paddingBlock: 8 }}>
          <TrophyOutlined style={{ color: selected ? '#c7000b' : '#999' }} />
          <span>{t('own.title')}</span>
          {r.outcome ? (
            <Tag color={selected ? 'red' : 'default'} data-testid="own-outcome">
              {t(`own.outcome.${r.outcome}`)}
            </Tag>
          ) : null}
        </Flex>
      }
      extra={
        r.releasedAt ? (
          <Typography.Text type="secondary">
            {t('own.releasedAt', { at: formatDateTime(r.releasedAt) })}
          </Typography.Text>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        <Descriptions
          size="small"
          column={phone ? 1 : 3}
          items={[
            { key: 'final', label: t('own.final'), children: <strong>{score(r.finalScore)}</strong> },
            { key: 'rank', label: t('own.rank'), children: r.rank ?? '—' },
            {
              key: 'proposed',
              label: t('own.proposal'),
              children: r.proposed === null ? '—' : r.proposed ? t('proposed') : t('notProposed'),
            },
          ]}
        />
        {phone ? <StageCards stages={r.stages} /> : <StageTable stages={r.stages} lang={i18n.language} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('own.note')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function StageValue({ s }: { s: StageLine }) {
  const { t } = useTranslation('decisions');
  if (s.method === 'gate')
    return s.gatePassed === null ? (
      <>—</>
    ) : (
      <Tag color={s.gatePassed ? 'green' : 'red'}>{s.gatePassed ? t('own.passed') : t('own.failed')}</Tag>
    );
  return <strong>{s.score === null ? t('own.notEntered') : s.score.toFixed(2)}</strong>;
}

function StageTable({ stages, lang }: { stages: StageLine[]; lang: string }) {
  const { t } = useTranslation('decisions');
  return (
    <Table<StageLine>
      size="small"
      rowKey="stageId"
      pagination={false}
      dataSource={stages}
      data-testid="own-stages"
      columns={[
        {
          title: t('own.col.stage'),
          render: (_, s) => `${s.position}. ${bilingual(lang, s.nameZh, s.nameEn)}`,
        },
        { title: t('own.col.weight'), render: (_, s) => `${Math.round(s.weight * 100)}%`, width: 90 },
        { title: t('own.col.score'), render: (_, s) => <StageValue s={s} />, width: 120 },
        { title: t('own.col.reviews'), dataIndex: 'reviewCount', width: 110 },
        {
          title: t('own.col.reviewers'),
          render: (_, s) => (s.reviewerNames ? s.reviewerNames.join('、') || '—' : t('own.hidden')),
        },
      ]}
    />
  );
}

function StageCards({ stages }: { stages: StageLine[] }) {
  const { t, i18n } = useTranslation('decisions');
  return (
    <Flex vertical gap={8} data-testid="own-stages">
      {stages.map((s) => (
        <Flex
          key={s.stageId}
          vertical
          gap={2}
          style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px' }}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong>
              {s.position}. {bilingual(i18n.language, s.nameZh, s.nameEn)}
            </Typography.Text>
            <StageValue s={s} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('own.stageLine', { weight: Math.round(s.weight * 100), n: s.reviewCount })}
            {s.reviewerNames?.length ? ` · ${s.reviewerNames.join('、')}` : ''}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
