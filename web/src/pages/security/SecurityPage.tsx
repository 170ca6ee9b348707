import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Modal, Skeleton, Tag, Typography } from 'antd';
import { KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAbility, useSession } from '../../api/auth';
import {
  disableSecondFactor,
  regenerateRecoveryCodes,
  SECOND_FACTOR_KEY,
  useSecondFactorStatus,
} from '../../api/second-factor';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { RecoveryCodesView } from '../../auth/RecoveryCodesView';
import { PasswordConfirmModal } from './PasswordConfirmModal';
import { PrivilegedRequestsCard } from './PrivilegedRequestsCard';

/** 账户安全: the second factor (on/off, recovery codes), the password, and four-eyes requests to decide. */
export default function SecurityPage() {
  const { t } = useTranslation('auth');
  const me = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const status = useSecondFactorStatus();
  const decides = useAbility('privileged.decide');
  const [asking, setAsking] = useState<'regenerate' | 'disable' | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const s = status.data;
  const refresh = () => qc.invalidateQueries({ queryKey: SECOND_FACTOR_KEY });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <PageHeader title={t('security.title')} />
      {s?.relaxedForDemo ? <Alert type="warning" showIcon title={t('security.demoRelaxed')} /> : null}
      <Card
        title={
          <Flex align="center" gap={8}>
            <SafetyCertificateOutlined />
            {t('security.factorTitle')}
          </Flex>
        }
        data-testid="security-factor"
      >
        {!s ? (
          <Skeleton active />
        ) : (
          <Flex vertical gap={16}>
            <Descriptions column={1} size="small" colon={false} labelStyle={{ width: 120 }}>
              <Descriptions.Item label={t('security.factorTitle').split('（')[0]!.split(' (')[0]}>
                <Flex gap={8} wrap>
                  <Tag color={s.enrolled ? 'green' : 'default'} data-testid="security-factor-state">
                    {s.enrolled ? t('security.on') : t('security.off')}
                  </Tag>
                  <Tag color={s.required ? 'red' : undefined}>
                    {s.required ? t('security.required') : t('security.optional')}
                  </Tag>
                </Flex>
              </Descriptions.Item>
              {s.enrolled ? (
                <>
                  <Descriptions.Item label={t('security.enrolledAt')}>
                    {formatDateTime(s.enrolledAt)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('security.codesLeft')}>
                    <span data-testid="security-codes-left">
                      {t('security.codesLeftValue', { count: s.recoveryCodesLeft })}
                    </span>
                  </Descriptions.Item>
                </>
              ) : null}
            </Descriptions>
            {s.enrolled && s.recoveryCodesLeft <= 3 ? (
              <Alert type="warning" showIcon title={t('security.codesLow')} />
            ) : null}
            <Flex gap={8} wrap>
              {s.enrolled ? (
                <>
                  <Button onClick={() => setAsking('regenerate')} data-testid="security-regenerate">
                    {t('security.regenerate')}
                  </Button>
                  {!s.required ? (
                    <Button danger onClick={() => setAsking('disable')} data-testid="security-disable">
                      {t('security.disable')}
                    </Button>
                  ) : null}
                </>
              ) : (
                <Button
                  type="primary"
                  onClick={() => navigate('/second-factor/enrol')}
                  data-testid="security-enable"
                >
                  {t('security.enable')}
                </Button>
              )}
            </Flex>
          </Flex>
        )}
      </Card>
      <Card
        title={
          <Flex align="center" gap={8}>
            <KeyOutlined />
            {t('security.passwordTitle')}
          </Flex>
        }
      >
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary">{t('security.passwordHint')}</Typography.Text>
          <Button onClick={() => navigate('/change-password')}>{t('security.changePassword')}</Button>
        </Flex>
      </Card>
      {decides ? <PrivilegedRequestsCard /> : null}

      <PasswordConfirmModal
        open={asking === 'regenerate'}
        title={t('security.regenerate')}
        hint={t('security.regenerateHint')}
        okText={t('security.regenerate')}
        onClose={() => setAsking(null)}
        run={async (password) => {
          const res = await regenerateRecoveryCodes(password);
          setAsking(null);
          setCodes(res.recoveryCodes);
          await refresh();
        }}
      />
      <PasswordConfirmModal
        open={asking === 'disable'}
        title={t('security.disable')}
        hint={t('security.disableHint')}
        okText={t('security.disable')}
        danger
        onClose={() => setAsking(null)}
        run={async (password) => {
          await disableSecondFactor(password);
          setAsking(null);
          message.success(t('security.disabled'));
          await refresh();
        }}
      />
      <Modal
        open={codes !== null}
        title={t('recovery.title')}
        onCancel={() => setCodes(null)}
        footer={
          <Button type="primary" onClick={() => setCodes(null)} data-testid="recovery-saved">
            {t('recovery.saved')}
          </Button>
        }
        destroyOnHidden
      >
        {codes ? <RecoveryCodesView codes={codes} username={me.user.username} /> : null}
      </Modal>
    </Flex>
  );
}
