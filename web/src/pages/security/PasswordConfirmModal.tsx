import { useState } from 'react';
import { Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../app/useApiError';

/** Asks for the password before a change to the second factor; `run` does it (a wrong password shows on the field). */
export function PasswordConfirmModal({
  open,
  title,
  hint,
  okText,
  danger,
  run,
  onClose,
}: {
  open: boolean;
  title: string;
  hint: string;
  okText: string;
  danger?: boolean;
  run: (password: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation('auth');
  const onError = useApiError();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { password } = await form.validateFields();
    setBusy(true);
    try {
      await run(password);
      form.resetFields();
    } catch (e) {
      onError(e, { form, fields: ['password'] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: busy, 'data-testid': 'password-confirm-ok' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>{hint}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <Form.Item
          name="password"
          label={t('security.passwordLabel')}
          rules={[{ required: true, message: t('security.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={256} data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
