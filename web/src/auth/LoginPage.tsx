import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { login, useMe, useSetMe } from '../api/auth';
import { ApiError, CLIENT_CODES } from '../api/client';
import { landingFor, safeNext } from '../lib/redirect';
import { AuthShell } from './AuthShell';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation('auth');
  const { data: me } = useMe();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (me) return <Navigate to={landingFor(me.user, next)} replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const session = await login(v.username.trim(), v.password);
      setMe(session);
      navigate(landingFor(session.user, next), { replace: true });
    } catch (e) {
      // One generic message whatever went wrong with the credentials (no hint which one).
      if (e instanceof ApiError && e.code === CLIENT_CODES.network) setError(t('errors.network'));
      else if (e instanceof ApiError && e.code === 'RATE_LIMITED') setError(e.message || t('login.failed'));
      else setError(t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title={t('login.title')} subtitle={t('login.subtitle')}>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
      ) : null}
      <Form<Values> layout="vertical" requiredMark={false} onFinish={submit} autoComplete="on" size="large">
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            data-testid="login-username"
            maxLength={64}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            data-testid="login-password"
            maxLength={256}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, fontSize: 13 }}>
        {t('login.hint')}
      </Typography.Paragraph>
    </AuthShell>
  );
}
