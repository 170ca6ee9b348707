import { Alert, Button, Descriptions, Grid, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a new one-time password once, with a copy button; it cannot be fetched again. */
export function OneTimePasswordModal({
  value,
  onClose,
}: {
  /** An account (or a reviewer, whose account it is) with its new password. */
  value: { account: { username: string; displayName: string }; oneTimePassword: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('accounts');
  const phone = !Grid.useBreakpoint().sm;
  return (
    <Modal
      open={!!value}
      title={t('otpTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="otp-close">
          {t('otpDone')}
        </Button>
      }
      destroyOnHidden
    >
      {value ? (
        <>
          <Alert type="warning" showIcon title={t('otpWarning')} style={{ margin: '16px 0' }} />
          <Descriptions
            column={1}
            size="small"
            bordered
            layout={phone ? 'vertical' : 'horizontal'}
            items={[
              { key: 'user', label: t('field.username'), children: value.account.username },
              { key: 'name', label: t('field.displayName'), children: value.account.displayName },
              {
                key: 'otp',
                label: t('otp'),
                children: (
                  <Typography.Text
                    className="sf-mono"
                    style={{ fontSize: 18, letterSpacing: 1 }}
                    copyable={{
                      text: value.oneTimePassword,
                      tooltips: [t('common.copy'), t('common.copied')],
                    }}
                    data-testid="otp-value"
                  >
                    {value.oneTimePassword}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Modal>
  );
}
