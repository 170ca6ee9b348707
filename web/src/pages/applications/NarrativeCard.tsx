import { Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  FIELD_LIMITS,
  NARRATIVE_FIELDS,
  type ApplicationDetail,
  type NarrativeField,
} from '../../../../shared/src/contracts/applications';
import type { ApplicationSaver } from './useApplicationSaver';

const ROWS: Record<NarrativeField, number> = {
  brandName: 1,
  summary: 4,
  features: 5,
  practices: 8,
  results: 5,
};

/** 党建品牌, 概述, 特色亮点创新点, 主要做法, 工作成效: autosaved as the user types. */
export function NarrativeCard({
  detail,
  editable,
  saver,
}: {
  detail: ApplicationDetail;
  editable: boolean;
  /** Absent for read-only views. */
  saver?: ApplicationSaver;
}) {
  const { t } = useTranslation('applications');
  const initial = Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, detail[f] ?? '']));
  return (
    <Card title={t('narrativeTitle')} data-testid="narrative-card">
      {editable ? (
        <Form
          layout="vertical"
          initialValues={initial}
          onValuesChange={(changed: Partial<Record<NarrativeField, string>>) => {
            for (const [k, v] of Object.entries(changed)) saver?.setField(k as NarrativeField, v ?? null);
          }}
        >
          {NARRATIVE_FIELDS.map((f) => (
            <div key={f} id={`field-${f}`}>
              <Form.Item name={f} label={t(`narrative.${f}`)} extra={t(`narrativeHint.${f}`)}>
                {f === 'brandName' ? (
                  <Input maxLength={FIELD_LIMITS[f]} showCount data-testid={`field-${f}`} />
                ) : (
                  <Input.TextArea
                    maxLength={FIELD_LIMITS[f]}
                    showCount
                    autoSize={{ minRows: ROWS[f], maxRows: 24 }}
                    data-testid={`field-${f}`}
                  />
                )}
              </Form.Item>
            </div>
          ))}
        </Form>
      ) : (
        NARRATIVE_FIELDS.map((f) => (
          <div key={f} id={`field-${f}`} style={{ marginBottom: 16 }}>
            <Typography.Text type="secondary">{t(`narrative.${f}`)}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {detail[f] || '—'}
            </Typography.Paragraph>
          </div>
        ))
      )}
    </Card>
  );
}
