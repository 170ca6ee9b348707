import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function AppFooter() {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('app.footer', { year: new Date().getFullYear() })}
    </Typography.Text>
  );
}
