import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXPORT_PURPOSE_MAX, EXPORT_PURPOSE_MIN } from '../../../shared/src/contracts/common';
import { useApiError } from '../app/useApiError';

/**
 * Asks for the purpose of an export with unmasked personal data (issue #9 §5, PI-02) and runs it; the
 * server refuses one without and records it in the audit log. A server field error on `purpose` shows
 * under the field. Mounted only while open, so each export starts with an empty form.
 */
export function ExportPurposeModal({
  onExport,
  onClose,
}: {
  onExport: (purpose: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const onError = useApiError();
  const [form] = Form.useForm<{ purpose: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await onExport(v.purpose.trim());
      onClose();
    } catch (e) {
      onError(e, { form, fields: ['purpose'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('exportPurpose.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('exportPurpose.ok')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('exportPurpose.intro')} style={{ margin: '16px 0' }} />
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="purpose"
          label={t('exportPurpose.label')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            {
              validator: async (_r, v: string | undefined) => {
                if ([...(v ?? '').trim()].length < EXPORT_PURPOSE_MIN)
                  throw new Error(t('validation.minLength', { min: EXPORT_PURPOSE_MIN }));
              },
            },
          ]}
        >
          <Input
            maxLength={EXPORT_PURPOSE_MAX}
            placeholder={t('exportPurpose.placeholder')}
            data-testid="export-purpose"
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
