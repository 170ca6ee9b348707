import { useEffect, useState } from 'react';
import { Alert, App, Descriptions, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me, PatchMe } from '../../../shared/src/contracts/auth';
import { emailAddress } from '../../../shared/src/contracts/accounts';
import { useSession, useSetMe } from '../api/auth';
import { api } from '../api/client';
import { useApiError } from '../app/useApiError';

interface Values {
  email?: string | null;
}

const FIELDS = ['email'] as const;

/** Optional: empty passes (it clears the address); otherwise the contract's rule, as the server checks it. */
function checkEmail(value: unknown, message: string): Promise<void> {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return v === '' || emailAddress.safeParse(v).success
    ? Promise.resolve()
    : Promise.reject(new Error(message));
}

/** The signed-in user sets or clears the address their notifications are also e-mailed to. */
export function NotificationEmailModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const setMe = useSetMe();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const current = me.user.email;

  useEffect(() => {
    if (open) form.setFieldsValue({ email: current });
  }, [open, current, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: PatchMe = { email: v.email?.trim() || null };
    setBusy(true);
    try {
      setMe(await api.patch<Me>('/api/auth/me', body));
      message.success(t('me.email.saved'));
      onClose();
    } catch (e) {
      onError(e, { form, fields: FIELDS });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('me.email.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'my-email-submit' } as ButtonProps}
    >
      <Descriptions
        column={1}
        size="small"
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'current',
            label: t('me.email.current'),
            children: current ? (
              <Typography.Text data-testid="my-email-current">{current}</Typography.Text>
            ) : (
              <Typography.Text type="secondary" data-testid="my-email-current">
                {t('me.email.none')}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        style={{ marginTop: 16 }}
        onFinish={() => void submit()}
      >
        <Form.Item
          name="email"
          label={t('me.email.field')}
          rules={[{ validator: (_r, v: unknown) => checkEmail(v, t('me.email.invalid')) }]}
        >
          <Input
            type="email"
            maxLength={254}
            allowClear
            autoComplete="email"
            placeholder={t('me.email.placeholder')}
            data-testid="my-email-input"
          />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('me.email.hint')} />
    </Modal>
  );
}
