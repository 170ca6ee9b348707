import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Popconfirm, Typography } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PRIVILEGED_KIND_LABELS } from '../../../../shared/src/contracts/privileged-requests';
import { decidePrivileged, PRIVILEGED_KEY, usePrivilegedRequests } from '../../api/second-factor';
import { useApiError } from '../../app/useApiError';
import { bilingual, roleLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { OneTimePasswordModal } from '../accounts/OneTimePasswordModal';

/** Four-eyes requests waiting for a decision, each with approve and reject (both confirm the consequence). */
export function PrivilegedRequestsCard() {
  const { t, i18n } = useTranslation('auth');
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const list = usePrivilegedRequests('pending');
  // An approved password reset: its one-time password, shown once to the approver alone.
  const [otp, setOtp] = useState<{
    account: { username: string; displayName: string };
    oneTimePassword: string;
  } | null>(null);
  const decide = async (id: string, d: 'approve' | 'reject') => {
    try {
      const decided = await decidePrivileged(id, d);
      if (decided.oneTimePassword)
        setOtp({ account: decided.target, oneTimePassword: decided.oneTimePassword });
      message.success(d === 'approve' ? t('privileged.approved') : t('privileged.rejected'));
    } catch (e) {
      onError(e);
    } finally {
      await qc.invalidateQueries({ queryKey: PRIVILEGED_KEY });
    }
  };
  const items = list.data?.items ?? [];
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <AuditOutlined />
          {t('privileged.title')}
        </Flex>
      }
      data-testid="privileged-requests"
    >
      <Typography.Paragraph type="secondary">{t('privileged.hint')}</Typography.Paragraph>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('privileged.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {items.map((r) => (
            <Flex
              key={r.id}
              vertical
              gap={4}
              style={{ border: '1px solid #eee', borderRadius: 6, padding: 12 }}
              data-testid="privileged-request"
            >
              <Typography.Text strong>
                {bilingual(
                  i18n.language,
                  PRIVILEGED_KIND_LABELS[r.kind].zh,
                  PRIVILEGED_KIND_LABELS[r.kind].en,
                )}{' '}
                · {r.target.displayName}（{r.target.username}）
              </Typography.Text>
              {r.role ? (
                <Typography.Text data-testid="privileged-grant">
                  {t('privileged.grant')}：{roleLabel(t, r.role)}
                  {r.organization ? ` · ${r.organization.name}` : ''}
                </Typography.Text>
              ) : null}
              <Typography.Text type="secondary">
                {t('privileged.requestedBy')}：{r.requestedBy.displayName} · {formatDateTime(r.createdAt)}
              </Typography.Text>
              <Typography.Text>
                {t('privileged.reason')}：{r.reason}
              </Typography.Text>
              <Flex gap={8} justify="flex-end">
                <Popconfirm title={t('privileged.rejectConfirm')} onConfirm={() => decide(r.id, 'reject')}>
                  <Button>{t('privileged.reject')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t(`privileged.approveConfirm.${r.kind}`, { name: r.target.displayName })}
                  onConfirm={() => decide(r.id, 'approve')}
                  okButtonProps={{ danger: true }}
                >
                  <Button type="primary" danger data-testid="privileged-approve">
                    {t('privileged.approve')}
                  </Button>
                </Popconfirm>
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
      <OneTimePasswordModal value={otp} onClose={() => setOtp(null)} />
    </Card>
  );
}
