import { useState } from 'react';
import { App, Button, Flex, Form, Input } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changePassword, logout, useSession, useSetMe } from '../api/auth';
import { useApiError } from '../app/useApiError';
import { rememberLanguage } from '../i18n';
import { AuthShell } from './AuthShell';
import { PasswordChecklist } from './PasswordChecklist';
import { passwordChecklist, type PasswordOwner } from '../lib/password';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export default function ChangePasswordPage() {
  const { t } = useTranslation('auth');
  const me = useSession();
  const setMe = useSetMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const password = Form.useWatch('newPassword', form) ?? '';
  const confirm = Form.useWatch('confirm', form) ?? '';
  const forced = me.user.mustChangePassword;
  const owner: PasswordOwner = {
    username: me.user.username,
    role: me.roles[0] ?? null,
    organizationName: me.scope.organizationName,
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const session = await changePassword(v.currentPassword, v.newPassword);
      setMe(session);
      message.success(t('password.changed'));
      navigate('/', { replace: true });
    } catch (e) {
      onError(e, { form, fields: FIELDS });
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    await logout(qc, () => navigate('/login', { replace: true })).catch(() => undefined);
    rememberLanguage(); // the logout answer clears site storage
  };

  return (
    <AuthShell
      title={t('password.title')}
      subtitle={
        forced
          ? t(me.user.passwordExpired ? 'password.expiredHint' : 'password.forcedHint')
          : t('password.hint')
      }
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <input type="text" name="username" autoComplete="username" value={me.user.username} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="pwd-current" maxLength={256} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('validation.required') },
            {
              validator: async (_r, value: string | undefined) => {
                if (value && passwordChecklist(value, owner, value).some((i) => !i.ok))
                  throw new Error(t('password.policyNotMet'));
              },
            },
          ]}
          style={{ marginBottom: 8 }}
        >
          <Input.Password autoComplete="new-password" data-testid="pwd-new" maxLength={128} />
        </Form.Item>
        <PasswordChecklist password={password} owner={owner} confirm={confirm} />
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: async (_r, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="pwd-confirm" maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="pwd-submit">
          {t('password.submit')}
        </Button>
      </Form>
      <Flex justify="center" style={{ marginTop: 16 }}>
        {forced ? (
          <Button type="link" onClick={() => void signOut()}>
            {t('layout.logout')}
          </Button>
        ) : (
          <Link to="/">{t('common.back')}</Link>
        )}
      </Flex>
    </AuthShell>
  );
}
