import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { logout, ME_KEY, useSession } from '../api/auth';
import { ApiError } from '../api/client';
import { confirmEnrolment, SECOND_FACTOR_KEY, useEnrolment } from '../api/second-factor';
import { useApiError } from '../app/useApiError';
import { rememberLanguage } from '../i18n';
import { AuthShell } from './AuthShell';
import { RecoveryCodesView } from './RecoveryCodesView';

/** The key in groups of four, as apps show it when typed in. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Enrolment of a TOTP authenticator: the QR code (or the key typed in), a first code, then the ten recovery
 * codes once. A role that must use a second factor is held here after its password (the session gate).
 */
export default function EnrolPage() {
  const { t } = useTranslation('auth');
  const me = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const onError = useApiError();
  const [form] = Form.useForm<{ code: string }>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const held = me.user.secondFactor === 'enrol';
  const enrolment = useEnrolment(codes === null);

  if (enrolment.error instanceof ApiError && enrolment.error.code === 'CONFLICT' && codes === null)
    return <Navigate to="/account/security" replace />;

  const submit = async (v: { code: string }) => {
    setBusy(true);
    try {
      const done = await confirmEnrolment(v.code.replace(/\s+/g, ''));
      setCodes(done.recoveryCodes);
    } catch (e) {
      onError(e, { form, fields: ['code'] });
    } finally {
      setBusy(false);
    }
  };

  const finish = async () => {
    await qc.invalidateQueries({ queryKey: ME_KEY });
    await qc.invalidateQueries({ queryKey: SECOND_FACTOR_KEY });
    navigate(held ? '/' : '/account/security', { replace: true });
  };

  const signOut = async () => {
    await logout(qc, () => navigate('/login', { replace: true })).catch(() => undefined);
    rememberLanguage();
  };

  if (codes)
    return (
      <AuthShell title={t('enrol.done')}>
        <RecoveryCodesView codes={codes} username={me.user.username} />
        <Button
          type="primary"
          block
          size="large"
          style={{ marginTop: 20 }}
          onClick={() => void finish()}
          data-testid="recovery-saved"
        >
          {t('recovery.saved')}
        </Button>
      </AuthShell>
    );

  const e = enrolment.data;
  return (
    <AuthShell title={t('enrol.title')} subtitle={held ? t('enrol.requiredHint') : t('enrol.optionalHint')}>
      <Flex vertical gap={12}>
        <Typography.Text>{t('enrol.step1')}</Typography.Text>
        <Flex justify="center">
          {e ? (
            <img
              src={e.qrDataUrl}
              alt={t('enrol.qrAlt')}
              width={200}
              height={200}
              data-testid="enrol-qr"
              style={{ border: '1px solid #eee', borderRadius: 6, background: '#fff' }}
            />
          ) : (
            <Skeleton.Image active style={{ width: 200, height: 200 }} />
          )}
        </Flex>
        <Typography.Text type="secondary">{t('enrol.step2')}</Typography.Text>
        {e ? (
          <Flex vertical style={{ background: '#f7f7f8', borderRadius: 6, padding: '8px 12px' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('enrol.account')}: {e.account}
            </Typography.Text>
            <Typography.Text
              copyable={{ text: e.secret }}
              data-testid="enrol-secret"
              data-secret={e.secret}
              style={{ fontFamily: 'monospace', fontSize: 15, wordBreak: 'break-all' }}
            >
              {grouped(e.secret)}
            </Typography.Text>
          </Flex>
        ) : null}
        {enrolment.isError &&
        !(enrolment.error instanceof ApiError && enrolment.error.code === 'CONFLICT') ? (
          <Alert type="error" showIcon title={t('errors.unknown')} />
        ) : null}
        <Typography.Text>{t('enrol.step3')}</Typography.Text>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} size="large">
          <Form.Item
            name="code"
            label={t('code.label')}
            rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t('code.required') }]}
          >
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              placeholder="123456"
              data-testid="enrol-code"
              style={{ fontFamily: 'monospace', letterSpacing: 4 }}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={busy}
            disabled={!e}
            data-testid="enrol-submit"
          >
            {t('enrol.submit')}
          </Button>
        </Form>
      </Flex>
      <Flex justify="center" style={{ marginTop: 16 }}>
        {held ? (
          <Button type="link" onClick={() => void signOut()}>
            {t('layout.logout')}
          </Button>
        ) : (
          <Link to="/account/security">{t('common.back')}</Link>
        )}
      </Flex>
    </AuthShell>
  );
}
