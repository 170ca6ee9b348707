import { useState } from 'react';
import { Card, Flex, Input, InputNumber, Segmented, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReviewSheet } from '../../../../shared/src/contracts/reviews';
import { bilingual } from '../../i18n/labels';
import { isValidPoints } from '../../lib/reviews';
import { PhotoBox } from './PhotoBox';

type Criterion = ReviewSheet['criteria'][number];

/**
 * One item of the scoring sheet: what the standard asks, what the applicant self-assessed, and the
 * reviewer's points and comment (or pass/fail for a veto item of a gate). Points outside 0..max or off the
 * half-point step show the rule as typed and are not saved.
 */
export function SheetItem({
  sheet,
  criterion: c,
  points,
  comment,
  veto,
  editable,
  onPoints,
  onComment,
  onVeto,
}: {
  sheet: ReviewSheet;
  criterion: Criterion;
  points: number | null;
  comment: string;
  veto: boolean | undefined;
  editable: boolean;
  onPoints: (p: number | null) => void;
  onComment: (text: string) => void;
  onVeto: (passed: boolean) => void;
}) {
  const { t, i18n } = useTranslation('reviews');
  const [typed, setTyped] = useState<number | null>(points);
  const bad = typed !== null && !isValidPoints(typed, c.maxPoints);
  const self = sheet.application.selfAssessment[c.id];
  const gate = sheet.stage.method === 'gate';
  const onSite = sheet.stage.method === 'criteria_scoring';

  return (
    <Card
      size="small"
      id={`item-${c.id}`}
      data-testid="sheet-item"
      title={
        <Flex gap={6} align="center" wrap style={{ whiteSpace: 'normal', paddingBlock: 6 }}>
          <Typography.Text strong>
            {c.position}. {bilingual(i18n.language, c.titleZh, c.titleEn)}
          </Typography.Text>
          {!gate ? <Tag color="red">{t('sheet.maxPoints', { n: c.maxPoints })}</Tag> : null}
          {c.bonus ? <Tag color="gold">{t('sheet.bonus')}</Tag> : null}
          {c.veto ? <Tag color="magenta">{t('sheet.veto')}</Tag> : null}
        </Flex>
      }
    >
      <Flex vertical gap={10}>
        {c.description ? (
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {c.description}
          </Typography.Paragraph>
        ) : null}
        {self ? (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {self.score !== null ? t('sheet.selfScore', { score: self.score }) : t('sheet.noSelf')}
            {self.note ? ` · ${self.note}` : ''}
          </Typography.Text>
        ) : null}
        {gate ? (
          <Segmented<'pass' | 'fail'>
            block
            disabled={!editable}
            value={veto === undefined ? undefined : veto ? 'pass' : 'fail'}
            options={[
              { label: t('sheet.pass'), value: 'pass' },
              { label: t('sheet.fail'), value: 'fail' },
            ]}
            onChange={(v) => onVeto(v === 'pass')}
            data-testid="veto-choice"
          />
        ) : (
          <Flex gap={12} wrap align="flex-start">
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('sheet.points')}</Typography.Text>
              <InputNumber<number>
                min={0}
                max={c.maxPoints}
                step={0.5}
                inputMode="decimal"
                disabled={!editable}
                value={typed}
                status={bad ? 'error' : undefined}
                placeholder={t('sheet.pointsPlaceholder', { max: c.maxPoints })}
                style={{ width: 140 }}
                onChange={(v) => {
                  setTyped(v);
                  if (v === null || isValidPoints(v, c.maxPoints)) onPoints(v);
                }}
                data-testid="item-points"
              />
              {bad ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="points-rule">
                  {t('sheet.pointsRule', { max: c.maxPoints })}
                </Typography.Text>
              ) : null}
            </Flex>
            <Flex vertical gap={4} style={{ flex: 1, minWidth: 200 }}>
              <Typography.Text type="secondary">{t('sheet.comment')}</Typography.Text>
              <Input.TextArea
                value={comment}
                disabled={!editable}
                maxLength={2000}
                autoSize={{ minRows: 1, maxRows: 6 }}
                onChange={(e) => onComment(e.target.value)}
                data-testid="item-comment"
              />
            </Flex>
          </Flex>
        )}
        {onSite ? (
          <PhotoBox
            reviewId={sheet.id}
            criterionId={c.id}
            photos={sheet.photos.filter((p) => p.criterionId === c.id)}
            editable={editable}
          />
        ) : null}
      </Flex>
    </Card>
  );
}
