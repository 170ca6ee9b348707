import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, InputNumber, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CultivationDetail } from '../../../../shared/src/contracts/cultivation';
import { putReadinessReq } from '../../api/cultivation';
import { useApiError } from '../../app/useApiError';
import { bilingual } from '../../i18n/labels';
import { validScore } from './milestones';

interface Entry {
  score: number | null;
  gap: string;
}

interface Props {
  detail: CultivationDetail;
  editable: boolean;
  onChanged: () => Promise<void>;
}

/** The readiness self-check: a score (0..max in 0.5 steps) and the gap per criterion; total and %. */
export function ReadinessCard({ detail, editable, onChanged }: Props) {
  const { t, i18n } = useTranslation('cultivation');
  const { message } = App.useApp();
  const onError = useApiError();
  const r = detail.readiness;
  const [entries, setEntries] = useState<Record<string, Entry>>(() =>
    Object.fromEntries((r?.items ?? []).map((i) => [i.criterionId, { score: i.score, gap: i.gap ?? '' }])),
  );
  const [busy, setBusy] = useState(false);

  if (!r)
    return (
      <Card size="small" title={t('readiness.title')} data-testid="cultivation-readiness">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('readiness.none')} />
      </Card>
    );

  const invalid = r.items.some((i) => !validScore(entries[i.criterionId]?.score ?? null, i.maxPoints));
  const set = (id: string, patch: Partial<Entry>) =>
    setEntries((e) => ({ ...e, [id]: { score: null, gap: '', ...e[id], ...patch } }));

  const save = async () => {
    setBusy(true);
    try {
      await putReadinessReq(detail.id, {
        items: r.items.map((i) => ({
          criterionId: i.criterionId,
          score: entries[i.criterionId]?.score ?? null,
          gap: entries[i.criterionId]?.gap.trim() || null,
        })),
      });
      void message.success(t('readiness.saved'));
      await onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('readiness.title')}
      data-testid="cultivation-readiness"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('readiness.scored', { n: r.scored, m: r.criteriaCount })}
        </Typography.Text>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {t('readiness.standard', {
            name: bilingual(i18n.language, r.standardNameZh, r.standardNameEn),
            version: r.version,
          })}
        </Typography.Text>
        {!r.current ? <Alert type="warning" showIcon title={t('readiness.outdated')} /> : null}
        <Flex vertical gap={4} data-testid="readiness-total">
          <Typography.Text strong>
            {t('readiness.total', { total: r.total, max: r.max, pct: r.percentage })}
          </Typography.Text>
          <Progress percent={r.percentage} showInfo={false} />
        </Flex>
        {r.items.map((i) => {
          const e = entries[i.criterionId] ?? { score: null, gap: '' };
          const bad = !validScore(e.score, i.maxPoints);
          return (
            <Flex
              key={i.criterionId}
              vertical
              gap={6}
              data-testid="readiness-item"
              style={{ borderTop: '1px solid var(--ant-color-split)', paddingTop: 10 }}
            >
              <Flex gap={6} wrap align="center">
                <Typography.Text strong>
                  {i.position}. {bilingual(i18n.language, i.titleZh, i.titleEn)}
                </Typography.Text>
                <Tag style={{ marginInlineEnd: 0 }}>{t('readiness.max', { n: i.maxPoints })}</Tag>
                {i.bonus ? (
                  <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                    {t('readiness.bonus')}
                  </Tag>
                ) : null}
                {i.veto ? (
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    {t('readiness.veto')}
                  </Tag>
                ) : null}
              </Flex>
              <Flex gap={8} wrap>
                <InputNumber<number>
                  value={e.score}
                  min={0}
                  max={i.maxPoints}
                  step={0.5}
                  disabled={!editable}
                  status={bad ? 'error' : undefined}
                  placeholder={t('readiness.score')}
                  onChange={(v) => set(i.criterionId, { score: v ?? null })}
                  style={{ width: 110 }}
                  aria-label={t('readiness.score')}
                  data-testid="readiness-score"
                />
                <Input
                  value={e.gap}
                  maxLength={1000}
                  disabled={!editable}
                  placeholder={t('readiness.gapPlaceholder')}
                  onChange={(ev) => set(i.criterionId, { gap: ev.target.value })}
                  style={{ flex: '1 1 200px' }}
                  aria-label={t('readiness.gap')}
                  data-testid="readiness-gap"
                />
              </Flex>
            </Flex>
          );
        })}
        {editable ? (
          <Flex justify="end">
            <Button
              type="primary"
              loading={busy}
              disabled={invalid}
              onClick={() => void save()}
              data-testid="readiness-save"
            >
              {t('readiness.save')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
