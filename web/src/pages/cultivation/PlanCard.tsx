import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  SETTABLE_CULTIVATION_STATUSES,
  type CultivationDetail,
} from '../../../../shared/src/contracts/cultivation';
import { CULTIVATION_TRANSITIONS } from '../../../../shared/src/domain/cultivation-rules';
import { ApiError } from '../../api/client';
import { CULTIVATIONS, cultivationKey, patchCultivationReq } from '../../api/cultivation';
import { useApiError } from '../../app/useApiError';
import { conflictInfo, conflictKey, type ConflictInfo } from '../../lib/applications';
import { formatDateTime } from '../../lib/format';

interface Values {
  plan: string;
  status: (typeof SETTABLE_CULTIVATION_STATUSES)[number];
}

interface Props {
  detail: CultivationDetail;
  editable: boolean;
  /** Loads the record again (after a version conflict). */
  onReload: () => Promise<void>;
}

/** The plan and the hand-set status, saved with the version this drawer loaded; conflicts are shown. */
export function PlanCard({ detail, editable, onReload }: Props) {
  const { t } = useTranslation('cultivation');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const canEdit = editable && detail.status !== 'applied';
  const statuses = SETTABLE_CULTIVATION_STATUSES.filter(
    (s) => s === detail.status || CULTIVATION_TRANSITIONS[detail.status].includes(s),
  );

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const saved = await patchCultivationReq(detail.id, {
        version: detail.version,
        plan: v.plan.trim() || null,
        ...(v.status !== detail.status ? { status: v.status } : {}),
      });
      qc.setQueryData(cultivationKey(detail.id), saved);
      void qc.invalidateQueries({ queryKey: [...CULTIVATIONS, 'list'] });
      void message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT')
        setConflict(conflictInfo(e.extra, formatDateTime));
      else onError(e, { form, fields: ['plan', 'status'] });
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    await onReload();
    setConflict(null);
  };

  return (
    <Card size="small" title={t('planTitle')} data-testid="cultivation-plan-card">
      {conflict ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="version-conflict"
          title={t('conflictTitle')}
          description={t(`${conflictKey(conflict)}`, { ...conflict })}
          action={
            <Button size="small" type="primary" onClick={() => void reload()} data-testid="conflict-reload">
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      {canEdit ? (
        <Form<Values>
          form={form}
          layout="vertical"
          key={detail.version}
          initialValues={{ plan: detail.plan ?? '', status: detail.status as Values['status'] }}
        >
          <Form.Item name="status" label={t('field.status')}>
            <Select
              options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              style={{ maxWidth: 200 }}
              data-testid="cultivation-status-select"
            />
          </Form.Item>
          <Form.Item name="plan" label={t('field.plan')}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={5000}
              placeholder={t('planPlaceholder')}
              data-testid="cultivation-plan"
            />
          </Form.Item>
          <Flex justify="end">
            <Button
              type="primary"
              loading={busy}
              disabled={!!conflict}
              onClick={() => void save()}
              data-testid="cultivation-plan-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Form>
      ) : (
        <Typography.Paragraph
          type={detail.plan ? undefined : 'secondary'}
          style={{ whiteSpace: 'pre-wrap', margin: 0 }}
          data-testid="cultivation-plan-text"
        >
          {detail.plan || t('planEmpty')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
