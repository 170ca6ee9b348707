import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/src/contracts/applications';
import { transitionReq } from '../../api/applications';
import { useApiError } from '../../app/useApiError';

export type Decision = { kind: 'recommend' | 'return'; detail: ApplicationDetail; rank: number };

interface Values {
  opinion?: string;
  rank?: number;
  reason?: string;
}

/** 推荐 (opinion + rank) or 退回 (reason) one submitted application. */
export function DecisionModal({
  decision,
  onClose,
  onDone,
}: {
  decision: Decision | null;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('recommend');
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const recommend = decision?.kind === 'recommend';

  useEffect(() => {
    if (!decision) return;
    form.resetFields();
    form.setFieldsValue({ rank: decision.rank });
  }, [decision, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !decision) return;
    setBusy(true);
    try {
      await transitionReq(
        decision.detail.id,
        decision.kind,
        recommend ? { opinion: v.opinion?.trim(), rank: v.rank } : { reason: v.reason?.trim() },
      );
      onClose();
      await onDone();
    } catch (e) {
      onError(e, { form, fields: ['opinion', 'rank', 'reason'] });
      if (!recommend) await onDone();
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Modal
      open={!!decision}
      title={recommend ? t('recommendTitle') : t('returnTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={recommend ? t('recommend') : t('return')}
      okButtonProps={{ danger: !recommend, 'data-testid': 'decision-submit' } as ButtonProps}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" style={{ marginTop: 16 }}>
        {recommend ? (
          <>
            <Form.Item name="opinion" label={t('opinion')} rules={required}>
              <Input.TextArea
                maxLength={2000}
                showCount
                autoSize={{ minRows: 3, maxRows: 8 }}
                data-testid="decision-opinion"
              />
            </Form.Item>
            <Form.Item
              name="rank"
              label={t('rank')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber
                min={1}
                max={10000}
                precision={0}
                style={{ width: 140 }}
                data-testid="decision-rank"
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label={t('reason')} rules={required} extra={t('reasonHint')}>
            <Input.TextArea
              maxLength={2000}
              showCount
              autoSize={{ minRows: 3, maxRows: 8 }}
              data-testid="decision-reason"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
