import { useState } from 'react';
import { Alert, Button, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { logout, useSetMe } from '../api/auth';
import { ApiError, CLIENT_CODES } from '../api/client';
import { verifySecondFactor } from '../api/second-factor';
import { rememberLanguage } from '../i18n';
import { landingFor, safeNext } from '../lib/redirect';
import { AuthShell } from './AuthShell';

/** How long "remember this device" lasts: the server's absolute session lifetime (default 12 h). */
const REMEMBER_HOURS = 12;

interface Values {
  code?: string;
  recoveryCode?: string;
  remember: boolean;
}

/** The second step of a login: the authenticator's code, or a recovery code. */
export default function SecondFactorPage() {
  const { t } = useTranslation('auth');
  const setMe = useSetMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<Values>();
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const me = await verifySecondFactor(
        recovery
          ? { recoveryCode: v.recoveryCode!.trim(), rememberDevice: v.remember }
          : { code: v.code!.replace(/\s+/g, ''), rememberDevice: v.remember },
      );
      setMe(me);
      navigate(landingFor(me.user, next), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === CLIENT_CODES.network) setError(t('errors.network'));
      else if (e instanceof ApiError && e.code === 'RATE_LIMITED') setError(e.message);
      else setError(t('code.failed'));
      form.setFieldsValue({ code: '', recoveryCode: '' });
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    await logout(qc, () => navigate('/login', { replace: true })).catch(() => undefined);
    rememberLanguage();
  };

  return (
    <AuthShell title={t('code.title')} subtitle={recovery ? t('code.recoverySubtitle') : t('code.subtitle')}>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="code-error" />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        size="large"
        initialValues={{ remember: false }}
      >
        {recovery ? (
          <Form.Item
            name="recoveryCode"
            label={t('code.recoveryLabel')}
            rules={[{ required: true, whitespace: true, message: t('code.recoveryRequired') }]}
          >
            <Input
              autoComplete="off"
              autoFocus
              spellCheck={false}
              placeholder="xxxxx-xxxxx"
              maxLength={64}
              data-testid="code-recovery"
              style={{ fontFamily: 'monospace' }}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="code"
            label={t('code.label')}
            rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t('code.required') }]}
          >
            <Input
              prefix={<SafetyOutlined />}
              inputMode="numeric"
              autoComplete="one-time-code"
              autoFocus
              maxLength={7}
              placeholder="123456"
              data-testid="code-input"
              style={{ fontFamily: 'monospace', letterSpacing: 4 }}
            />
          </Form.Item>
        )}
        <Form.Item name="remember" valuePropName="checked" extra={t('code.rememberHint')}>
          <Checkbox data-testid="code-remember">{t('code.remember', { hours: REMEMBER_HOURS })}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="code-submit">
          {t('code.submit')}
        </Button>
      </Form>
      <Flex justify="space-between" wrap gap={8} style={{ marginTop: 16 }}>
        <Button
          type="link"
          style={{ padding: 0 }}
          data-testid="code-switch"
          onClick={() => {
            setRecovery(!recovery);
            setError(null);
          }}
        >
          {recovery ? t('code.useCode') : t('code.useRecovery')}
        </Button>
        <Button type="link" style={{ padding: 0 }} onClick={() => void signOut()}>
          {t('layout.logout')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
        {t('code.lostDevice')}
      </Typography.Paragraph>
    </AuthShell>
  );
}
