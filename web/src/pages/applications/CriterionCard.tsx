import { useState } from 'react';
import { Card, Flex, Input, InputNumber, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, EvidenceItem } from '../../../../shared/src/contracts/applications';
import { bilingual } from '../../i18n/labels';
import { isValidSelfScore } from '../../lib/applications';
import { EvidenceBox } from './EvidenceBox';
import type { ApplicationSaver } from './useApplicationSaver';

type Criterion = ApplicationDetail['criteria'][number];

/** One criterion of the standard: what it asks, the self-assessment (score, note) and its evidence. */
export function CriterionCard({
  applicationId,
  criterion: c,
  files,
  editable,
  saver,
}: {
  applicationId: string;
  criterion: Criterion;
  files: EvidenceItem[];
  editable: boolean;
  /** Absent for read-only views. */
  saver?: ApplicationSaver;
}) {
  const { t, i18n } = useTranslation('applications');
  const [score, setScore] = useState<number | null>(c.score);
  const [note, setNote] = useState<string>(c.note ?? '');
  const bad = score !== null && !isValidSelfScore(score, c.maxPoints);
  const save = (s: number | null, n: string) => {
    if (s !== null && !isValidSelfScore(s, c.maxPoints)) return saver?.rejectScore(c.id);
    saver?.setScore(c.id, { score: s, note: n.trim() ? n : null });
  };

  return (
    <Card
      id={`criterion-${c.id}`}
      data-testid="criterion-card"
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', paddingBlock: 8 }}>
          <Typography.Text strong>
            {c.position}. {bilingual(i18n.language, c.titleZh, c.titleEn)}
          </Typography.Text>
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {t('criterion.maxPoints', { n: c.maxPoints })}
          </Tag>
          {c.bonus ? <Tag color="gold">{t('criterion.bonus')}</Tag> : null}
          {c.veto ? <Tag color="magenta">{t('criterion.veto')}</Tag> : null}
          {c.evidenceRequired ? <Tag>{t('criterion.evidenceRequired')}</Tag> : null}
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {c.description ? (
          <div>
            <Typography.Text type="secondary">{t('criterion.guidance')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {c.description}
            </Typography.Paragraph>
          </div>
        ) : null}
        {c.evidence ? (
          <div>
            <Typography.Text type="secondary">{t('criterion.evidenceAsked')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {c.evidence}
            </Typography.Paragraph>
          </div>
        ) : null}
        <Flex gap={12} wrap align="flex-start">
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('criterion.selfScore')}</Typography.Text>
            {editable ? (
              // No min/max: antd would hide an out-of-range number until blur and then clamp it; the
              // rule is checked here instead, as typed.
              <InputNumber<number>
                step={0.5}
                value={score}
                status={bad ? 'error' : undefined}
                placeholder={`0 – ${c.maxPoints}`}
                style={{ width: 140 }}
                onChange={(v) => {
                  setScore(v);
                  save(v, note);
                }}
                data-testid="criterion-score"
              />
            ) : (
              <Typography.Text strong>{score ?? '—'}</Typography.Text>
            )}
            {bad ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="criterion-score-error">
                {t('criterion.scoreRule', { max: c.maxPoints })}
              </Typography.Text>
            ) : null}
          </Flex>
          <Flex vertical gap={4} style={{ flex: 1, minWidth: 220 }}>
            <Typography.Text type="secondary">{t('criterion.note')}</Typography.Text>
            {editable ? (
              <Input.TextArea
                value={note}
                maxLength={1000}
                autoSize={{ minRows: 1, maxRows: 6 }}
                onChange={(e) => {
                  setNote(e.target.value);
                  save(score, e.target.value);
                }}
                data-testid="criterion-note"
              />
            ) : (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{note || '—'}</Typography.Text>
            )}
          </Flex>
        </Flex>
        <div>
          <Typography.Text type="secondary">{t('criterion.files', { n: files.length })}</Typography.Text>
          <div style={{ marginTop: 6 }}>
            <EvidenceBox applicationId={applicationId} criterionId={c.id} files={files} editable={editable} />
          </div>
        </div>
      </Flex>
    </Card>
  );
}
