import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <Alert
      banner
      type="warning"
      title={t('layout.demoBanner')}
      data-testid="demo-banner"
      style={{ textAlign: 'center' }}
    />
  );
}
